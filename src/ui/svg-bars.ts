/**
 * A horizontal bar chart as inline SVG, drawn on the server (no chart library, no script): a label, a bar and the
 * value in text on every row, so it reads without colour; the figure's title names what it shows for screen readers.
 */
import { html, type Safe } from './safe-html.ts';

export interface Bar {
  label: string;
  value: number;
  /** The value as shown beside the bar (e.g. `12,400.00 USD`, `87.5 %`). */
  text: string;
}

const ROW = 26;
const LABEL_W = 190;
const BAR_W = 380;
const VALUE_W = 150;

/** `max`: the value of a full bar (default the largest value; e.g. 100 for percentages). */
export function barChart(title: string, bars: readonly Bar[], max?: number): Safe {
  const top = Math.max(max ?? 0, ...bars.map((b) => Math.abs(b.value)), 1e-9);
  const width = LABEL_W + BAR_W + VALUE_W;
  const height = bars.length * ROW + 4;
  return html`<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-label="${title}">
<title>${title}</title>
${bars.map((b, i) => {
  const y = i * ROW + 2;
  const w = Math.max(b.value === 0 ? 0 : 2, Math.round((Math.abs(b.value) / top) * BAR_W));
  return html`<g><text x="${LABEL_W - 8}" y="${y + 17}" text-anchor="end">${clip(b.label, 28)}</text><rect class="bar${b.value < 0 ? ' negative' : ''}" x="${LABEL_W}" y="${y + 4}" width="${w}" height="${ROW - 8}"></rect><text x="${LABEL_W + w + 6}" y="${y + 17}">${b.text}</text></g>`;
})}
</svg>`;
}

function clip(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}

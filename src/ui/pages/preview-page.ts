import type { EntityRowsPreview } from '../entity-preview.ts';
import { html, type Safe } from '../safe-html.ts';
import { previewForm } from './check-page.ts';

const cell = (v: unknown) => (v === null || v === undefined ? html`<span class="muted">null</span>` : String(v));

/** Up to 20 rows of one entity as a sync would write them (every target column, lineage included). */
export function previewPage(entities: readonly string[], p: EntityRowsPreview | null, problem: string | null): Safe {
  return html`
${previewForm(entities, p?.entity ?? null)}
${problem ? html`<p class="notice" role="alert">The preview could not be read: ${problem}</p>` : ''}
${
  p
    ? html`<section class="panel" aria-labelledby="preview-h">
<h2 id="preview-h">${p.rows.length} row${p.rows.length === 1 ? '' : 's'} of <code>${p.table}</code> from ${p.entity} (company ${p.company}), ${p.columns.length} columns</h2>
${p.bad.length > 0 ? html`<p class="warn"><strong>${p.bad.length} of the rows read do not map</strong> and would be reported as bad records:</p><ul id="preview-bad">${p.bad.map((b) => html`<li><code>${b.key}</code>: ${b.reason}</li>`)}</ul>` : ''}
${p.skipped.length > 0 ? html`<p class="muted">Not loaded: ${p.skipped.map((s) => `${s.field} (${s.reason})`).join('; ')}</p>` : ''}
<div class="scroll"><table id="preview"><thead><tr>${p.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${p.rows.map((r) => html`<tr>${p.columns.map((c) => html`<td>${cell(r[c])}</td>`)}</tr>`)}</tbody></table></div>
</section>`
    : ''
}`;
}

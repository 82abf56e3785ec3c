import { html, type Safe } from './safe-html.ts';

export type PageName = 'runs' | 'check' | 'setup' | 'analytics';

const NAV: [PageName, string, string][] = [
  ['runs', '/runs', 'Runs'],
  ['check', '/check', 'Fit check'],
  ['setup', '/setup', 'Setup'],
  ['analytics', '/analytics', 'Analytics'],
];

/** The page shell: one stylesheet and one script from this server (the CSP allows nothing inline). */
export function layout(title: string, current: PageName | null, body: Safe): string {
  const nav = current
    ? html`<nav aria-label="Pages"><ul>${NAV.map(
        ([name, href, label]) =>
          html`<li><a href="${href}"${name === current ? html` aria-current="page"` : ''}>${label}</a></li>`,
      )}</ul></nav>`
    : '';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ml-connector</title>
<link rel="stylesheet" href="/assets/console.css">
<script src="/assets/console.js" defer></script>
</head>
<body>
<header><a class="brand" href="/runs">ml-connector</a>${nav}</header>
<main id="main">
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.text;
}

/** A status in words with a symbol beside it (readable without colour). */
export function statusBadge(status: string): Safe {
  const symbol: Record<string, string> = {
    succeeded: '✓',
    ok: '✓',
    partial: '⚠',
    adapted: '⚠',
    failed: '✗',
    running: '…',
    skipped: '–',
  };
  return html`<span class="status status-${status}"><span aria-hidden="true">${symbol[status] ?? '•'}</span> ${status}</span>`;
}

/**
 * The console's one stylesheet and one script, served from this server (the Content-Security-Policy allows no
 * inline code). The script only enhances: live lines over Server-Sent Events, and showing the fields of the chosen
 * sign-in type; every page works without it.
 */
export const CONSOLE_CSS = `
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--accent:#0b5cad;--bad:#a40e26;--warn:#7a4d00;--good:#116329}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header{display:flex;align-items:center;gap:2rem;padding:.6rem 1.5rem;background:var(--ink);color:#fff}
header a{color:#fff;text-decoration:none}
.brand{font-weight:700;letter-spacing:.02em}
nav ul{display:flex;gap:.25rem;list-style:none;margin:0;padding:0}
nav a{display:block;padding:.35rem .8rem;border-radius:6px}
nav a[aria-current=page]{background:#fff;color:var(--ink);font-weight:600}
nav a:hover{text-decoration:underline}
main{max-width:1180px;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.6rem;margin:.6rem 0 1rem}
h2{font-size:1.1rem;margin:0 0 .6rem}
a{color:var(--accent)}
:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.panel{border:1px solid var(--line);border-radius:8px;padding:1rem;margin:1rem 0;background:#fff;overflow-x:auto}
.actions{display:flex;align-items:center;gap:1rem;flex-wrap:wrap;margin:.5rem 0}
.muted,small{color:var(--muted)}
small{display:block;font-size:.85rem;margin-top:.15rem}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.45rem 1rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none}
button[disabled]{opacity:.55;cursor:not-allowed}
.button.secondary{background:#fff;color:var(--accent)}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
thead th{background:var(--bg);font-size:.85rem;white-space:nowrap}
tbody th{font-weight:600;white-space:nowrap}
.num{text-align:right}
td.error{color:var(--bad);max-width:28rem}
.status{white-space:nowrap;font-weight:600}
.status-succeeded,.status-ok{color:var(--good)}
.status-partial,.status-adapted,.warn{color:var(--warn)}
.status-failed{color:var(--bad)}
.notice{border:2px solid var(--bad);border-radius:6px;padding:.6rem .8rem;background:#fff5f5}
.notice p{margin:0}
.notice.ok{border-color:var(--good);background:#f3fbf4}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--bg);padding:.05em .3em;border-radius:4px}
#probes{list-style:none;padding:0;margin:0}
.probe{padding:.45rem .2rem;border-bottom:1px solid var(--line)}
.probe .sym{display:inline-block;width:1.2em;font-weight:700}
.probe-ok .sym{color:var(--good)}.probe-adapted .sym{color:var(--warn)}.probe-failed .sym{color:var(--bad)}
.probe .word{color:var(--muted)}
.probe-failed .word{color:var(--bad);font-weight:600}
.fix{display:block;margin:.2rem 0 0 1.5em}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:1rem;margin-bottom:1rem}
fieldset{border:1px solid var(--line);border-radius:8px;padding:.6rem 1rem 1rem;margin:0}
legend{font-weight:700;padding:0 .4rem}
.field{margin:.7rem 0}
.field label{display:block;font-weight:600;margin-bottom:.2rem}
.field input,.field select,.login input{width:100%;font:inherit;padding:.4rem .5rem;border:1px solid #8c959f;border-radius:6px}
.field.invalid input,.field.invalid select{border:2px solid var(--bad)}
.field-error{display:block;color:var(--bad);margin-top:.2rem}
.secret-state{font-weight:400;font-size:.8rem;border:1px solid var(--line);border-radius:999px;padding:0 .5rem;margin-left:.4rem}
.secret-state[data-state=set]{color:var(--good)}
.login{max-width:24rem;display:grid;gap:.5rem}
[hidden]{display:none!important}
svg text{font:12px system-ui,sans-serif;fill:var(--ink)}
`;

export const CONSOLE_JS = `
(function () {
  'use strict';
  function showAuthFields() {
    document.querySelectorAll('select[name$=".auth.type"]').forEach(function (sel) {
      var side = sel.name.split('.')[0];
      document.querySelectorAll('[data-auth^="' + side + ':"]').forEach(function (row) {
        var types = row.getAttribute('data-auth').split(':')[1].split(' ');
        row.hidden = types.indexOf(sel.value) < 0;
      });
    });
  }
  document.addEventListener('change', function (e) {
    if (e.target && e.target.matches && e.target.matches('select[name$=".auth.type"]')) showAuthFields();
  });
  showAuthFields();

  var live = document.querySelector('[data-live]');
  if (!live || !window.EventSource) return;
  var source = new EventSource('/events');
  function upsert(container, selector, fragment) {
    var holder = document.createElement(container.tagName === 'TBODY' ? 'tbody' : 'ol');
    holder.innerHTML = fragment;
    var node = holder.firstElementChild;
    var old = selector && container.querySelector(selector);
    if (old) old.replaceWith(node); else container.appendChild(node);
  }
  source.addEventListener('probe', function (e) {
    var d = JSON.parse(e.data);
    var list = document.getElementById('probes');
    if (!list || String(d.job) !== list.getAttribute('data-job')) return;
    upsert(list, '[data-id="' + CSS.escape(d.id) + '"]', d.html);
  });
  source.addEventListener('progress', function (e) {
    var d = JSON.parse(e.data);
    var table = document.getElementById('live');
    if (!table || String(d.job) !== table.getAttribute('data-job')) return;
    upsert(table.tBodies[0], 'tr[data-entity="' + CSS.escape(d.entity) + '"]', d.html);
  });
  source.addEventListener('job', function (e) {
    var d = JSON.parse(e.data);
    if (live.getAttribute('data-kinds').split(' ').indexOf(d.kind) < 0) return;
    var shown = Number(live.getAttribute('data-live') || 0);
    var shownState = live.getAttribute('data-state');
    // Render the page again from the server when a job newer than the one it shows exists, or the one it shows
    // (rendered while running) has ended, even if it ended before this stream opened.
    if (d.job > shown || (d.job === shown && shownState === 'running' && d.state !== 'running')) {
      source.close();
      location.reload();
    }
  });
})();
`;

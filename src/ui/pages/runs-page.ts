import type { LedgerRun as RunRecord } from '../../pipeline/ports.ts';
import type { EntityProgress, Job } from '../console-jobs.ts';
import { statusBadge } from '../layout.ts';
import type { LedgerView } from '../ledger-view.ts';
import { html, type Safe } from '../safe-html.ts';

const when = (d: Date | null | undefined) =>
  d ? html`<time datetime="${d.toISOString()}">${d.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>` : '—';

function duration(r: RunRecord): string {
  if (!r.finishedAt || !r.startedAt) return 'running';
  const s = Math.round((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000);
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

function age(seconds: number | null): string {
  if (seconds === null) return 'never synced';
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}

const sum = (r: RunRecord, k: 'fetched' | 'inserted' | 'updated' | 'bad') =>
  Object.values(r.entities).reduce((n, c) => n + (c[k] ?? 0), 0);

/** One row of the live table (also sent over SSE as each entity advances). */
export function entityRow(p: EntityProgress): Safe {
  return html`<tr data-entity="${p.entity}"><th scope="row">${p.entity}</th><td>${p.state === 'loading' ? statusBadge('running') : statusBadge(p.counts?.status ?? 'succeeded')}</td><td class="num">${p.fetched}</td><td class="num">${p.counts?.inserted ?? ''}</td><td class="num">${p.counts?.updated ?? ''}</td><td class="num">${p.counts?.bad ?? ''}</td></tr>`;
}

/** The live view of the console's running (or last) sync or replay: one row per entity. */
export function liveTable(job: Job | null): Safe {
  if (!job || job.kind === 'check') return html``;
  const rows = [...job.entities.values()];
  return html`<section aria-labelledby="live-h" class="panel">
<h2 id="live-h">${job.state === 'running' ? `Running now: ${job.label}` : `Last from this console: ${job.label}`}</h2>
<p id="job-outcome" role="status" aria-live="polite">${job.state === 'running' ? 'running…' : job.outcome}</p>
<table id="live" data-job="${job.id}"><thead><tr><th scope="col">Entity</th><th scope="col">State</th><th scope="col" class="num">Fetched</th><th scope="col" class="num">Inserted</th><th scope="col" class="num">Updated</th><th scope="col" class="num">Bad</th></tr></thead>
<tbody>${rows.map(entityRow)}</tbody></table>
</section>`;
}

function every(ms: number): string {
  if (ms % 86_400_000 === 0) return ms === 86_400_000 ? 'a day' : `${ms / 86_400_000} days`;
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? 'an hour' : `${ms / 3_600_000} h`;
  return `${Math.round(ms / 60_000)} min`;
}

function freshness(e: LedgerView['entities'][number], intervalMs: number | null): Safe {
  if (e.ageSeconds === null) return html`<strong class="warn">never synced</strong>`;
  if (e.stale)
    return html`<strong class="warn">overdue</strong> <span class="muted">(older than 2 × ${every(intervalMs ?? 0)})</span>`;
  return html`${intervalMs === null ? 'synced' : 'fresh'}`;
}

function schedules(view: LedgerView): Safe {
  const times = view.nextSyncs.map((d) => when(d));
  return html`<dl class="schedule" id="schedule">
<dt>Syncs</dt><dd>${view.schedule}${times.length > 0 ? html` — next ${times.flatMap((t, i) => (i === 0 ? [t] : [', ', t]))}` : ' — only when started (here or <code>ml-connector sync</code>)'}</dd>
<dt>Reconcile</dt><dd>${view.reconcileSchedule}${view.nextReconcile ? html` — next ${when(view.nextReconcile)}` : ''}</dd>
</dl>
<p class="muted small">Scheduled runs happen while <code>ml-connector run</code> is up.</p>`;
}

export function runsPage(view: LedgerView, job: Job | null, notice: string | null, selected: string | null): Safe {
  const detail = view.runs.find((r) => r.syncId === selected) ?? view.runs[0];
  return html`
${notice ? html`<p class="notice" role="alert">${notice}</p>` : ''}
<div class="actions">
<a class="button" href="/runs/sync">Sync now…</a>
<a class="button secondary" href="/runs/reconcile">Reconcile…</a>
</div>
${view.problem ? html`<p class="notice" role="alert">The run ledger could not be read: ${view.problem}</p>` : ''}
${liveTable(job)}
<section aria-labelledby="ledger-h" class="panel">
<h2 id="ledger-h">Run ledger</h2>
${
  view.runs.length === 0
    ? html`<p>No runs recorded yet. Run a fit check, then “Sync now”.</p>`
    : html`<table id="ledger"><thead><tr><th scope="col">Run</th><th scope="col">Status</th><th scope="col">Trigger</th><th scope="col">Started</th><th scope="col" class="num">Duration</th><th scope="col" class="num">Fetched</th><th scope="col" class="num">Inserted</th><th scope="col" class="num">Updated</th><th scope="col" class="num">Bad</th><th scope="col">Error</th></tr></thead>
<tbody>${view.runs.map(
        (r) =>
          html`<tr${r === detail ? ' class="selected"' : ''}><th scope="row"><a href="/runs?run=${encodeURIComponent(r.syncId)}" title="${r.syncId}"${r === detail ? ' aria-current="true"' : ''}><code>${r.syncId}</code></a></th><td>${statusBadge(r.status)}</td><td>${r.trigger}</td><td>${when(r.startedAt)}</td><td class="num">${duration(r)}</td><td class="num">${sum(r, 'fetched')}</td><td class="num">${sum(r, 'inserted')}</td><td class="num">${sum(r, 'updated')}</td><td class="num">${sum(r, 'bad')}</td><td class="error">${r.error ?? ''}</td></tr>`,
      )}</tbody></table>`
}
</section>
${detail ? runDetail(detail) : ''}
<section aria-labelledby="fresh-h" class="panel">
<h2 id="fresh-h">Freshness per entity</h2>
${schedules(view)}
<table id="freshness"><thead><tr><th scope="col">Entity</th><th scope="col">Table</th><th scope="col">Last success</th><th scope="col">Age</th><th scope="col">Freshness</th><th scope="col">Watermark</th><th scope="col">Last error</th></tr></thead>
<tbody>${view.entities.map(
    (e) =>
      html`<tr><th scope="row">${e.entity}</th><td><code>${e.table}</code></td><td>${when(e.lastSuccess)}</td><td>${age(e.ageSeconds)}</td><td>${freshness(e, view.intervalMs)}</td><td><code>${e.watermark ?? '—'}</code></td><td class="error">${e.lastError ?? ''}</td></tr>`,
  )}</tbody></table>
</section>`;
}

function runDetail(r: RunRecord): Safe {
  return html`<section aria-labelledby="detail-h" class="panel">
<h2 id="detail-h">Run <code>${r.syncId}</code> (${r.trigger}, ${r.status})</h2>
<table id="run-entities"><thead><tr><th scope="col">Entity</th><th scope="col">Status</th><th scope="col" class="num">Fetched</th><th scope="col" class="num">Inserted</th><th scope="col" class="num">Updated</th><th scope="col" class="num">Bad</th><th scope="col">Watermark to</th><th scope="col">Error</th></tr></thead>
<tbody>${Object.entries(r.entities).map(
    ([k, c]) =>
      html`<tr><th scope="row">${k}</th><td>${statusBadge(c.status ?? 'unknown')}</td><td class="num">${c.fetched}</td><td class="num">${c.inserted}</td><td class="num">${c.updated}</td><td class="num">${c.bad}</td><td><code>${c.watermark_to ?? '—'}</code></td><td class="error">${c.error ?? ''}</td></tr>`,
  )}</tbody></table>
${badRecords(r)}
${r.status === 'running' ? '' : html`<p class="actions"><a class="button secondary" href="/runs/replay?run=${encodeURIComponent(r.syncId)}">Replay this run…</a> <span class="muted">re-fetches exactly the records this run wrote, by their keys, and reloads them</span></p>`}
</section>`;
}

/** The bad records the ledger keeps for a run (the first few per entity; all are counted). */
function badRecords(r: RunRecord): Safe {
  const entities = Object.entries(r.entities).filter(([, c]) => (c.bad ?? 0) > 0);
  if (entities.length === 0) return html``;
  return html`<h3 id="bad-h">Bad records (not loaded)</h3>
<table id="bad-records" aria-labelledby="bad-h"><thead><tr><th scope="col">Entity</th><th scope="col">Key</th><th scope="col">Reason</th></tr></thead>
<tbody>${entities.flatMap(([k, c]) => {
    const kept = c.bad_records ?? [];
    const rows = kept.map(
      (b) => html`<tr><th scope="row">${k}</th><td><code>${b.key}</code></td><td>${b.reason}</td></tr>`,
    );
    if (c.bad > kept.length) {
      rows.push(
        html`<tr><th scope="row">${k}</th><td colspan="2" class="muted">${kept.length > 0 ? `… and ${c.bad - kept.length} more` : `${c.bad} bad records`} (every one is logged as "bad record" with its key and reason)</td></tr>`,
      );
    }
    return rows;
  })}</tbody></table>`;
}

/** The confirmation step of an action (works without script: a page with one form). */
export function confirmPage(
  what: string,
  detail: string,
  action: string,
  csrf: string,
  fields: Record<string, string> = {},
  entities: readonly string[] = [],
): Safe {
  return html`<section class="panel">
<p>${detail}</p>
<form method="post" action="${action}">
<input type="hidden" name="csrf" value="${csrf}">
${Object.entries(fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
${
  entities.length > 1
    ? html`<fieldset class="entities"><legend>Entities (all ticked = every configured entity)</legend>
${entities.map((e) => html`<label><input type="checkbox" name="entities" value="${e}" checked> ${e}</label>`)}
</fieldset>`
    : ''
}
<button type="submit" autofocus>Yes, ${what}</button>
<a class="button secondary" href="/runs">Cancel</a>
</form>
</section>`;
}

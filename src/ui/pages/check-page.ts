import { type Probe, SYMBOL } from '../../check-probe.ts';
import type { Job } from '../console-jobs.ts';
import { PREVIEW_ROWS } from '../entity-preview.ts';
import { html, type Safe } from '../safe-html.ts';

const WORD: Record<Probe['status'], string> = { ok: 'ok', adapted: 'adapted', failed: 'failed' };

export function probeItem(p: Probe): Safe {
  return html`<li class="probe probe-${p.status}" data-id="${p.id}"><span class="sym" aria-hidden="true">${SYMBOL[p.status]}</span> <strong>${p.title}</strong> <span class="word">(${WORD[p.status]})</span>: ${p.message}${p.fix ? html`<br><span class="fix"><strong>Fix:</strong> ${p.fix}</span>` : ''}</li>`;
}

/** Picks an entity and asks for its 20 mapped rows (a plain GET form: reading changes nothing). */
export function previewForm(entities: readonly string[], selected: string | null): Safe {
  if (entities.length === 0) return html``;
  return html`<form method="get" action="/check/preview" class="actions">
<label for="preview-entity">Preview ${PREVIEW_ROWS} mapped rows of</label>
<select id="preview-entity" name="entity">${entities.map((e) => html`<option value="${e}"${e === selected ? ' selected' : ''}>${e}</option>`)}</select>
<button type="submit" class="secondary">Preview rows</button>
<span class="muted">read only: one page from Epicor, mapped as a sync would; nothing is written</span>
</form>`;
}

export function checkPage(
  job: Job | null,
  csrf: string,
  notice: string | null,
  configProblem: string | null,
  entities: readonly string[],
): Safe {
  const running = job?.state === 'running';
  return html`
<p>Proves this machine's configuration fits: reads only, from your Epicor tenant and your Databricks workspace — the same probes as <code>ml-connector check</code>.</p>
${configProblem ? html`<p class="notice" role="alert">The configuration cannot be used yet: ${configProblem} — fix it on the <a href="/setup">Setup</a> page.</p>` : ''}
${notice ? html`<p class="notice" role="alert">${notice}</p>` : ''}
<form method="post" action="/check" class="actions" data-live-form>
<input type="hidden" name="csrf" value="${csrf}">
<button type="submit"${running || configProblem ? ' disabled' : ''}>Run fit check</button>
</form>
${configProblem ? '' : previewForm(entities, null)}
<section class="panel" aria-labelledby="probes-h">
<h2 id="probes-h">${job ? `Fit check started ${job.startedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC` : 'No fit check run yet'}</h2>
<p id="job-outcome" role="status" aria-live="polite">${job ? (running ? 'checking…' : job.outcome) : ''}</p>
<ol id="probes" data-job="${job?.id ?? ''}">${job?.probes.map(probeItem) ?? ''}</ol>
</section>`;
}

import { html, type Safe } from '../safe-html.ts';
import type { FieldView, SetupState } from '../setup-form.ts';

function fieldRow(v: FieldView): Safe {
  const f = v.field;
  const id = `f-${f.path.replace(/\./g, '-')}`;
  const described = [v.error ? `${id}-err` : '', f.hint || v.writeOnly ? `${id}-hint` : ''].filter(Boolean).join(' ');
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${v.error ? html` aria-invalid="true"` : ''}`;
  const control =
    f.kind === 'select'
      ? html`<select id="${id}" name="${f.path}"${aria}>${(f.options ?? []).map(
          (o) => html`<option value="${o}"${o === v.value ? ' selected' : ''}>${o}</option>`,
        )}</select>`
      : v.writeOnly
        ? html`<input id="${id}" name="${f.path}" type="password" autocomplete="new-password" value="" placeholder="${v.isSet ? 'set — type to replace' : 'not set'}"${aria}>`
        : html`<input id="${id}" name="${f.path}" type="${f.kind === 'number' ? 'number' : 'text'}" value="${v.value}"${f.kind === 'url' ? ' inputmode="url" spellcheck="false"' : ''}${aria}>`;
  const hint = v.writeOnly
    ? `${v.isSet ? 'Set' : 'Not set'}. Write-only: the value is kept in the encrypted secret store and never shown; leave empty to keep it.`
    : f.hint;
  return html`<div class="field${v.error ? ' invalid' : ''}"${f.auth ? html` data-auth="${f.side}:${f.auth.join(' ')}"` : ''}>
<label for="${id}">${f.label}${f.optional ? html` <span class="muted">(optional)</span>` : ''}${v.writeOnly ? html` <span class="secret-state" data-state="${v.isSet ? 'set' : 'not-set'}">${v.isSet ? 'set' : 'not set'}</span>` : ''}</label>
${control}
${hint ? html`<small id="${id}-hint">${hint}</small>` : ''}
${v.error ? html`<strong class="field-error" id="${id}-err">Error: ${v.error}</strong>` : ''}
</div>`;
}

export function setupPage(state: SetupState, csrf: string, configPath: string): Safe {
  const side = (s: 'epicor' | 'databricks', title: string) => html`<fieldset>
<legend>${title}</legend>
${state.fields.filter((v) => v.field.side === s).map(fieldRow)}
</fieldset>`;
  const errors = state.fields.filter((v) => v.error).length;
  return html`
<p>Edits <code>${configPath}</code>${state.fileExists ? ' (comments are kept)' : ' (created on save)'}; credentials go to the encrypted secret store beside it. Everything is validated before anything is written.</p>
${state.saved ? html`<p class="notice ok" role="status">Saved. Run the <a href="/check">fit check</a> to prove it works.</p>` : ''}
${errors > 0 || state.formError ? html`<div class="notice" role="alert"><p>Nothing was saved: ${errors > 0 ? `${errors} field${errors > 1 ? 's need' : ' needs'} fixing (marked below)` : ''}${state.formError ? html`${errors > 0 ? '; ' : ''}${state.formError}` : ''}.</p><p>Credentials typed are never sent back to the page: type them again before saving.</p></div>` : ''}
<form method="post" action="/setup" class="setup">
<input type="hidden" name="csrf" value="${csrf}">
<div class="sides">
${side('epicor', 'Epicor Kinetic')}
${side('databricks', 'Databricks')}
</div>
<button type="submit">Save</button>
</form>`;
}

export function loginPage(problem: string | null): Safe {
  return html`
${problem ? html`<p class="notice" role="alert">${problem}</p>` : ''}
<p>Paste the login token <code>ml-connector ui</code> printed when it started (or open the link it printed).</p>
<form method="post" action="/login" class="login">
<label for="token">Login token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Log in</button>
</form>`;
}

/** The form of `<pgo-workshop-report>`: the step list, then the current step (facts, contributions, review). */
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import { formatInstant } from '../../core/format.js';
import {
  headingTag,
  renderDraftNotice,
  renderErrorSummary,
  renderField,
  renderHoneypot,
  renderSendError,
  renderSubmit,
} from '../../forms/fields.js';
import type { PgoWorkshopReport } from './workshop-report.js';
import { rowCount, rowKey, STEPS, type Step } from './workshop-report.values.js';

interface Options {
  online: boolean;
  eventUnknown: boolean;
  facts: readonly string[];
}

export function renderReportForm(host: PgoWorkshopReport, options: Options): TemplateResult {
  const { form } = host;
  const step = host.step;
  const index = STEPS.indexOf(step);
  const name = (s: Step) => host.t(`step.${s}`);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (step === 'review') host.send();
    else host.next();
  };
  const title = staticHtml`<${headingTag(host.headingLevel)} class="step-title" tabindex="-1">${host.t('stepOf', { n: index + 1, name: name(step) })}</${headingTag(host.headingLevel)}>`;
  return html`
    <ol part="steps" class="steps" aria-label=${host.t('steps')}>
      ${STEPS.map((s, i) => html`<li class=${s === step ? 'current' : i < index ? 'done' : ''} aria-current=${s === step ? 'step' : nothing}>${name(s)}</li>`)}
    </ol>
    ${options.eventUnknown ? html`<p part="status" class="pgo-notice">${host.t('eventUnknown')}</p>` : nothing}
    <form part="form" novalidate aria-label=${host.t('formLabel')} aria-busy=${form.busy ? 'true' : 'false'} @submit=${onSubmit}>
      ${renderErrorSummary(form, host.headingLevel + 1)} ${renderDraftNotice(form)}
      ${title}
      ${step === 'facts' ? facts(host, options) : step === 'contributions' ? contributions(host) : review(host, options)}
      <div class="actions">
        ${index > 0 ? html`<button type="button" class="pgo-button pgo-button--secondary" part="button previous" @click=${() => host.go(STEPS[index - 1]!)}>${host.t('previous')}</button>` : nothing}
        ${step === 'review' ? renderSubmit(form, host.t('submit')) : html`<button type="submit" class="pgo-button" part="button next">${host.t('next')}</button>`}
      </div>
    </form>`;
}

function facts(host: PgoWorkshopReport, options: Options): TemplateResult {
  const specs = host.fields().filter((f) => options.facts.includes(f.name));
  return html`<div part="step" class="step">${specs.map((spec) => renderField(host.form, spec))}<p class="hint">${host.t('savedOnDevice')}</p></div>`;
}

function contributions(host: PgoWorkshopReport): TemplateResult {
  const { form } = host;
  const specs = host.fields();
  const count = rowCount(form.values);
  let pasted = '';
  const rows = Array.from({ length: count }, (_, i) => {
    const mine = specs.filter((f) => f.name.startsWith(rowKey(i, '')));
    return html`<fieldset part="row" class="row">
      <legend>${host.t('row', { n: i + 1 })}</legend>
      ${mine.map((spec) => renderField(form, spec))}
      <button type="button" class="pgo-button pgo-button--secondary remove-row" part="button remove" @click=${() => host.removeRow(i)}>${host.t('removeRow', { n: i + 1 })}</button>
    </fieldset>`;
  });
  return html`<div part="step" class="step">
    <p class="rows-count">${host.t('rowsCount', { count })}</p>
    ${rows}
    <button type="button" class="pgo-button pgo-button--secondary add-row" part="button add" @click=${() => host.addRows()}>${host.t('addRow')}</button>
    <details part="paste" class="paste">
      <summary>${host.t('paste')}</summary>
      <label for="paste-rows">${host.t('paste')}</label>
      <p id="paste-hint" class="hint">${host.t('pasteHint')}</p>
      <textarea id="paste-rows" class="control" rows="4" aria-describedby="paste-hint" @input=${(e: Event) => (pasted = (e.target as HTMLTextAreaElement).value)}></textarea>
      <button type="button" class="pgo-button pgo-button--secondary" part="button paste-add" @click=${(e: Event) => {
        host.addRows(pasted);
        const area = (e.target as HTMLElement).closest('details')?.querySelector('textarea');
        if (area) area.value = '';
        pasted = '';
      }}>${host.t('pasteAdd')}</button>
    </details>
  </div>`;
}

function review(host: PgoWorkshopReport, options: Options): TemplateResult {
  const { form } = host;
  const draft = host.draft();
  const locale = host.locale;
  const date =
    draft.heldOn && /^\d{4}-\d{2}-\d{2}$/.test(draft.heldOn)
      ? formatInstant(locale, `${draft.heldOn}T12:00:00Z`, 'UTC', 'date')
      : draft.heldOn;
  const organisations = (draft.organisations ?? '')
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean);
  const consent = host.fields().find((f) => f.name === 'consent')!;
  return html`<div part="step" class="step">
    <section part="review" class="review" aria-label=${host.t('step.review')}>
      <p>${host.t('reviewFacts', { date, attendees: draft.attendees ?? '?' })}
        <button type="button" class="pgo-link" @click=${() => host.go('facts')}>${host.t('edit')} <span class="visually-hidden">${host.t('step.facts')}</span></button></p>
      <p>${organisations.length ? organisations.join(', ') : host.t('noOrganisation')}</p>
      <p class="summary-text">${draft.summary}</p>
      <p>${host.t('rowsCount', { count: draft.contributions.length })}
        <button type="button" class="pgo-link" @click=${() => host.go('contributions')}>${host.t('edit')} <span class="visually-hidden">${host.t('step.contributions')}</span></button></p>
      <ol class="review-rows">
        ${draft.contributions.map((c) => html`<li><strong>${c.title}</strong>${c.roomSupport !== null && c.roomSupport !== undefined ? html` · ${host.t('support', { count: c.roomSupport })}` : nothing}</li>`)}
      </ol>
    </section>
    ${renderField(form, consent)}
    ${renderHoneypot(form)}
    ${!options.online ? html`<p part="offline" class="pgo-notice offline" role="status">${host.t('offline')}</p>` : nothing}
    ${renderSendError(form)}
  </div>`;
}

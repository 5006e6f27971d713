/**
 * Templates of the shared form machinery, after the GOV.UK Design System: label, hint, inline
 * error (with a visually hidden "Erreur :" prefix), control and counter in one shadow root so every
 * ARIA reference resolves; the error summary; the draft notice; the send error with its retry; the
 * honeypot; the submit button; the polite announcer.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { formatInstant, localTimeZone } from '../core/format.js';
import { describeError, describeFieldError, tCommon } from '../core/messages/common.js';
import { tForm } from './form.messages.js';
import type { FieldError } from '../core/schemas.js';
import { counterText, fieldId, HONEYPOT, fieldLength, type FieldSpec, type FormController, type FormValue } from './form-controller.js';

const valueOf = (event: Event): FormValue => {
  const target = event.target as HTMLInputElement;
  return target.type === 'checkbox' ? target.checked : target.value;
};

const ids = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(' ') || nothing;

/** One field: label, hint, inline error, control, counter. */
export function renderField<R>(form: FormController<R>, spec: FieldSpec): TemplateResult {
  const locale = form.locale();
  const id = fieldId(spec.name);
  const error = form.errorFor(spec.name);
  const value = form.values[spec.name];
  const type = spec.type ?? 'text';
  const hintId = spec.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const countId = spec.maxLength ? `${id}-count` : undefined;
  const describedBy = ids(hintId, errorId, countId);
  const onInput = (e: Event) => form.input(spec.name, valueOf(e));
  const onLeave = () => form.leave(spec.name);
  // A no-break space: an ordinary one, before or inside the span, is dropped from the accessible name (Chromium).
  const required = spec.required ? html`<span class="required">\u00a0${tForm(locale, 'required')}</span>` : nothing;
  const hint = spec.hint ? html`<div id=${hintId} class="hint" part="hint">${spec.hint}</div>` : nothing;
  const errorText = error
    ? html`<p id=${errorId} class="error-message" part="field-error"><span class="visually-hidden">${tCommon(locale, 'errorPrefix')} </span>${describeFieldError(locale, error)}</p>`
    : nothing;
  const invalid = error ? 'true' : nothing;

  if (type === 'checkbox') {
    // aria-required, not native `required`: a required box that is not ticked yet is :invalid, and Chromium and
    // Firefox then announce an untouched box as an "invalid entry" (Firefox whatever aria-invalid says).
    return html`<div class="field field--checkbox ${error ? 'field--error' : ''}" part="field">
      ${errorText}
      <div class="checkbox">
        <input id=${id} name=${spec.name} type="checkbox" .checked=${value === true} aria-required=${spec.required ? 'true' : nothing}
          aria-invalid=${invalid}
          aria-describedby=${describedBy} @change=${onInput} @blur=${onLeave} />
        <label for=${id} part="label">${spec.label}${required}</label>
      </div>
      ${hint}
    </div>`;
  }

  if (type === 'radio') {
    return html`<fieldset class="field field--radio ${error ? 'field--error' : ''}" part="field" aria-describedby=${describedBy}>
      <legend part="label">${spec.label}${required}</legend>
      ${hint} ${errorText}
      ${(spec.options ?? []).map(
        (option, index) => html`<div class="radio">
        <input id=${index ? `${id}-${index}` : id} name=${spec.name} type="radio" value=${option.value} .checked=${value === option.value}
          aria-invalid=${invalid} @change=${onInput} @blur=${onLeave} />
        <label for=${index ? `${id}-${index}` : id}>${option.label}</label>
      </div>`,
      )}
    </fieldset>`;
  }

  let control: TemplateResult;
  if (type === 'textarea') {
    control = html`<textarea id=${id} class="control" name=${spec.name} rows=${spec.rows ?? 6} part="control textarea" .value=${String(value ?? '')}
      aria-required=${spec.required ? 'true' : nothing} aria-invalid=${invalid} aria-describedby=${describedBy}
      autocomplete=${spec.autocomplete ?? nothing} @input=${onInput} @blur=${onLeave}></textarea>`;
  } else if (type === 'select') {
    // `selected` on the options: a `.value` on the select would be set before its options exist.
    control = html`<select id=${id} class="control" name=${spec.name} part="control select" aria-required=${spec.required ? 'true' : nothing}
      aria-invalid=${invalid} aria-describedby=${describedBy} autocomplete=${spec.autocomplete ?? nothing} @change=${onInput} @blur=${onLeave}>
      <option value="" ?selected=${!value}>${tForm(locale, 'choose')}</option>
      ${(spec.options ?? []).map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
    </select>`;
  } else {
    control = html`<input id=${id} class="control" name=${spec.name} type=${type} part="control input" .value=${String(value ?? '')}
      aria-required=${spec.required ? 'true' : nothing} aria-invalid=${invalid} aria-describedby=${describedBy}
      autocomplete=${spec.autocomplete ?? nothing} inputmode=${spec.inputMode ?? nothing} @input=${onInput} @blur=${onLeave} />`;
  }
  const over = spec.maxLength !== undefined && fieldLength(value) > spec.maxLength;
  return html`<div class="field ${error ? 'field--error' : ''}" part="field">
    <label for=${id} part="label">${spec.label}${required}</label>
    ${hint} ${errorText} ${control}
    ${
      spec.maxLength
        ? html`<div id=${countId} class="counter ${over ? 'counter--over' : ''}" part="counter">${counterText(locale, value, spec.maxLength)}</div>`
        : nothing
    }
  </div>`;
}

/** The `h2`…`h6` of a `heading-level` a host asked for (2 to 6; anything else is 2). */
export function headingTag(level: number) {
  return unsafeStatic(`h${Math.min(6, Math.max(2, Math.trunc(level) || 2))}`);
}

/** The GOV.UK error summary: focused after a failed submit; each link focuses its field. Its heading at `level`. */
export function renderErrorSummary<R>(form: FormController<R>, level = 2): TemplateResult | typeof nothing {
  const errors = form.summaryErrors();
  if (!errors.length) return nothing;
  const locale = form.locale();
  const item = (error: FieldError) => {
    const spec = form.spec(error.field);
    const text = tForm(locale, 'summaryItem', {
      label: spec?.summaryLabel ?? spec?.label ?? error.field,
      message: describeFieldError(locale, error),
    });
    if (!spec) return html`<li>${text}</li>`;
    const follow = (event: Event) => {
      event.preventDefault();
      form.focusField(error.field);
    };
    return html`<li><a href="#${fieldId(error.field)}" @click=${follow}>${text}</a></li>`;
  };
  return html`<div class="error-summary" part="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
    ${staticHtml`<${headingTag(level)} id="error-summary-title" class="error-summary__title">${tForm(locale, 'summaryTitle')}</${headingTag(level)}>`}
    <ul>${errors.map(item)}</ul>
  </div>`;
}

/** Says a saved draft was restored, with a way to throw it away; once thrown away, a way to bring it back. */
export function renderDraftNotice<R>(form: FormController<R>): TemplateResult | typeof nothing {
  const locale = form.locale();
  if (form.canUndoDiscard) {
    return html`<div class="pgo-notice draft-notice" part="draft-discarded">
      <p>${tForm(locale, 'discardedNotice')}</p>
      <button type="button" class="pgo-button pgo-button--secondary" part="button undo" @click=${() => form.undoDiscard()}>
        ${tForm(locale, 'undoDiscard')}
      </button>
    </div>`;
  }
  if (form.restoredAt === null || form.status === 'success') return nothing;
  const date = formatInstant(locale, form.restoredAt, localTimeZone() ?? 'UTC');
  return html`<div class="pgo-notice draft-notice" part="draft-notice">
    <p>${tForm(locale, 'draftRestored', { date })}</p>
    <button type="button" class="pgo-button pgo-button--secondary" part="button discard" @click=${() => form.discardDraft()}>
      ${tForm(locale, 'discardDraft')}
    </button>
  </div>`;
}

/** A failed send: what happened (when to try again after a rate limit) and a retry when it may work. */
export function renderSendError<R>(form: FormController<R>): TemplateResult | typeof nothing {
  const error = form.error;
  if (form.status !== 'failed' || !error) return nothing;
  const locale = form.locale();
  return html`<div class="pgo-notice pgo-notice--error send-error" part="send-error" role="alert">
    <p>${error.retryable ? `${tForm(locale, 'sendFailed')} ` : ''}${describeError(locale, error)}</p>
    ${
      error.retryable
        ? html`<button type="button" class="pgo-button pgo-button--secondary" part="button retry" @click=${() => form.submit()}>${tCommon(locale, 'retry')}</button>`
        : nothing
    }
  </div>`;
}

/** The submit button: stays focusable while busy (aria-disabled, not disabled) and says "Envoi…". */
export function renderSubmit<R>(form: FormController<R>, label: string): TemplateResult {
  return html`<button type="submit" class="pgo-button" part="button submit" aria-disabled=${form.busy ? 'true' : 'false'}>
    ${form.busy ? tForm(form.locale(), 'sending') : label}
  </button>`;
}

/** Off-screen, out of the tab order and of the accessibility tree: only bots fill it. */
export function renderHoneypot<R>(form: FormController<R>): TemplateResult {
  const id = fieldId(HONEYPOT);
  return html`<div class="honeypot" aria-hidden="true">
    <label for=${id}>${tForm(form.locale(), 'honeypot')}</label>
    <input id=${id} name=${HONEYPOT} type="text" tabindex="-1" autocomplete="off" .value=${String(form.values[HONEYPOT] ?? '')}
      @input=${(e: Event) => form.input(HONEYPOT, valueOf(e))} />
  </div>`;
}

/** The polite live region (counters, confirmations). Keep it outside the `aria-busy` form. */
export function renderAnnouncer<R>(form: FormController<R>): TemplateResult {
  return html`<div class="visually-hidden" part="announcer" role="status" aria-live="polite" aria-atomic="true">${form.announcement}</div>`;
}

/** Submits through the controller (which guards against double sends); the browser validates nothing. */
export function submitHandler<R>(form: FormController<R>) {
  return (event: Event) => {
    event.preventDefault();
    void form.submit();
  };
}

/**
 * The `<form>` of a form element: error summary, draft notice, its fields (in the element's layout),
 * honeypot, send error and submit, with the controller's busy state and guarded submit.
 */
export function renderForm<R>(
  form: FormController<R>,
  label: string,
  submitLabel: string,
  fields: unknown,
  headingLevel = 2,
): TemplateResult {
  return html`<form part="form" novalidate aria-label=${label} aria-busy=${form.busy ? 'true' : 'false'} @submit=${submitHandler(form)}>
    ${renderErrorSummary(form, headingLevel)} ${renderDraftNotice(form)}
    ${fields}
    ${renderHoneypot(form)} ${renderSendError(form)}
    <div class="actions">${renderSubmit(form, submitLabel)}</div>
  </form>`;
}

/** The frame of a form element: the host's intro slot, the content, and the announcer outside the busy form. */
export function renderFormPage<R>(form: FormController<R>, content: unknown): TemplateResult {
  return html`<div part="base" class="base">
    <slot name="intro"></slot>
    ${content}
    ${renderAnnouncer(form)}
  </div>`;
}

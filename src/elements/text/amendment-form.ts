/**
 * "Propose a change" in `<pgo-text>`: the shared form machinery (src/forms) for one section at a time:
 * modify it (its text pre-filled), add a section after it, or delete it, with the reason. The draft is
 * kept on the device per document and section and sent once (one idempotency key per draft); the
 * rules are core's (validateAmendmentDraft), the preview is core's word diff.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { wordDiff } from '../../core/diff.js';
import type { Locale } from '../../core/i18n.js';
import type { FieldError } from '../../core/schemas.js';
import { AMENDMENT_REASON, AMENDMENT_TEXT, SECTION_TITLE, validateAmendmentDraft } from '../../core/text-rules.js';
import type { AmendmentDraft, AmendmentReceipt, SectionView, TextDocument } from '../../core/text.js';
import type { ConsultationSession } from '../../base/session.js';
import { draftKey } from '../../forms/draft-store.js';
import { renderField, renderForm } from '../../forms/fields.js';
import { FormController, HONEYPOT, type FieldSpec, type FormValues } from '../../forms/form-controller.js';
import { renderDiff, translatorFor } from './text-parts.js';

export interface AmendmentFormHost extends ReactiveControllerHost, HTMLElement {
  readonly session: ConsultationSession | null;
  readonly locale: Locale;
}

export class AmendmentForm {
  readonly form: FormController<AmendmentReceipt>;

  constructor(
    host: AmendmentFormHost,
    readonly doc: TextDocument,
    readonly section: SectionView,
    send: (draft: AmendmentDraft, idempotencyKey: string) => Promise<AmendmentReceipt>,
    onSuccess: (receipt: AmendmentReceipt) => void,
  ) {
    this.form = new FormController<AmendmentReceipt>(host, {
      fields: () => this.fields(host),
      validate: (values) => this.localise(host, validateAmendmentDraft(this.doc.sections, this.draft(values))),
      send: (values, key) => send(this.draft(values), key),
      draftKey: () => draftKey('amendment', host.session, doc.id, section.id),
      locale: () => host.locale,
      onSuccess,
      initialValues: () => ({ kind: 'modify', text: section.body }),
    });
  }

  draft(values: FormValues): AmendmentDraft {
    const text = (name: string) => String(values[name] ?? '');
    const kind = (['modify', 'add-after', 'delete'].includes(text('kind')) ? text('kind') : 'modify') as AmendmentDraft['kind'];
    return {
      sectionId: this.section.id,
      kind,
      text: kind === 'delete' ? '' : text('text'),
      reason: text('reason'),
      ...(kind === 'add-after' ? { title: text('title') } : {}),
      authorName: text('authorName'),
      website: text(HONEYPOT),
    };
  }

  private localise(host: AmendmentFormHost, errors: FieldError[]): FieldError[] {
    const t = translatorFor(host.locale);
    return errors.map((e) => (e.code === 'unchanged' ? { ...e, code: 'unchanged', message: t('unchanged') } : e));
  }

  private cached: { key: string; fields: FieldSpec[] } | null = null;
  private fields(host: AmendmentFormHost): FieldSpec[] {
    const kind = String(this.form?.values.kind ?? 'modify');
    const key = `${host.locale}|${kind}`;
    if (this.cached?.key === key) return this.cached.fields;
    const t = translatorFor(host.locale);
    const fields: FieldSpec[] = [
      {
        name: 'kind',
        label: t('kind'),
        type: 'radio',
        required: true,
        options: (['modify', 'add-after', 'delete'] as const).map((k) => ({ value: k, label: t(`kind.${k}`) })),
      },
    ];
    if (kind === 'add-after') fields.push({ name: 'title', label: t('newTitle'), required: true, maxLength: SECTION_TITLE.max });
    if (kind !== 'delete') {
      fields.push({
        name: 'text',
        label: t(kind === 'add-after' ? 'addText' : 'newText'),
        type: 'textarea',
        required: true,
        rows: 8,
        maxLength: AMENDMENT_TEXT.max,
        ...(kind === 'modify' ? { hint: t('newTextHint') } : {}),
      });
    }
    fields.push({
      name: 'reason',
      label: t('reason'),
      type: 'textarea',
      required: true,
      rows: 4,
      hint: t('reasonHint'),
      maxLength: AMENDMENT_REASON.max,
    });
    fields.push({ name: 'authorName', label: t('authorName'), hint: t('authorNameHint'), autocomplete: 'name' });
    this.cached = { key, fields };
    return fields;
  }

  render(host: AmendmentFormHost, headingLevel: number, cancel: () => void): TemplateResult {
    const t = translatorFor(host.locale);
    const draft = this.draft(this.form.values);
    const preview =
      draft.kind === 'modify' && draft.text.trim() && draft.text !== this.section.body
        ? html`<div class="preview"><p class="preview-title">${t('preview')}</p>${renderDiff(wordDiff(this.section.body, draft.text), t, 'diff-preview')}</div>`
        : nothing;
    const fields = this.fields(host).map((spec) => html`${renderField(this.form, spec)}${spec.name === 'text' ? preview : nothing}`);
    return html`<div part="amendment-form" class="amendment-form">
      ${renderForm(this.form, t('formLabel', { title: this.section.title || this.doc.title }), t('submit'), fields, headingLevel)}
      <button type="button" part="button cancel" class="pgo-button pgo-button--secondary cancel" @click=${cancel}>${t('cancel')}</button>
    </div>`;
  }
}

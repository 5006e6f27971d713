import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { checkConsultation, ConsultationEdit, type ConsultationAdmin, type KeyRotation } from '../core/consultation-edit.js';
import { BackendError, toBackendError } from '../core/errors.js';
import { fieldErrorsOf } from '../core/field-errors.js';
import { describeError } from '../core/messages/common.js';
import { storageKeys } from '../core/storage.js';
import type { FieldError } from '../core/schemas.js';
import { renderField, renderForm, renderFormPage } from '../forms/fields.js';
import { FormController, type FieldSpec, type FormValues } from '../forms/form-controller.js';
import { ConsoleElement } from './console-element.js';
import { consoleStyles } from './console.styles.js';
import { fromValues, phaseValues, removeItem, toValues } from './consultation-values.js';
import { categoryFields, phaseFields, SECTION_IDS, sectionFields, type SectionId } from './editor-fields.js';
import { tEditor, type EditorKey } from './editor.messages.js';

/**
 * Creates or edits a consultation: texts, phases (dates in its time zone, what each allows), categories,
 * votes, moderation per kind of contribution, the proposal form, host origins and host-signed identities
 * (keys rotated with an overlap). Checked before sending with the shared schema and rules (errors on the
 * fields); saved through the organiser API, it applies at once. An unsaved edit is kept on this device (per
 * consultation, what differs from the loaded settings) and comes back after a reload, until saved or discarded.
 *
 * @summary The console's consultation settings.
 * @csspart form - The form.
 * @fires pgo-consultation-saved - Saved or created; `detail` is the consultation's settings.
 */
export class PgoConsultationEditor extends ConsoleElement {
  static override styles = consoleStyles;

  /** The consultation to edit. */
  @property() consultation = '';
  /** Create a new consultation, starting from `template` (another's settings) if given. */
  @property({ type: Boolean }) creating = false;
  @property({ attribute: false }) template: ConsultationAdmin | null = null;

  @state() private settings: ConsultationAdmin | null = null;
  @state() private error: BackendError | null = null;
  @state() private rotation: KeyRotation | null = null;
  @state() private overlap = '72';

  private readonly form = new FormController<ConsultationAdmin>(this, {
    fields: () => this.specs(),
    validate: (values) => this.check(values),
    send: (values) => {
      const edit = this.edit(values);
      const sent = this.creating
        ? this.client.createConsultation(edit)
        : this.client.saveSettings(this.consultation, { ...edit, revision: this.settings!.revision });
      return sent.catch((error: unknown) => {
        throw this.translated(error);
      });
    },
    // An unsaved edit survives a reload (kept on this device, per consultation; cleared once saved). Only the fields
    // that differ from the loaded settings are kept, with the lengths of the lists; known once the settings are.
    draftKey: () => (this.settings ? storageKeys.draft(['console-settings', this.settings.consultation.id || '(new)']) : null),
    locale: () => this.locale,
    initialValues: () => (this.settings ? { ...toValues(this.settings), ...listLengths(this.settings) } : {}),
    onSuccess: (saved) => {
      this.settings = saved;
      this.form.startOver();
      this.form.announcement = this.creating
        ? this.e('created', { title: saved.consultation.title })
        : this.e('saved', { revision: saved.revision });
      this.emit('pgo-consultation-saved', saved);
    },
  });

  /** A reload (or a closed tab) keeps the last keystrokes too, not only what the debounced save had kept. */
  private readonly onPageHide = () => this.form.saveDraftNow();

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('pagehide', this.onPageHide);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pagehide', this.onPageHide);
  }

  private e(key: EditorKey, params?: Record<string, string | number>): string {
    return tEditor(this.locale, key, params);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('consultation') || changed.has('creating') || changed.has('template')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const loaded = this.creating ? this.template : await this.client.settings(this.consultation);
      const base = loaded ?? null;
      this.settings = base && this.creating ? { ...base, consultation: { ...base.consultation, id: '' }, keys: [], revision: 0 } : base;
      this.error = null;
      this.form.startOver();
    } catch (error) {
      this.error = toBackendError(error);
    }
  }

  private edit(values: FormValues): ConsultationEdit {
    return fromValues(values, countsOf(values), this.settings!);
  }

  /** How many phases and categories the form holds: form values too, so that a draft keeps them. */
  private get counts(): Counts {
    return countsOf(this.form.values);
  }

  private set counts(counts: Counts) {
    this.form.values = { ...this.form.values, [LENGTH.phases]: String(counts.phases), [LENGTH.categories]: String(counts.categories) };
    this.form.saveDraftNow();
    this.requestUpdate();
  }

  private specs(): FieldSpec[] {
    return SECTION_IDS.flatMap((s) => sectionFields((k, p) => this.e(k, p), s, this.counts, this.creating));
  }

  /** The shared schema and rules, their errors on the fields shown (a list's error on the list's field). */
  private check(values: FormValues): FieldError[] {
    if (!this.settings) return [];
    const edit = this.edit(values);
    const parsed = ConsultationEdit.safeParse(edit);
    const errors = parsed.success ? checkConsultation(parsed.data) : fieldErrorsOf(parsed.error);
    if (typeof edit.consultation.settings.proposalFields.extraFields === 'string') {
      errors.unshift({ field: 'consultation.settings.proposalFields.extraFields', code: 'json', message: '' });
    }
    return this.onFields(errors);
  }

  private onFields(errors: FieldError[]): FieldError[] {
    const names = new Set(this.specs().map((s) => s.name));
    return errors.map((error) => {
      let field = error.field;
      while (field && !names.has(field)) field = field.includes('.') ? field.slice(0, field.lastIndexOf('.')) : '';
      const known =
        `err_${error.code}` in { err_phase_order: 1, err_duplicate: 1, err_unknown_phase: 1, err_origin: 1, err_min_max: 1, err_json: 1 };
      const message = known ? this.e(`err_${error.code}` as EditorKey) : error.code === 'invalid' ? this.e('err_invalid') : error.message;
      // Codes the shared texts know (required, too_long...) keep theirs; the others show the console's sentence.
      return known || error.code === 'invalid'
        ? { field: field || 'consultation.title', code: `console_${error.code}`, message }
        : { ...error, field: field || error.field };
    });
  }

  private translated(error: unknown): unknown {
    const e = toBackendError(error);
    if (e.code === 'validation' && e.fieldErrors?.length)
      return new BackendError({ ...e.problem, fieldErrors: this.onFields(e.fieldErrors) });
    return e;
  }

  private addPhase(): void {
    const i = this.counts.phases;
    const tz = String(this.form.values['consultation.timeZone'] ?? 'Europe/Paris');
    this.form.values = {
      ...this.form.values,
      ...phaseValues({ id: `phase-${i + 1}`, title: '', kind: 'other', startsAt: '', endsAt: '' }, i, tz, []),
    };
    this.counts = { ...this.counts, phases: i + 1 };
    void this.focusField(`consultation.phases.${i}.title`);
  }

  private addCategory(): void {
    const i = this.counts.categories;
    this.form.values = {
      ...this.form.values,
      [`consultation.categories.${i}.id`]: `category-${i + 1}`,
      [`consultation.categories.${i}.title`]: '',
    };
    this.counts = { ...this.counts, categories: i + 1 };
    void this.focusField(`consultation.categories.${i}.title`);
  }

  private removeAt(list: 'phases' | 'categories', index: number): void {
    this.form.values = removeItem(this.form.values, `consultation.${list}`, index, this.counts[list]);
    this.counts = { ...this.counts, [list]: this.counts[list] - 1 };
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`#add-${list}`)?.focus());
  }

  private async focusField(name: string): Promise<void> {
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();
  }

  private async rotate(): Promise<void> {
    try {
      this.rotation = await this.client.rotateKey(this.consultation, Number(this.overlap) || 0);
      this.settings = await this.client.settings(this.consultation);
      this.error = null;
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLElement>('#new-secret')?.focus();
    } catch (error) {
      this.error = toBackendError(error);
    }
  }

  private renderList(list: 'phases' | 'categories') {
    const fields = list === 'phases' ? phaseFields : categoryFields;
    const t = (k: EditorKey, p?: Record<string, string | number>) => this.e(k, p);
    return html`${Array.from(
      { length: this.counts[list] },
      (_, i) => html`<fieldset class="item">
        <legend>${this.e(list === 'phases' ? 'phaseN' : 'categoryN', { n: i + 1 })}</legend>
        ${fields(t, i).map((spec) => renderField(this.form, spec))}
        <button type="button" class="pgo-button pgo-button--secondary" @click=${() => this.removeAt(list, i)}>${this.e(list === 'phases' ? 'removePhase' : 'removeCategory', { n: i + 1 })}</button>
      </fieldset>`,
    )}
      <button type="button" id="add-${list}" class="pgo-button pgo-button--secondary" @click=${() => (list === 'phases' ? this.addPhase() : this.addCategory())}>
        ${this.e(list === 'phases' ? 'addPhase' : 'addCategory')}</button>`;
  }

  private renderKeys() {
    if (this.creating || !this.settings?.identity) return nothing;
    const keys = this.settings.keys;
    return html`<h4>${this.e('keys')}</h4>
      ${
        keys.length
          ? html`<ul>${keys.map((k) => html`<li>${this.e('keyLine', { id: k.id, date: this.formatDate(k.createdAt) })}${k.retiresAt ? html`, ${this.e('keyRetires', { date: this.formatDate(k.retiresAt) })}` : nothing}${k.fromEnv ? html`, ${this.e('keyFromEnv', { name: k.fromEnv })}` : nothing}</li>`)}</ul>`
          : html`<p>${this.e('noKeys')}</p>`
      }
      <div class="field"><label for="overlap">${this.e('f_overlap')}</label><div class="hint" id="overlap-hint">${this.e('h_overlap')}</div>
        <input id="overlap" type="number" min="0" inputmode="numeric" aria-describedby="overlap-hint" .value=${this.overlap} @input=${(
          ev: Event,
        ) => {
          this.overlap = (ev.target as HTMLInputElement).value;
        }} /></div>
      <button type="button" class="pgo-button pgo-button--secondary" @click=${() => this.rotate()}>${this.e('rotateKey')}</button>
      ${this.rotation ? html`<div id="new-secret" class="pgo-notice pgo-notice--success" tabindex="-1" role="status"><p>${this.e('newSecret')}</p><p><code>${this.rotation.secret}</code></p></div>` : nothing}`;
  }

  override render() {
    if (this.error)
      return html`<div class="pgo-notice pgo-notice--error" role="alert"><p>${describeError(this.locale, this.error)}</p></div>`;
    if (!this.settings) return html`<p class="pgo-notice" role="status">…</p>`;
    const t = (k: EditorKey, p?: Record<string, string | number>) => this.e(k, p);
    const sections = SECTION_IDS.map(
      (s: SectionId) => html`<fieldset class="section"><legend><h3>${this.e(`sec_${s}` as EditorKey)}</h3></legend>
      ${s === 'phases' || s === 'categories' ? this.renderList(s) : sectionFields(t, s, this.counts, this.creating).map((spec) => renderField(this.form, spec))}
      ${s === 'identity' ? this.renderKeys() : nothing}
    </fieldset>`,
    );
    const title = this.creating ? this.e('newConsultation') : this.e('editTitle', { title: this.settings.consultation.title });
    return renderFormPage(this.form, renderForm(this.form, title, this.e(this.creating ? 'create' : 'save'), sections, 3));
  }
}

declare global {
  interface HTMLElementEventMap {
    'pgo-consultation-saved': CustomEvent<ConsultationAdmin>;
  }
}

type Counts = { phases: number; categories: number };
/** The form values that hold the lists' lengths (not fields: nothing renders them). */
const LENGTH = { phases: '#phases', categories: '#categories' } as const;
const countsOf = (values: FormValues): Counts => ({
  phases: Number(values[LENGTH.phases]) || 0,
  categories: Number(values[LENGTH.categories]) || 0,
});
const listLengths = (settings: ConsultationAdmin): FormValues => ({
  [LENGTH.phases]: String(settings.consultation.phases.length),
  [LENGTH.categories]: String(settings.consultation.categories.length),
});

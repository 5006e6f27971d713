/**
 * The state of a pgo form, shared by every form element (proposal, event, registration): values, which fields were edited and left,
 * client and server field errors, the error summary, character counter announcements, the locally saved draft and a guarded,
 * idempotent submission. Rendering lives in `fields.ts`; an element keeps one controller and renders with those helpers.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { newIdempotencyKey } from '../core/backend.js';
import { toBackendError, type BackendError } from '../core/errors.js';
import type { Locale } from '../core/i18n.js';
import { tForm } from './form.messages.js';
import type { FieldError } from '../core/schemas.js';
import { clearDraft, loadDraft, saveDraft } from './draft-store.js';
import { fieldId, HONEYPOT, type FieldSpec, type FormOptions, type FormStatus, type FormValue, type FormValues } from './form-types.js';
import { CountAnnouncer, counterText } from './counter.js';

export * from './form-types.js';
export { COUNT_ANNOUNCE_DELAY, counterText, fieldLength } from './counter.js';

const SAVE_DELAY = 500;

export class FormController<R = unknown> implements ReactiveController {
  values: FormValues = {};
  status: FormStatus = 'idle';
  /** The last request failure (network, rate limit, closed...), shown with a retry when retryable. */
  error: BackendError | null = null;
  result: R | null = null;
  /** When the restored draft was saved; null when no draft was restored (or it was discarded). */
  restoredAt: number | null = null;
  /** Shown after a failed submit until every listed error is fixed or the form is sent. */
  summaryShown = false;
  /** Text of the polite live region: counter updates (throttled) and short confirmations. */
  announcement = '';

  private readonly edited = new Set<string>();
  private readonly left = new Set<string>();
  private serverErrors = new Map<string, FieldError>();
  private submitted = false;
  private pending = false;
  private idempotencyKey = newIdempotencyKey();
  private loadedKey: string | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly counter = new CountAnnouncer();
  /** What "Effacer le brouillon" threw away, until the citizen types again: `undoDiscard()` brings it back. */
  private discarded: { values: FormValues; edited: string[]; idempotencyKey: string; restoredAt: number | null } | null = null;
  private cachedValues: FormValues | null = null;
  private cachedErrors: FieldError[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: FormOptions<R>,
  ) {
    host.addController(this);
    this.values = this.blank();
  }

  hostUpdate(): void {
    // Restore the draft as soon as its key is known (the session has loaded), before rendering.
    const key = this.options.draftKey();
    if (key && key !== this.loadedKey) {
      this.loadedKey = key;
      const draft = loadDraft(key);
      if (draft) {
        this.values = { ...this.blank(), ...draft.values };
        this.idempotencyKey = draft.key;
        this.restoredAt = draft.savedAt;
        for (const name of Object.keys(draft.values)) this.edited.add(name);
      }
    }
  }

  hostDisconnected(): void {
    this.saveDraftNow();
    this.counter.cancel();
  }

  get busy(): boolean {
    return this.pending;
  }

  /** The citizen changed a field. */
  input(name: string, value: FormValue): void {
    const before = this.values[name];
    this.values = { ...this.values, [name]: value };
    if (name !== HONEYPOT) {
      this.edited.add(name);
      // New text: bringing the discarded draft back now would overwrite it.
      this.discarded = null;
    }
    this.serverErrors.delete(name);
    const max = this.spec(name)?.maxLength;
    if (max)
      this.counter.changed(before, value, max, () => {
        this.announcement = counterText(this.locale(), this.values[name], max);
        this.host.requestUpdate();
      });
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveDraftNow(), SAVE_DELAY);
    this.update();
  }

  /** The citizen left a field: its errors show from now on if they edited it. */
  leave(name: string): void {
    if (this.edited.has(name) && !this.left.has(name)) {
      this.left.add(name);
      this.update();
    }
    this.saveDraftNow();
  }

  /** Every current error (client validation, then server errors on fields the citizen has not changed since). */
  errors(): FieldError[] {
    if (this.cachedValues !== this.values) {
      this.cachedValues = this.values;
      this.cachedErrors = this.options.validate(this.values);
    }
    const byField = new Map(this.cachedErrors.map((e) => [e.field, e]));
    for (const [field, error] of this.serverErrors) byField.set(field, error);
    return [...byField.values()];
  }

  /** The error to show on a field now, if any. */
  errorFor(name: string): FieldError | undefined {
    const server = this.serverErrors.get(name);
    if (server) return server;
    if (!this.submitted && !(this.edited.has(name) && this.left.has(name))) return undefined;
    return this.errors().find((e) => e.field === name);
  }

  /** The errors the summary lists, in the order of the fields (unknown fields last). */
  summaryErrors(): FieldError[] {
    if (!this.summaryShown) return [];
    const order = this.options.fields().map((f) => f.name);
    const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
    return this.errors()
      .filter((e) => this.serverErrors.has(e.field) || this.submitted)
      .sort((a, b) => rank(a.field) - rank(b.field));
  }

  spec(name: string): FieldSpec | undefined {
    return this.options.fields().find((f) => f.name === name);
  }

  locale(): Locale {
    return this.options.locale();
  }

  /**
   * Validates, then sends once. A second call while a request is in flight does nothing (double
   * clicks, Enter held down). The idempotency key stays the same until a confirmed success or a
   * discarded draft, so a retry after a network error can never create a second item.
   */
  async submit(): Promise<void> {
    if (this.pending || this.status === 'success') return;
    this.submitted = true;
    this.error = null;
    if (this.errors().length) {
      this.summaryShown = true;
      this.status = 'idle';
      this.update();
      await this.focus('.error-summary');
      return;
    }
    const values = { ...this.values };
    if (this.options.beforeSend && !this.options.beforeSend(values)) return;
    this.pending = true;
    this.status = 'submitting';
    this.summaryShown = false;
    this.update();
    try {
      const result = await this.options.send(values, this.idempotencyKey);
      this.succeed(result);
    } catch (thrown) {
      this.fail(toBackendError(thrown));
    } finally {
      this.pending = false;
      this.update();
    }
  }

  /** Throws the draft away (blank values, no saved draft, a new idempotency key), undoable until the citizen types. */
  discardDraft(): void {
    const discarded = { values: this.values, edited: [...this.edited], idempotencyKey: this.idempotencyKey, restoredAt: this.restoredAt };
    this.clearStoredDraft();
    this.blankForm();
    this.discarded = discarded;
    this.announcement = tForm(this.locale(), 'draftDiscarded');
    this.update();
    void this.focusFirstField();
  }

  /** True while the discarded draft can still be brought back. */
  get canUndoDiscard(): boolean {
    return this.discarded !== null;
  }

  /** Brings the discarded draft back: its values, its saved copy and its idempotency key (a retry stays one item). */
  undoDiscard(): void {
    const discarded = this.discarded;
    if (!discarded) return;
    this.discarded = null;
    this.values = discarded.values;
    for (const name of discarded.edited) this.edited.add(name);
    this.idempotencyKey = discarded.idempotencyKey;
    this.restoredAt = discarded.restoredAt;
    this.saveDraftNow();
    this.announcement = tForm(this.locale(), 'draftBack');
    this.update();
    void this.focusFirstField();
  }

  /** After a success: a blank form for another submission. */
  startOver(): void {
    this.blankForm();
    this.update();
    void this.focusFirstField();
  }

  private focusFirstField(): Promise<void> {
    return this.focus(`#${fieldId(this.options.fields()[0]?.name ?? '')}`);
  }

  /** Moves focus to a field's control (the error summary's links use it). */
  focusField(name: string): void {
    void this.focus(`#${fieldId(name)}`);
  }

  /** Focuses an element of the host's shadow root after the next render. */
  async focus(selector: string): Promise<void> {
    this.host.requestUpdate();
    await (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const target = this.host.shadowRoot?.querySelector<HTMLElement>(selector);
    target?.focus();
  }

  private succeed(result: R): void {
    this.clearStoredDraft();
    this.result = result;
    this.status = 'success';
    this.restoredAt = null;
    this.idempotencyKey = newIdempotencyKey();
    this.options.onSuccess?.(result);
  }

  private fail(error: BackendError): void {
    if (error.code === 'validation' && error.fieldErrors.length) {
      // The server disagrees with the form: its errors land on their fields, the text stays.
      this.serverErrors = new Map(error.fieldErrors.map((e) => [e.field, e]));
      this.status = 'idle';
      this.summaryShown = true;
      void this.focus('.error-summary');
      return;
    }
    this.error = error;
    this.status = 'failed';
    this.options.onFailure?.(error);
  }

  private blankForm(): void {
    clearTimeout(this.saveTimer);
    this.values = this.blank();
    this.edited.clear();
    this.left.clear();
    this.serverErrors.clear();
    this.submitted = false;
    this.summaryShown = false;
    this.status = 'idle';
    this.error = null;
    this.result = null;
    this.restoredAt = null;
    this.discarded = null;
    this.idempotencyKey = newIdempotencyKey();
  }

  private blank(): FormValues {
    return { [HONEYPOT]: '', ...this.options.initialValues?.() };
  }

  private update(): void {
    if (this.summaryShown && !this.summaryErrors().length) this.summaryShown = false;
    this.host.requestUpdate();
  }

  /** Saves the draft now (debounce over, a field left, disconnect, the page hidden: `pagehide`); an untouched form clears it. */
  saveDraftNow(): void {
    clearTimeout(this.saveTimer);
    const key = this.loadedKey ?? this.options.draftKey();
    if (!key || this.status === 'success') return;
    const blank = this.blank();
    const values: FormValues = {};
    for (const [name, value] of Object.entries(this.values)) if (name !== HONEYPOT && value !== blank[name]) values[name] = value;
    if (!Object.keys(values).length) return clearDraft(key);
    saveDraft(key, { values, key: this.idempotencyKey, savedAt: Date.now() });
  }

  private clearStoredDraft(): void {
    clearTimeout(this.saveTimer);
    const key = this.loadedKey ?? this.options.draftKey();
    if (key) clearDraft(key);
  }
}

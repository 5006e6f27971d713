/**
 * The state of a pgo form, shared by every form element (proposal, event, registration): values,
 * which fields were edited and left, client and server field errors, the error summary, character
 * counter announcements, the locally saved draft and a guarded, idempotent submission.
 * Rendering lives in `fields.ts`; an element keeps one controller and renders with those helpers.
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { newIdempotencyKey } from '../core/backend.js';
import { toBackendError, type BackendError } from '../core/errors.js';
import type { Locale } from '../core/i18n.js';
import { tForm } from './form.messages.js';
import type { FieldError } from '../core/schemas.js';
import { clearDraft, loadDraft, saveDraft } from './draft-store.js';

export type FormValue = string | boolean;
/** Values keyed by dotted field path (`title`, `extra.format`, `address.locality`). */
export type FormValues = Record<string, FormValue>;

export interface FieldOption {
  value: string;
  label: string;
}

/** A field described by data; `fields.ts` renders it with its label, hint, error and counter. */
export interface FieldSpec {
  /** Dotted path: the key in the values and in `FieldError.field`. */
  name: string;
  label: string;
  /** A shorter name for the error summary (a long consent text: "Consentement"). */
  summaryLabel?: string;
  /** An input type (`text`, `email`, `url`, `number`, `datetime-local`...) or `textarea`, `select`, `radio`, `checkbox`. Default `text`. */
  type?: string;
  /** Marks the label "(obligatoire)"; validation itself is the form's `validate`. */
  required?: boolean;
  hint?: string | TemplateResult;
  /** Shows a character counter (never a hard limit: people paste, then trim). */
  maxLength?: number;
  options?: FieldOption[];
  autocomplete?: string;
  inputMode?: string;
  rows?: number;
}

export type FormStatus = 'idle' | 'submitting' | 'failed' | 'success';

export interface FormOptions<R> {
  /** Fields in display order: the error summary follows it, counters read `maxLength` from it. */
  fields: () => FieldSpec[];
  /** Business validation of the values, such as `validateProposalDraft` on the draft built from them. */
  validate: (values: FormValues) => FieldError[];
  /** Sends the values once; throws (a BackendError) on failure. */
  send: (values: FormValues, idempotencyKey: string) => Promise<R>;
  /** Storage key of the draft (see `draftKey`); null while unknown, or to keep no draft. */
  draftKey: () => string | null;
  locale: () => Locale;
  /** Just before sending: false cancels (a host vetoed the cancelable `pgo-*-submit` event). */
  beforeSend?: (values: FormValues) => boolean;
  /** After a confirmed success; the draft is already cleared. */
  onSuccess?: (result: R) => void;
  /** After a failed request (not a validation failure). */
  onFailure?: (error: BackendError) => void;
  /** Values of a blank form (checkboxes false, a select's default...). */
  initialValues?: () => FormValues;
}

/** The honeypot's name: bots fill a field called "website", people never see it. */
export const HONEYPOT = 'website';
/** The counter's spoken update waits for a pause this long (GOV.UK waits about as long). */
export const COUNT_ANNOUNCE_DELAY = 1500;
const SAVE_DELAY = 500;

/** Id of a field's control in the shadow root. */
export const fieldId = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;

/** Length as the validators count it: code points of the trimmed text. */
export const textLength = (value: FormValue | undefined) => [...String(value ?? '').trim()].length;

/** The counter text: "Il vous reste 12 caractères" or "3 caractères en trop". */
export function counterText(locale: Locale, value: FormValue | undefined, max: number): string {
  const left = max - textLength(value);
  return left >= 0 ? tForm(locale, 'remaining', { count: left }) : tForm(locale, 'tooMany', { count: -left });
}

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
  private countTimer: ReturnType<typeof setTimeout> | undefined;
  private cachedValues: FormValues | null = null;
  private cachedErrors: FieldError[] = [];

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly options: FormOptions<R>) {
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
    this.flushDraft();
    clearTimeout(this.countTimer);
  }

  get busy(): boolean {
    return this.pending;
  }

  /** The citizen changed a field. */
  input(name: string, value: FormValue): void {
    const before = this.values[name];
    this.values = { ...this.values, [name]: value };
    if (name !== HONEYPOT) this.edited.add(name);
    this.serverErrors.delete(name);
    this.announceCount(name, before, value);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flushDraft(), SAVE_DELAY);
    this.update();
  }

  /** The citizen left a field: its errors show from now on if they edited it. */
  leave(name: string): void {
    if (this.edited.has(name) && !this.left.has(name)) {
      this.left.add(name);
      this.update();
    }
    this.flushDraft();
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

  /** Throws the draft away: blank values, no saved draft, a new idempotency key. */
  discardDraft(): void {
    this.clearStoredDraft();
    this.blankForm();
    this.announcement = tForm(this.locale(), 'draftDiscarded');
    this.update();
    void this.focus(`#${fieldId(this.options.fields()[0]?.name ?? '')}`);
  }

  /** After a success: a blank form for another submission. */
  startOver(): void {
    this.blankForm();
    this.update();
    void this.focus(`#${fieldId(this.options.fields()[0]?.name ?? '')}`);
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
    this.idempotencyKey = newIdempotencyKey();
  }

  private blank(): FormValues {
    return { [HONEYPOT]: '', ...this.options.initialValues?.() };
  }

  private update(): void {
    if (this.summaryShown && !this.summaryErrors().length) this.summaryShown = false;
    this.host.requestUpdate();
  }

  /** Saves the draft now, without waiting for the debounce (a page being hidden or closed: `pagehide`). */
  saveDraftNow(): void {
    this.flushDraft();
  }

  /** Saves now (after the debounce, on leaving a field, on disconnect); an untouched form clears it. */
  private flushDraft(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
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

  /**
   * Speaks a counted field's state politely: at once when the text crosses the limit, otherwise only
   * once typing pauses, so a screen reader is not flooded with one update per keystroke.
   */
  private announceCount(name: string, before: FormValue | undefined, value: FormValue): void {
    const max = this.spec(name)?.maxLength;
    if (!max) return;
    clearTimeout(this.countTimer);
    const speak = () => {
      this.announcement = counterText(this.locale(), this.values[name], max);
      this.host.requestUpdate();
    };
    if (textLength(before) > max !== textLength(value) > max) speak();
    else this.countTimer = setTimeout(speak, COUNT_ANNOUNCE_DELAY);
  }
}

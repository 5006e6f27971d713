/** The data shapes of a pgo form (values, field descriptions, status, the options a form element gives its controller) and its names. */
import type { TemplateResult } from 'lit';
import type { BackendError } from '../core/errors.js';
import type { Locale } from '../core/i18n.js';
import type { FieldError } from '../core/schemas.js';

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

/** Id of a field's control in the shadow root. */
export const fieldId = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;

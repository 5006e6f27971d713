/**
 * Field errors with stable codes collected by a rule, one home for every rule in core (proposals, events, registrations,
 * comments, amendments): a text's length is counted in characters (code points), as JSON Schema's
 * maxLength and PostgreSQL's char_length count, after trimming.
 */
import type { FieldError } from './schemas.js';

export const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
export const EMAIL_MAX = 254;
/** A participant's display name. */
export const NAME_MAX = 80;

/** A text's length as every rule counts it: characters (code points) of the trimmed text. */
export const textLength = (value: string): number => [...value.trim()].length;

/** Collects field errors; the first error for a field wins. */
export class ErrorList {
  readonly errors: FieldError[] = [];
  add(field: string, code: string, message: string, params?: Record<string, string | number>): void {
    if (this.errors.some((e) => e.field === field)) return;
    this.errors.push(params ? { field, code, message, params } : { field, code, message });
  }
  text(field: string, value: string | undefined, min: number, max: number, required = true): void {
    const v = (value ?? '').trim();
    if (!v) {
      if (required) this.add(field, 'required', `${field} is required`);
      return;
    }
    const length = textLength(v);
    if (length < min) this.add(field, 'too_short', `${field} needs at least ${min} characters`, { min, length });
    else if (length > max) this.add(field, 'too_long', `${field} allows at most ${max} characters`, { max, length });
  }
  email(field: string, value: string | undefined, required: boolean): void {
    const v = (value ?? '').trim();
    if (!v) {
      if (required) this.add(field, 'required', `${field} is required`);
    } else if (v.length > EMAIL_MAX || !EMAIL.test(v)) {
      this.add(field, 'email', `${field} is not a valid e-mail address`);
    }
  }
  consent(field: string, value: boolean | undefined): void {
    if (value !== true) this.add(field, 'consent', `${field} must be accepted`);
  }
}

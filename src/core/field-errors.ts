/**
 * Zod issues as the field errors the forms map (`too_short`, `too_long`, `required`, `invalid`...), with
 * dotted paths (`consultation.phases.1.endsAt`). One mapping for the server's request validation and
 * the console's checks before sending.
 */
import type * as z from 'zod/mini';
import type { FieldError } from './schemas.js';

export function fieldErrorsOf(error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(root)';
    const code =
      issue.code === 'too_small'
        ? 'too_short'
        : issue.code === 'too_big'
          ? 'too_long'
          : issue.code === 'unrecognized_keys'
            ? 'unknown'
            : issue.code === 'invalid_type' && issue.input === undefined
              ? 'required'
              : 'invalid';
    return { field, code, message: `${field}: ${issue.message}` };
  });
}

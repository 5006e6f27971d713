/** One error shape for every failure (RFC 9457 problem+json) and the field errors of a refused form. */
import * as z from 'zod/mini';
import { WebUrl } from './primitives.js';
import { ERROR_CODES } from '../error-codes.js';

export const ErrorCode = z.enum(ERROR_CODES);
export const FieldError = z.object({
  /** Dotted path of the field (`title`, `extra.format`, `address.locality`). */
  field: z.string(),
  /** A stable code (`required`, `too_short`, `too_long`, `invalid`, `consent`...) the elements translate. */
  code: z.string(),
  message: z.string(),
  params: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
});
/** One error shape for every failure, shaped after RFC 9457 problem+json. */
export const ApiError = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  code: ErrorCode,
  detail: z.optional(z.string()),
  /** Seconds to wait before retrying (rate limits). */
  retryAfter: z.optional(z.number()),
  /** Where the participant can do this instead, when it is `unsupported` here (a proposal's Decidim page). */
  url: z.optional(WebUrl),
  fieldErrors: z.optional(z.array(FieldError)),
});

export type ErrorCode = z.infer<typeof ErrorCode>;
export type FieldError = z.infer<typeof FieldError>;
export type ApiError = z.infer<typeof ApiError>;

/**
 * Every error code, from the database to the citizen's sentence. A plain list (no zod) so the `rest`
 * backend can check a server's code without shipping the schemas; `ErrorCode` in schemas.ts is built from it.
 */
export const ERROR_CODES = [
  'validation',
  'network',
  'offline',
  'timeout',
  'aborted',
  'rate-limited',
  'not-found',
  'conflict',
  'closed',
  'limit-reached',
  'forbidden',
  'unauthorized',
  'too-large',
  'server',
  'unsupported',
  'unknown',
] as const;

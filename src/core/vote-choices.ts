import type { VoteChoice, VoteModel } from './schemas.js';

/**
 * The choices each vote model offers, in display order. Kept out of schemas.ts so that importing it
 * does not run every zod schema: an element that needs only this list stays free of zod (-13 KB gzip).
 */
export const VOTE_CHOICES: Record<VoteModel, readonly VoteChoice[]> = {
  support: ['support'],
  'for-against-mixed': ['for', 'mixed', 'against'],
  interest: ['interest'],
};

/**
 * How a relay workshop's contribution (issue 22) names where it comes from. No zod here: the elements that
 * show an origin (proposal list, text) import this alone, not the schemas of reports.ts.
 */
import type { ProposalOrigin } from './reports.js';

/** The workshop a contribution comes from as its origin line names it: "<event title>, <town>". */
export function originPlace(origin: Pick<ProposalOrigin, 'eventTitle' | 'town'>): string {
  return origin.town ? `${origin.eventTitle}, ${origin.town}` : origin.eventTitle;
}

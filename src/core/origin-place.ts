import type { ProposalOrigin } from './reports.js';

/**
 * The workshop a contribution comes from as its origin line names it: "<event title>, <town>". Apart from reports.ts
 * (zod schemas) so the elements that print it (the proposal list, the text) do not bring zod into the browser.
 */
export function originPlace(origin: Pick<ProposalOrigin, 'eventTitle' | 'town'>): string {
  return origin.town ? `${origin.eventTitle}, ${origin.town}` : origin.eventTitle;
}

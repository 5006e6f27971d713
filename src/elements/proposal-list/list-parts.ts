/** The proposal list's small pieces that need no element: excerpts, the visitor's random seed, proposals published here, the order applied. */
import type { ReadySession } from '../../base/session.js';
import { consultationEnd } from '../../core/phase.js';
import type { Proposal, ProposalQuery, ProposalSort } from '../../core/schemas.js';
import { readStored, storageKeys, webStorage, writeStored } from '../../core/storage.js';

const EXCERPT_LENGTH = 220;

/**
 * Proposals published from this page that the list does not show yet and that its category and search
 * would show, newest first (none while the list shows answered proposals only: a new one has no answer).
 */
export function joinPublished(
  shown: readonly Proposal[],
  published: readonly Proposal[],
  filter: { categoryId: string; q: string; answer: string },
): Proposal[] {
  const q = filter.q.trim().toLowerCase();
  if (filter.answer && filter.answer !== 'none') return [];
  return published.filter(
    (p) =>
      !shown.some((s) => s.id === p.id) &&
      (!filter.categoryId || p.categoryId === filter.categoryId) &&
      (!q || `${p.title} ${p.body}`.toLowerCase().includes(q)),
  );
}

/** The first words of a text, on one line, cut at a word boundary. */
export function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_LENGTH && !/\n/.test(body.trim())) return body.trim();
  if (flat.length <= EXCERPT_LENGTH) return `${flat}…`;
  const cut = flat.lastIndexOf(' ', EXCERPT_LENGTH);
  return `${flat.slice(0, cut > EXCERPT_LENGTH / 2 ? cut : EXCERPT_LENGTH)}…`;
}

/** The visitor's seed for the random order: kept for the tab's life, so paging and reloads agree. */
let memorySeed = '';
export function visitorSeed(): string {
  const storage = webStorage('session');
  const stored = readStored(storage, storageKeys.randomSeed);
  if (stored) return stored;
  // Storage may be off (privacy settings, sandboxed frames): keep it for the page's life.
  memorySeed ||= Math.random().toString(36).slice(2, 10);
  writeStored(storage, storageKeys.randomSeed, memorySeed);
  return memorySeed;
}

/** Sorting by support would reveal counts the consultation hides until the end. */
export function countsHidden(session: ReadySession): boolean {
  const consultation = session.consultation;
  const end = consultationEnd(consultation.phases);
  return consultation.settings.hideCountsUntilEnd && end !== null && session.now() < end;
}

/** The order applied: by support falls back to newest while counts are hidden. */
export function effectiveSort(sort: ProposalSort, session: ReadySession): ProposalSort {
  return sort === 'most-supported' && countsHidden(session) ? 'newest' : sort;
}

/** The backend query for the list's filters, the order applied and the search typed (`q`, trimmed). */
export function proposalQuery(
  list: { pageSize: number; category: string; answer: string; origin: '' | 'online' | 'workshop'; workshop: string },
  sort: ProposalSort,
  q: string,
): ProposalQuery {
  const query: ProposalQuery = { sort, limit: Math.min(100, Math.max(1, list.pageSize || 20)) };
  if (sort === 'random') query.seed = visitorSeed();
  if (list.category) query.categoryId = list.category;
  if (list.answer) query.answer = list.answer as ProposalQuery['answer'];
  if (list.origin) query.origin = list.origin;
  const workshop = workshopOf(list);
  if (workshop) query.eventId = workshop;
  if (q) query.q = q.slice(0, 200);
  return query;
}

/** Lists whose reader chose another origin than the workshop they were given (the workshop's id, by list). */
const leftWorkshop = new WeakMap<object, string>();

/** The workshop a list was given: its own `workshop`, else the page's `?workshop=` (an event card's link to its contributions). */
export function givenWorkshop(list: { workshop: string }): string {
  return list.workshop || (new URLSearchParams(globalThis.location?.search ?? '').get('workshop') ?? '');
}

/** The workshop whose contributions the list shows: the one given, unless the reader chose another origin. */
export function workshopOf(list: { workshop: string }): string {
  const given = givenWorkshop(list);
  return leftWorkshop.get(list) === given ? '' : given;
}

/** The reader leaves the given workshop (another origin chosen) or comes back to it. */
export function leaveWorkshop(list: { workshop: string }, leave: boolean): void {
  if (leave) leftWorkshop.set(list, givenWorkshop(list));
  else leftWorkshop.delete(list);
}

/** The proposal list's small pieces that need no element: excerpts, the visitor's random seed, proposals published here. */
import type { Proposal } from '../../core/schemas.js';
import { readStored, storageKeys, webStorage, writeStored } from '../../core/storage.js';

const EXCERPT_LENGTH = 220;

/**
 * Proposals published from this page that the list does not show yet and that its category and search
 * would show, newest first.
 */
export function joinPublished(
  shown: readonly Proposal[],
  published: readonly Proposal[],
  filter: { categoryId: string; q: string },
): Proposal[] {
  const q = filter.q.trim().toLowerCase();
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

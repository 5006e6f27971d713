/** Small query helpers shared by in-process backends: cursor paging, seeded shuffles, place matching. */
import type { Address, Page } from './schemas.js';

/** Offset cursors, opaque to callers. */
export function pageFrom<T>(items: T[], cursor: string | undefined, limit: number): Page<T> {
  const start = cursor ? Math.max(0, Number.parseInt(cursor, 36) || 0) : 0;
  const end = start + limit;
  return { items: items.slice(start, end), nextCursor: end < items.length ? end.toString(36) : null, total: items.length };
}

/** FNV-1a: a tiny stable hash, so "random" order is the same for one seed on every load and page. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function seededRank<T extends { id: string }>(items: T[], seed: string): T[] {
  return items
    .map((item) => ({ item, rank: hash32(`${seed}:${item.id}`) }))
    .sort((a, b) => a.rank - b.rank || a.item.id.localeCompare(b.item.id))
    .map((r) => r.item);
}

/** Folds case and accents: "Évry" matches "evry". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('fr')
    .trim();
}

/** A postal-code prefix (digits) or a part of the town's name. */
export function matchesPlace(address: Address | undefined, place: string): boolean {
  const wanted = foldText(place);
  if (!wanted) return true;
  if (!address) return false;
  if (/^\d+$/.test(wanted)) return (address.postalCode ?? '').startsWith(wanted);
  return foldText(address.locality).includes(wanted);
}

/**
 * The word-level difference between two texts: the one implementation the server (amendments carry
 * their diff), the memory backend and `<pgo-text>` (the preview while writing) share. No DOM, no library:
 * a longest common subsequence on word tokens after trimming the common head and tail, which is what a
 * section of a few hundred words needs (the `diff` package would add about 11 kB minified to the bundle).
 *
 * Tokens are words (letters, digits and marks, with inner apostrophes and hyphens: « l’État »,
 * « c’est-à-dire »), single punctuation signs and runs of whitespace. Both texts are NFC-normalised, so a
 * decomposed « é » equals a composed one. Whitespace runs are equal unless one holds a paragraph break
 * and the other does not: re-spacing a sentence is not a change; splitting a paragraph is.
 */

export type DiffOp = 'same' | 'ins' | 'del';
export interface DiffPart {
  op: DiffOp;
  text: string;
}

const TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’\-‐][\p{L}\p{N}\p{M}]+)*|\s+|[^\s\p{L}\p{N}\p{M}]/gu;

export function tokenize(text: string): string[] {
  return text.normalize('NFC').match(TOKEN) ?? [];
}

const isSpace = (token: string) => /^\s+$/u.test(token);
const paragraphBreak = (token: string) => /\n\s*\n/.test(token);
/** Two tokens are the same word (whitespace compared by kind: paragraph break or not). */
function equal(a: string, b: string): boolean {
  if (a === b) return true;
  return isSpace(a) && isSpace(b) && paragraphBreak(a) === paragraphBreak(b);
}

/** Parts from `before` to `after`; consecutive parts of one kind are merged. Unchanged spaces take `after`'s spelling. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let head = 0;
  while (head < a.length && head < b.length && equal(a[head]!, b[head]!)) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && equal(a[a.length - 1 - tail]!, b[b.length - 1 - tail]!)) tail++;
  const parts: DiffPart[] = [];
  const push = (op: DiffOp, text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  for (const t of b.slice(0, head)) push('same', t);
  middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), push);
  for (const t of b.slice(b.length - tail)) push('same', t);
  return joinSpaces(parts);
}

/** LCS by dynamic programming on the differing middle (rows of `a`, columns of `b`). */
function middle(a: string[], b: string[], push: (op: DiffOp, text: string) => void): void {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: the LCS of a[i..] and b[j..], kept in one flat array.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[at(i, j)] = equal(a[i]!, b[j]!) ? lengths[at(i + 1, j + 1)]! + 1 : Math.max(lengths[at(i + 1, j)]!, lengths[at(i, j + 1)]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (equal(a[i]!, b[j]!)) {
      push('same', b[j]!);
      i++;
      j++;
    } else if (lengths[at(i + 1, j)]! >= lengths[at(i, j + 1)]!) push('del', a[i++]!);
    else push('ins', b[j++]!);
  }
  while (i < n) push('del', a[i++]!);
  while (j < m) push('ins', b[j++]!);
}

/**
 * Changes separated only by spaces become one removed phrase and one added phrase (« <del>a b</del><ins>c
 * d</ins> » rather than four pieces), so a reader hears whole phrases. Each side keeps the spaces, so the
 * unchanged and added parts still spell the new text, and the unchanged and removed parts the old one.
 */
function joinSpaces(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let k = 0;
  while (k < parts.length) {
    if (parts[k]!.op === 'same') {
      out.push({ ...parts[k]! });
      k++;
      continue;
    }
    let end = k;
    while (
      end < parts.length &&
      (parts[end]!.op !== 'same' || (isSpace(parts[end]!.text) && parts[end + 1] && parts[end + 1]!.op !== 'same'))
    )
      end++;
    const group = parts.slice(k, end);
    for (const op of ['del', 'ins'] as const) {
      if (group.some((p) => p.op === op))
        out.push({
          op,
          text: group
            .filter((p) => p.op !== (op === 'del' ? 'ins' : 'del'))
            .map((p) => p.text)
            .join(''),
        });
    }
    k = end;
  }
  return out;
}

/** The text before (`del` + `same`) or after (`ins` + `same`) a diff: what each side shows. */
export function sideOf(parts: readonly DiffPart[], side: 'before' | 'after'): DiffPart[] {
  return parts.filter((p) => p.op === 'same' || p.op === (side === 'before' ? 'del' : 'ins'));
}

/** Words added and removed, for a summary (« 3 mots ajoutés, 1 supprimé »). */
export function diffStats(parts: readonly DiffPart[]): { added: number; removed: number } {
  const words = (text: string) => tokenize(text).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
  let added = 0;
  let removed = 0;
  for (const p of parts) {
    if (p.op === 'ins') added += words(p.text);
    if (p.op === 'del') removed += words(p.text);
  }
  return { added, removed };
}

/**
 * Forgets the drafts a test file made, and only those: Chromium runs two test files at once on one origin, so
 * `localStorage.clear()` in one file wiped the drafts another was checking (the console's settings draft).
 */
export function forgetDrafts(...kinds: string[]): void {
  for (const key of Object.keys(localStorage)) if (kinds.some((kind) => key.startsWith(`pgo-draft:${kind}|`))) localStorage.removeItem(key);
}

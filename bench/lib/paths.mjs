import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BENCH = join(ROOT, 'bench');
/** Bundles and scratch files of a run (under node_modules: ignored by git and the linter). */
export const OUT = join(ROOT, 'node_modules/.cache/pgo-bench');

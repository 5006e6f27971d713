// Size budgets of the CDN build (issue 8), inside `npm test`: one check per file of dist/cdn/, with the
// sizes `npm run size` prints. npm test builds before this suite runs; alone, it builds if needed.
import { formatPages, measurePages, zodInPages } from '../../scripts/size-pages.mjs';
import { CDN, ensureBuild, format, measure } from '../../scripts/size.mjs';

export const name = 'size';

export async function run() {
  ensureBuild();
  const rows = measure();
  console.log(format(rows));
  const pages = measurePages(CDN);
  console.log(formatPages(pages));
  // No validator library in any element's chunks (a schema module imported for one helper once pulled zod in: +7.4 KB).
  const zod = zodInPages(CDN);
  console.log(zod.length ? `  FAIL: zod in the chunks ${zod.join(', ')}` : '  no zod in any element chunk: ok');
  const enforced = [...rows.filter((row) => row.budget !== null), ...pages, { ok: zod.length === 0 }];
  const failed = enforced.filter((row) => !row.ok).length;
  return { passed: enforced.length - failed, failed, skipped: rows.length + pages.length + 1 - enforced.length };
}

// Size budgets of the CDN build (issue 8), inside `npm test`: one check per file of dist/cdn/, with the
// sizes `npm run size` prints. npm test builds before this suite runs; alone, it builds if needed.
import { ensureBuild, format, measure } from '../../scripts/size.mjs';

export const name = 'size';

export async function run() {
  ensureBuild();
  const rows = measure();
  console.log(format(rows));
  const enforced = rows.filter((row) => row.budget !== null);
  const failed = enforced.filter((row) => !row.ok).length;
  return { passed: enforced.length - failed, failed, skipped: rows.length - enforced.length };
}

// A Web Test Runner reporter that adds up passed, failed and skipped tests over every file and
// browser, and writes them where scripts/test.mjs can print the one closing count line and, under it, the
// name and first error line of each failure (CI keeps only the end of a long log).
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const firstLine = (error) =>
  String(error?.message ?? error ?? '')
    .split('\n')[0]
    .slice(0, 300);

function walk(suite, counts, where, path = []) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else {
      counts.failed++;
      counts.failures.push(`${where}: ${[...path, test.name].join(' › ')}: ${firstLine(test.error)}`);
    }
  }
  for (const child of suite.suites ?? []) walk(child, counts, where, [...path, child.name]);
}

export function countReporter(file = process.env.PGO_COUNT_FILE) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
      for (const session of sessions) {
        const where = `${session.browser?.name ?? ''} ${relative(process.cwd(), session.testFile)}`.trim();
        if (session.testResults) walk(session.testResults, counts, where);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (!session.testResults || session.errors?.length)) {
          counts.failed += session.errors?.length || 1;
          counts.failures.push(`${where}: ${session.errors?.map(firstLine).join(' | ') || 'the file failed to run'}`);
        }
      }
      if (file) writeFileSync(file, JSON.stringify(counts));
    },
  };
}

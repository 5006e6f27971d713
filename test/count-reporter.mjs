// A Web Test Runner reporter that adds up passed, failed and skipped tests over every file and
// browser, and writes them where scripts/test.mjs can print the one closing count line.
import { writeFileSync } from 'node:fs';

function walk(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite.suites ?? []) walk(child, counts);
}

export function countReporter(file = process.env.PGO_COUNT_FILE) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults, counts);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (!session.testResults || session.errors?.length)) counts.failed += session.errors?.length || 1;
      }
      if (file) writeFileSync(file, JSON.stringify(counts));
    },
  };
}

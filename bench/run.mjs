// `npm run bench` runs every benchmark and prints a table; `npm run bench -- size` (or startup, idle,
// server, several at once) runs those. Figures are measured and printed with verdicts against their
// targets; the exit code is non-zero only when a benchmark could not run.
import { cpus, loadavg } from 'node:os';
import { ROOT } from './lib/paths.mjs';
import { table } from './lib/stats.mjs';

const BENCHMARKS = ['size', 'startup', 'idle', 'server', 'text'];

process.chdir(ROOT);
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !BENCHMARKS.includes(a));
if (unknown.length) {
  console.error(`pgo-widgets bench: unknown benchmark ${unknown.join(', ')}; choose among ${BENCHMARKS.join(', ')}`);
  process.exit(2);
}
const selected = asked.length ? BENCHMARKS.filter((b) => asked.includes(b)) : BENCHMARKS;

let peakLoad = loadavg()[0];
const load = () => {
  peakLoad = Math.max(peakLoad, loadavg()[0]);
  return loadavg()[0].toFixed(1);
};
const cores = cpus().length;
console.log(`pgo-widgets bench: ${selected.join(', ')} on Node ${process.version}, ${cores} cores, load average ${load()}`);
const started = performance.now();
const rows = [];
const failed = [];
for (const name of selected) {
  const t0 = performance.now();
  console.log(`\n== ${name}`);
  try {
    const benchmark = await import(`./${name}.mjs`);
    rows.push(...(await benchmark.run((line) => console.log(line))));
  } catch (error) {
    failed.push(name);
    console.error(`  ${name} could not run: ${error?.stack ?? error}`);
    rows.push({
      benchmark: `${name}: could not run`,
      ours: String(error?.message ?? error)
        .split('\n')[0]
        .slice(0, 60),
      peer: '-',
      ratio: '-',
      target: '-',
      verdict: 'NOT RUN',
    });
  }
  console.log(`  (${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s, load average ${load()})`);
}

console.log(`\n${table(rows)}`);
const busy = Math.max(peakLoad, loadavg()[0]) > cores;
console.log(
  `\n${selected.length} benchmark(s) in ${((performance.now() - started) / 1000).toFixed(0)} s; ${rows.filter((r) => r.verdict === 'pass').length} pass, ` +
    `${rows.filter((r) => r.verdict === 'FAIL').length} fail, ${rows.filter((r) => r.verdict === 'info').length} info, ${failed.length} could not run.`,
);
if (busy)
  console.log(
    `Note: the load average (up to ${peakLoad.toFixed(1)}) exceeded the ${cores} cores during the run: timings (start-up, server) are unreliable; sizes and counts are not affected.`,
  );
process.exit(failed.length ? 1 : 0);

/** Small statistics and formatting shared by the benchmarks. */

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const index = (sorted.length - 1) * q;
  const low = Math.floor(index);
  const high = Math.ceil(index);
  return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
}

export const median = (values) => quantile(values, 0.5);
export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
export const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : '-');
export const ratio = (a, b) => (b ? a / b : NaN);
export const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** One row of the final table. `verdict`: 'pass', 'FAIL' or 'info' (no target). */
export function row(benchmark, ours, peer, value, target, pass) {
  return {
    benchmark,
    ours,
    peer,
    ratio: typeof value === 'number' ? fixed(value) : value,
    target: target ?? '-',
    verdict: pass === undefined ? 'info' : pass ? 'pass' : 'FAIL',
  };
}

export function table(rows) {
  const head = { benchmark: 'benchmark', ours: 'ours', peer: 'peer / limit', ratio: 'ratio', target: 'target', verdict: 'verdict' };
  const columns = Object.keys(head);
  const widths = columns.map((c) => Math.max(...[head, ...rows].map((r) => String(r[c]).length)));
  const line = (r) => `| ${columns.map((c, i) => String(r[c]).padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

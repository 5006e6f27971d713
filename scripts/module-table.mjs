// Per source module of a page: bytes of minified output each module owns (from the chunks' source maps) and an
// estimate of its share of min+gzip (the file's gzip size split in proportion to each module's standalone gzip).
// `node scripts/module-table.mjs pgo-phase-countdown [pgo-vote-button …]` (after a build): one table for the page
// made of those tags' files (the loader's manifest); `--lang en` adds the tags' English files.
// `--without src/base/vote-store.ts,src/base/page-writes.ts` also prints the page's min+gzip with those modules' output
// cut out of its files (what the page would weigh if they came with other elements: an upper bound of a split's saving).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';

const CDN = 'dist/cdn';
const args = process.argv.slice(2);
const lang = args.includes('--lang') ? args[args.indexOf('--lang') + 1] : null;
const tags = args.filter((a, i) => a.startsWith('pgo-') && args[i - 1] !== '--lang');
const without = args.includes('--without') ? args[args.indexOf('--without') + 1].split(',') : [];
let totalWithout = 0;
const manifest = JSON.parse(readFileSync(join(CDN, 'pgo-manifest.json'), 'utf8'));
const files = [...new Set(tags.flatMap((t) => [...(manifest.tags[t] ?? []), ...(lang ? (manifest.languages[lang]?.[t] ?? []) : [])]))];
const gz = (s) => gzipSync(s, { level: 9 }).length;
const short = (s) => (s ?? '(no source)').replace(/^.*?(node_modules|src)\//, '$1/');

const rows = new Map();
let total = 0;
for (const file of files) {
  const code = readFileSync(join(CDN, file), 'utf8');
  const map = new TraceMap(JSON.parse(readFileSync(join(CDN, `${file}.map`), 'utf8')));
  const lines = code.split('\n');
  const offsets = [];
  let at = 0;
  for (const l of lines) {
    offsets.push(at);
    at += l.length + 1;
  }
  // Each generated segment belongs to the source of its mapping, up to the next mapping.
  const marks = [];
  eachMapping(map, (m) => marks.push({ pos: offsets[m.generatedLine - 1] + m.generatedColumn, source: m.source }));
  marks.sort((a, b) => a.pos - b.pos);
  const parts = new Map();
  const segments = [];
  let prev = { pos: 0, source: null };
  for (const m of [...marks, { pos: code.length, source: null }]) {
    const key = short(prev.source);
    parts.set(key, (parts.get(key) ?? '') + code.slice(prev.pos, m.pos));
    segments.push([key, code.slice(prev.pos, m.pos)]);
    prev = m;
  }
  const fileGz = gz(code);
  total += fileGz;
  if (without.length) totalWithout += gz(segments.map(([k, s]) => (without.includes(k) ? '' : s)).join(''));
  const standalone = [...parts].map(([k, s]) => [k, s.length, gz(s)]);
  const sum = standalone.reduce((a, [, , g]) => a + g, 0);
  for (const [k, min, g] of standalone) {
    const r = rows.get(k) ?? { min: 0, gz: 0, files: new Set() };
    r.min += min;
    r.gz += (g / sum) * fileGz;
    r.files.add(file.replace(/-[0-9a-f]{6}\.js$/, ''));
    rows.set(k, r);
  }
}
console.log(`${tags.join(' + ')}${lang ? ` (${lang})` : ''}: ${files.length} files, ${total} B min+gzip (gzip -9 per file)`);
if (without.length) console.log(`without ${without.join(', ')}: ${totalWithout} B (${totalWithout - total} B)`);
console.log(`${'min'.padStart(7)} ${'~gzip'.padStart(7)}  module (file)`);
for (const [k, r] of [...rows].sort((a, b) => b[1].gz - a[1].gz)) {
  if (r.gz < 40) continue;
  console.log(`${String(r.min).padStart(7)} ${String(Math.round(r.gz)).padStart(7)}  ${k} (${[...r.files].join(', ')})`);
}

// Benchmark 1, size: our proposal form and our whole bundle against the same form made of Shoelace 2's
// controls, all three bundled here by rollup with the CDN build's plugins and settings; min+gzip -9.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measurePages } from '../scripts/size-pages.mjs';
import { gzipSize } from '../scripts/size-plugin.mjs';
import { CDN, ensureBuild } from '../scripts/size.mjs';
import { bundle } from './lib/build.mjs';
import { ROOT } from './lib/paths.mjs';
import { kb, ratio, row } from './lib/stats.mjs';

export const name = 'size';
const TARGET = 0.5;

/** Shoelace's light theme (design tokens the controls need to look right), minified crudely: not counted in the ratio. */
function shoelaceThemeSize() {
  const css = readFileSync(join(ROOT, 'node_modules/@shoelace-style/shoelace/dist/themes/light.css'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};:,]) ?/g, '$1');
  return gzipSize(css);
}

export async function run(log) {
  const form = await bundle('src/define/proposal-form.ts', 'pgo-proposal-form');
  const whole = await bundle('src/define/index.ts', 'pgo-widgets');
  const shoelace = await bundle('bench/peers/shoelace-form.js', 'shoelace-form');
  // Shoelace-built equivalents of the countdown and the vote button (bench/peers/: floors, they do less than ours).
  const peers = {
    'a countdown only (French)': await bundle('bench/peers/shoelace-countdown.js', 'shoelace-countdown'),
    'one vote button': await bundle('bench/peers/shoelace-vote-button.js', 'shoelace-vote-button'),
  };
  const version = JSON.parse(readFileSync(join(ROOT, 'node_modules/@shoelace-style/shoelace/package.json'), 'utf8')).version;
  for (const b of [form, whole, shoelace, ...Object.values(peers)])
    log(`  ${b.name.padEnd(20)} ${kb(b.min).padStart(9)} min  ${kb(b.gzip).padStart(8)} min+gzip`);
  log(
    `  (Shoelace ${version}; its light theme CSS, needed for the controls to look right, adds ${kb(shoelaceThemeSize())} min+gzip, not counted)`,
  );
  const formRatio = ratio(form.gzip, shoelace.gzip);
  const wholeRatio = ratio(whole.gzip, shoelace.gzip);
  log(
    `  proposal form / Shoelace form: ${formRatio.toFixed(2)}; whole bundle / Shoelace form: ${wholeRatio.toFixed(2)} (target <= ${TARGET})`,
  );
  // The pages of issue 24, through the loader (dist/cdn, built if missing): all their requests.
  ensureBuild();
  const pages = measurePages(CDN).map((page) =>
    // The countdown and vote button pages: their Shoelace equivalent printed beside them; the verdict is the budget's.
    peers[page.page]
      ? row(
          `size page: ${page.page}`,
          kb(page.gzip),
          `${kb(peers[page.page].gzip)} Shoelace ${version} equivalent`,
          ratio(page.gzip, peers[page.page].gzip),
          `budget ${kb(page.budget)}`,
          page.withinBudget,
        )
      : row(
          `size page: ${page.page}`,
          kb(page.gzip),
          page.page === 'a proposal form' ? `${kb(shoelace.gzip)} Shoelace ${version} form` : `budget ${kb(page.budget)}`,
          page.page === 'a proposal form' ? ratio(page.gzip, shoelace.gzip) : ratio(page.gzip, page.budget),
          page.page === 'a proposal form' ? `<= ${TARGET}` : '<= 1 of budget',
          page.page === 'a proposal form' ? ratio(page.gzip, shoelace.gzip) <= TARGET : page.withinBudget,
        ),
  );
  return [
    ...pages,
    row(
      'size: proposal form (min+gzip)',
      kb(form.gzip),
      `${kb(shoelace.gzip)} Shoelace ${version} form`,
      formRatio,
      `<= ${TARGET}`,
      formRatio <= TARGET,
    ),
    row(
      'size: whole bundle (min+gzip)',
      kb(whole.gzip),
      `${kb(shoelace.gzip)} Shoelace ${version} form`,
      wholeRatio,
      `<= ${TARGET}`,
      wholeRatio <= TARGET,
    ),
  ];
}

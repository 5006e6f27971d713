// The organiser console's own build (never part of dist/cdn/): src/console/index.ts bundled with Lit and
// the project's base, forms and catalogues into dist/admin/console.js, next to its page. The server serves
// dist/admin/ at /admin/ under a strict CSP (no inline script or style). `node scripts/build-console.mjs`.
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

export async function buildConsole(outdir = 'dist/admin') {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { console: 'src/console/index.ts' },
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: false,
    outdir,
    tsconfig: 'tsconfig.json',
    target: 'es2022',
    logLevel: 'warning',
    legalComments: 'none',
  });
  copyFileSync('src/console/admin.html', `${outdir}/index.html`);
  copyFileSync('src/console/admin.css', `${outdir}/admin.css`);
  const js = `${outdir}/console.js`;
  return { bytes: statSync(js).size, gzip: gzipSync(readFileSync(js), { level: 9 }).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { bytes, gzip } = await buildConsole();
  console.log(
    `pgo-widgets: console written to dist/admin/ (console.js ${(bytes / 1024).toFixed(1)} KB, ${(gzip / 1024).toFixed(1)} KB gzip)`,
  );
}

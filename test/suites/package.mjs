// The npm package as a consumer sees it (issue 8): every path of the `exports` map resolves (module and
// types) from a clean project that has pgo-widgets in node_modules; the package root registers no
// element, each define module registers its own; `sideEffects` names exactly the modules that register
// something; `files` ships the build and nothing else; every CDN file has a source map.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ensureBuild } from '../../scripts/size.mjs';

export const name = 'package';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

const list = (dir, test) => (existsSync(join(ROOT, dir)) ? readdirSync(join(ROOT, dir)).filter(test) : []);
const isSource = (file) => file.endsWith('.ts') && !/\.(test|stories|d)\.ts$/.test(file);
const isDir = (path) => statSync(join(ROOT, path)).isDirectory();

/** Every public path, derived from the source tree: new elements, define modules and backends included. */
function publicSpecifiers() {
  const elements = list('src/elements', (n) => isDir(`src/elements/${n}`) && existsSync(join(ROOT, `src/elements/${n}/${n}.ts`)));
  const defines = list('src/define', (n) => isSource(n) && n !== 'index.ts').map((n) => n.replace(/\.ts$/, ''));
  const backends = list('src/backends', (n) =>
    isSource(n) ? true : isDir(`src/backends/${n}`) && existsSync(join(ROOT, `src/backends/${n}/index.ts`)),
  ).map((n) => n.replace(/\.ts$/, ''));
  return [
    'pgo-widgets',
    ...elements.map((n) => `pgo-widgets/elements/${n}.js`),
    'pgo-widgets/define',
    ...defines.map((n) => `pgo-widgets/define/${n}.js`),
    ...backends.map((n) => `pgo-widgets/backends/${n}.js`),
    'pgo-widgets/custom-elements.json',
    'pgo-widgets/cdn/pgo-widgets.js',
  ];
}

/** A project outside the repository with pgo-widgets linked into its node_modules, as npm would install it. */
function consumer() {
  const dir = mkdtempSync(join(tmpdir(), 'pgo-consumer-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules/pgo-widgets'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{"type":"module","private":true}\n');
  return dir;
}

/**
 * Runs `code` as a module in the consumer, with a customElements that records every define(); returns
 * `out` (`out.defined`: the tags defined, and whatever the code put there).
 */
function inConsumer(dir, code) {
  const prelude =
    'const out = { defined: [] }; globalThis.customElements = { define: (tag) => out.defined.push(tag), get: () => undefined };';
  const result = spawnSync('node', ['--input-type=module', '-e', `${prelude}\n${code}\nconsole.log(JSON.stringify(out));`], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr.trim().split('\n').slice(0, 6).join('\n'));
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

const globToRegExp = (glob) =>
  new RegExp(
    `^${glob
      .replace(/^\.\//, '')
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')}$`,
  );

function filesUnder(dir) {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

export async function run() {
  ensureBuild();
  const results = [];
  const check = async (title, fn) => {
    try {
      await fn();
      results.push({ title, ok: true });
    } catch (error) {
      results.push({ title, ok: false, error });
    }
  };
  const dir = consumer();
  try {
    const specifiers = publicSpecifiers();
    const tsOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
    for (const spec of specifiers) {
      await check(`${spec} resolves through the exports map`, () => {
        const { url } = inConsumer(dir, `out.url = import.meta.resolve(${JSON.stringify(spec)});`);
        const file = fileURLToPath(url);
        if (!existsSync(file)) throw new Error(`${spec} -> ${relative(ROOT, file)}, which does not exist`);
        if (!relative(ROOT, file).startsWith('dist/')) throw new Error(`${spec} -> ${relative(ROOT, file)}, outside dist/`);
        if (!spec.endsWith('.json') && !spec.includes('/cdn/')) {
          const typed = ts.resolveModuleName(spec, join(dir, 'index.ts'), tsOptions, ts.sys).resolvedModule;
          if (!typed?.resolvedFileName.endsWith('.d.ts') || !existsSync(typed.resolvedFileName))
            throw new Error(`${spec}: TypeScript finds no types (${typed?.resolvedFileName})`);
        }
      });
    }

    await check('importing the package root registers no element', () => {
      const { defined } = inConsumer(
        dir,
        "const lib = await import('pgo-widgets'); if (!lib.PgoElement || !lib.VERSION) throw new Error('root exports missing');",
      );
      if (defined.length) throw new Error(`the root import defined ${defined.join(', ')}`);
    });
    const tagsOf = (file) =>
      [...readFileSync(join(ROOT, 'src/define', file), 'utf8').matchAll(/defineElement\(\s*'([a-z0-9-]+)'/g)].map((m) => m[1]);
    const allTags = list('src/define', isSource).flatMap(tagsOf).sort();
    await check(`pgo-widgets/define registers every element (${allTags.length})`, () => {
      const { defined } = inConsumer(dir, "await import('pgo-widgets/define');");
      if (JSON.stringify([...defined].sort()) !== JSON.stringify(allTags))
        throw new Error(`defined ${defined.join(', ')}; expected ${allTags.join(', ')}`);
    });
    for (const file of list('src/define', (n) => isSource(n) && n !== 'index.ts')) {
      const spec = `pgo-widgets/define/${file.replace(/\.ts$/, '.js')}`;
      // An element that renders another (a list of vote buttons) registers that one too.
      await check(`${spec} registers its element`, () => {
        const { defined } = inConsumer(dir, `await import(${JSON.stringify(spec)});`);
        const own = tagsOf(file);
        if (!own.every((tag) => defined.includes(tag)) || defined.some((tag) => !allTags.includes(tag)))
          throw new Error(`defined ${defined.join(', ')}; expected ${own.join(', ')}`);
      });
    }

    await check('sideEffects names exactly the modules that register an element or a backend', () => {
      const globs = pkg.sideEffects.map(globToRegExp);
      const modules = filesUnder(join(ROOT, 'dist'))
        .map((f) => relative(ROOT, f))
        .filter((f) => f.endsWith('.js') && !/^dist\/(cdn|demo)\//.test(f));
      const registering = modules.filter((f) => /^(defineElement|registerBackend)\(/m.test(readFileSync(join(ROOT, f), 'utf8')));
      const missing = registering.filter((f) => !globs.some((g) => g.test(f)));
      const extra = modules.filter((f) => globs.some((g) => g.test(f)) && !registering.includes(f) && !f.startsWith('dist/define/'));
      // The ./src and ./demo entries keep bundlers that read the sources (esbuild for the demo) from dropping
      // `import './define/x.js'`; they must name real files too.
      const sources = ['src', 'demo'].flatMap((d) => filesUnder(join(ROOT, d))).map((f) => relative(ROOT, f));
      const shipped = filesUnder(join(ROOT, 'dist')).map((f) => relative(ROOT, f));
      const unused = pkg.sideEffects.filter((glob) => ![...shipped, ...sources].some((f) => globToRegExp(glob).test(f)));
      if (missing.length || extra.length || unused.length)
        throw new Error(
          `not in sideEffects: ${missing.join(', ') || '-'}; listed without side effects: ${extra.join(', ') || '-'}; matching nothing: ${unused.join(', ') || '-'}`,
        );
    });

    await check('`files` ships the build, the manifest and the README, no sources or tests', () => {
      const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const files = JSON.parse(out)[0].files.map((f) => f.path);
      const needed = [
        'package.json',
        'README.md',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/define/index.js',
        'dist/cdn/pgo-widgets.js',
        'dist/cdn/pgo-widgets.js.map',
        'dist/custom-elements.json',
      ];
      const absent = needed.filter((f) => !files.includes(f));
      const stray = files.filter((f) => /^(src|server|test|stories|demo|scripts|dist\/demo)\/|\.test\./.test(f));
      if (absent.length || stray.length)
        throw new Error(`missing: ${absent.join(', ') || '-'}; should not ship: ${stray.slice(0, 8).join(', ') || '-'}`);
    });

    for (const file of readdirSync(join(ROOT, 'dist/cdn')).filter((f) => f.endsWith('.js'))) {
      await check(`dist/cdn/${file} has a source map with its sources`, () => {
        const code = readFileSync(join(ROOT, 'dist/cdn', file), 'utf8');
        if (!code.includes(`//# sourceMappingURL=${file}.map`)) throw new Error('no sourceMappingURL comment');
        const map = JSON.parse(readFileSync(join(ROOT, 'dist/cdn', `${file}.map`), 'utf8'));
        if (!map.sources?.length || map.sourcesContent?.length !== map.sources.length || !map.mappings)
          throw new Error('map without sources, contents or mappings');
        if (!map.sources.some((s) => s.includes('src/'))) throw new Error('map names none of our sources');
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const r of results)
    console.log(
      `  ${r.ok ? '✓' : '✗'} ${r.title}${r.ok ? '' : `\n      ${String(r.error?.message ?? r.error).replace(/\n/g, '\n      ')}`}`,
    );
  const failed = results.filter((r) => !r.ok).length;
  return { passed: results.length - failed, failed };
}

// `npm run build`: rollup (npm + CDN builds, printing each output's size), then .d.ts types.
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run('node_modules/.bin/rollup', ['-c', '--silent']);
run('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json']);
// Custom Elements Manifest (editors, Storybook docs): custom-elements.json at the root and in dist/.
run('node_modules/.bin/cem', ['analyze', '--quiet']);
copyFileSync('custom-elements.json', 'dist/custom-elements.json');
// Framework types (React, Vue, Svelte), React wrappers and editor data (VS Code, JetBrains) from the manifest.
run('node', ['scripts/framework-types.mjs']);
// The organiser console: its own entry and folder (dist/admin/), outside the CDN bundle.
const { buildConsole } = await import('./build-console.mjs');
await buildConsole();
console.log('pgo-widgets: build written to dist/ (npm modules, types, dist/cdn/, dist/admin/)');

// `npm run build`: rollup (npm + CDN builds, printing each output's size), then .d.ts types.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run('node_modules/.bin/rollup', ['-c', '--silent']);
run('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json']);
console.log('pgo-widgets: build written to dist/ (npm modules, types, dist/cdn/)');

// `npm start` (interim, before the reference server): builds, bundles the memory demo and serves demo/.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';

execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
await build({ entryPoints: ['demo/memory-demo.ts'], bundle: true, format: 'esm', outfile: 'dist/demo/memory-demo.js', tsconfig: 'tsconfig.json', logLevel: 'warning' });

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json' };
const root = process.cwd();
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path === '/') {
    res.writeHead(302, { location: '/demo/memory.html' }).end();
    return;
  }
  let file = normalize(join(root, path));
  if (!file.startsWith(join(root, 'demo')) && !file.startsWith(join(root, 'dist'))) file = '';
  if (!file || !existsSync(file) || statSync(file).isDirectory()) {
    res.writeHead(404).end('Not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
const port = Number(process.env.PORT ?? 8080);
server.listen(port, '127.0.0.1', () => console.log(`pgo-widgets demo: http://127.0.0.1:${port}/  (Ctrl-C to stop)`));
process.on('SIGINT', () => server.close(() => process.exit(0)));

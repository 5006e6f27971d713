// Puts the server-rendered wrapped page into the built dist/hydrate.html (after `vite build --ssr`).
import { readFileSync, writeFileSync } from 'node:fs';

const { render } = await import('./dist-ssr/entry-server.js');
const page = readFileSync('dist/hydrate.html', 'utf8');
writeFileSync('dist/hydrate.html', page.replace('<!--ssr-->', render()));
console.log('dist/hydrate.html: server-rendered');

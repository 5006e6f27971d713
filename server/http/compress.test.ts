import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createApp } from '../app.js';
import type { Db } from '../db/db.js';

const root = mkdtempSync(join(tmpdir(), 'pgo-compress-'));
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'cdn'), { recursive: true });
const script = `export const text = ${JSON.stringify('consultation '.repeat(400))};\n`;
writeFileSync(join(root, 'cdn', 'pgo-widgets.js'), script);
writeFileSync(join(root, 'cdn', 'vote-button-012345.js'), script);
writeFileSync(join(root, 'cdn', 'tiny.js'), 'export {};');
writeFileSync(join(root, 'cdn', 'logo.png'), Buffer.alloc(4000, 7));

const { app } = createApp({ db: {} as Db, consultations: [], adminToken: 'x', staticDirs: { '/dist': root } });
const get = (path: string, encoding?: string, headers: Record<string, string> = {}) =>
  app.request(path, { headers: { ...(encoding ? { 'accept-encoding': encoding } : {}), ...headers } });
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('compression and cache headers', () => {
  it('sends brotli when the client accepts it, gzip otherwise, and says it varies', async () => {
    const br = await get('/dist/cdn/pgo-widgets.js', 'gzip, deflate, br');
    assert.equal(br.status, 200);
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.match(br.headers.get('vary') ?? '', /accept-encoding/i);
    const brBody = await bytes(br);
    assert.ok(brBody.length < script.length / 5, `brotli body ${brBody.length} bytes`);
    assert.equal(brotliDecompressSync(brBody).toString(), script);
    const gz = await get('/dist/cdn/pgo-widgets.js', 'gzip');
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.equal(gunzipSync(await bytes(gz)).toString(), script);
    assert.equal(gz.headers.get('etag'), br.headers.get('etag'));
  });

  it('sends the file as it is without Accept-Encoding, for small bodies and for images', async () => {
    const plain = await get('/dist/cdn/pgo-widgets.js');
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal((await bytes(plain)).toString(), script);
    assert.equal((await get('/dist/cdn/pgo-widgets.js', 'br;q=0, identity')).headers.get('content-encoding'), null);
    assert.equal((await get('/dist/cdn/tiny.js', 'br')).headers.get('content-encoding'), null);
    assert.equal((await get('/dist/cdn/logo.png', 'br, gzip')).headers.get('content-encoding'), null);
  });

  it('compresses API JSON too', async () => {
    const res = await get('/api/v1/openapi.json', 'br');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'br');
    assert.equal(JSON.parse(brotliDecompressSync(await bytes(res)).toString()).openapi.startsWith('3.1'), true);
    const notModified = await get('/api/v1/openapi.json', 'br', { 'if-none-match': res.headers.get('etag')! });
    assert.equal(notModified.status, 304);
    assert.equal(notModified.headers.get('content-encoding'), null);
  });

  it('lets a CDN keep content-hashed files forever, and revalidate the others', async () => {
    const hashed = await get('/dist/cdn/vote-button-012345.js', 'br');
    assert.equal(hashed.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const named = await get('/dist/cdn/pgo-widgets.js', 'br');
    assert.equal(named.headers.get('cache-control'), 'no-cache');
  });
});

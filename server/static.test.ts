import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createApp } from './app.js';
import type { Db } from './db/db.js';
import { staticFile, staticMounts } from './http/static.js';

const root = mkdtempSync(join(tmpdir(), 'pgo-static-'));
after(() => rmSync(root, { recursive: true, force: true }));
const demo = join(root, 'demo');
const dist = join(root, 'dist');
mkdirSync(join(demo, 'api', 'v1'), { recursive: true });
mkdirSync(join(dist, 'cdn'), { recursive: true });
writeFileSync(join(demo, 'index.html'), '<!doctype html><title>Mairie</title>');
writeFileSync(join(demo, 'town-hall.css'), 'body{}');
writeFileSync(join(demo, 'api', 'v1', 'time'), 'not the API');
writeFileSync(join(dist, 'cdn', 'pgo-widgets.js'), 'export {};');
writeFileSync(join(root, 'secret.txt'), 'secret');
symlinkSync(join(root, 'secret.txt'), join(demo, 'escape.txt'));

const { app } = createApp({ db: {} as Db, consultations: [], adminToken: 'x', staticDirs: { '/': demo, '/dist': dist } });

describe('static files', () => {
  it('serves files with their content type, a folder’s index.html, and prefixes', async () => {
    const index = await app.request('/');
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(await index.text(), /Mairie/);
    assert.equal((await app.request('/town-hall.css')).headers.get('content-type'), 'text/css; charset=utf-8');
    const js = await app.request('/dist/cdn/pgo-widgets.js');
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.headers.get('x-content-type-options'), 'nosniff');
    assert.equal((await app.request('/dist/missing.js')).status, 404);
  });

  it('answers 304 to a matching If-None-Match, and HEAD without a body', async () => {
    const first = await app.request('/town-hall.css');
    const again = await app.request('/town-hall.css', { headers: { 'if-none-match': first.headers.get('etag')! } });
    assert.equal(again.status, 304);
    const head = await app.request('/town-hall.css', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    assert.equal((await app.request('/town-hall.css', { method: 'POST' })).status, 404);
  });

  it('never leaves its folders: .., encoded .., backslashes, NUL, symlinks', async () => {
    const mounts = staticMounts({ '/': demo, '/dist': dist });
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/dist/..%2f..%2fsecret.txt',
      '/..\\secret.txt',
      '/town-hall.css%00',
      '/escape.txt',
      '/%E0%A4%A',
    ]) {
      assert.equal(await staticFile(mounts, path), null, path);
    }
    for (const path of ['/..%2fsecret.txt', '/dist/..%2f..%2fsecret.txt', '/escape.txt']) {
      const answer = await app.request(path);
      assert.equal(answer.status, 404, path);
      assert.doesNotMatch(await answer.text(), /^secret$/);
    }
  });

  it('leaves /api/v1 to the API', async () => {
    const time = await app.request('/api/v1/time');
    assert.equal(time.status, 200);
    assert.ok((await time.json()).now);
    assert.equal((await app.request('/api/v1/nothing')).headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });
});

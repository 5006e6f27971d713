/**
 * Issue 19, organisers: passwords, first admin, sessions (cookie attributes, rotation, fixation, idle and
 * absolute expiry, sign-out everywhere), CSRF, sign-in throttling, roles, the moderation model, answers,
 * the audit log and the automation token. PGlite in memory; the server's clock is moved, never waited for.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './db/db.js';
import { startServer } from './server.js';
import { hashPassword, SCRYPT, verifyPassword } from './store/passwords.js';
import { LIGHT, organiserSuite, PASSWORD, problem } from './test/organiser-suite.js';
import { organiserClient } from './test/organiser-client.js';

describe('organiser passwords', () => {
  it('are scrypt N=2^15 r=8 p=3 with a 16-byte salt and a 32-byte key by default', async () => {
    const hash = await hashPassword(PASSWORD);
    const [scheme, n, r, p, salt, key] = hash.split('$');
    assert.deepEqual([scheme, Number(n), Number(r), Number(p)], ['scrypt', 2 ** 15, 8, 3]);
    assert.deepEqual(SCRYPT, { N: 2 ** 15, r: 8, p: 3 });
    assert.equal(Buffer.from(salt!, 'base64url').length, 16);
    assert.equal(Buffer.from(key!, 'base64url').length, 32);
    assert.equal(await verifyPassword(PASSWORD, hash), true);
    assert.equal(await verifyPassword(`${PASSWORD}!`, hash), false);
    assert.notEqual(await hashPassword(PASSWORD, LIGHT), await hashPassword(PASSWORD, LIGHT), 'salted');
  });

  it('refuse a null hash (unknown account) and tampered parameters', async () => {
    assert.equal(await verifyPassword(PASSWORD, null, LIGHT), false);
    assert.equal(await verifyPassword(PASSWORD, 'scrypt$4294967296$8$1$AAAA$AAAA'), false);
    assert.equal(await verifyPassword(PASSWORD, 'bcrypt$whatever'), false);
  });
});

organiserSuite('PGlite', () => openDatabase({ dataDir: 'memory://' }));

describe('organiser data across a restart (PGlite folder)', () => {
  it('keeps accounts, sessions, decisions and the audit log; no setup token once an organiser exists', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pgo-organisers-'));
    const start = () => startServer({ port: 0, dataDir, adminToken: 'restart-admin-token', passwordParams: LIGHT });
    try {
      let server = await start();
      assert.ok(server.setupToken, 'a fresh database prints a setup token');
      const browser = organiserClient(server.url);
      assert.equal(
        (
          await browser.call('POST', '/admin/setup', {
            body: { setupToken: server.setupToken, email: 'maire@ville.example.fr', displayName: 'Anne', password: PASSWORD },
          })
        ).status,
        201,
      );
      assert.equal((await browser.signIn('maire@ville.example.fr', PASSWORD)).status, 200);
      const pending = (await browser.call('GET', '/admin/consultations/plan-action-2017/queue')).body.items[0].target;
      assert.equal(
        (
          await browser.call('POST', '/admin/consultations/plan-action-2017/decisions', {
            body: { targets: [pending], action: 'approve', reason: 'Avant redémarrage' },
          })
        ).status,
        200,
      );
      await server.close();
      server = await start();
      assert.equal(server.setupToken, null);
      const again = organiserClient(server.url);
      again.cookie = browser.cookie;
      again.csrf = browser.csrf;
      assert.equal((await again.call('GET', '/admin/session')).status, 200, 'the session survives');
      const audit = await again.call('GET', '/admin/audit');
      assert.ok(audit.body.entries.some((e: { reason: string }) => e.reason === 'Avant redémarrage'));
      problem(
        await organiserClient(server.url).call('POST', '/admin/setup', {
          body: { setupToken: 'x', email: 'b@ville.example.fr', displayName: 'B', password: PASSWORD },
        }),
        403,
        'forbidden',
      );
      await server.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

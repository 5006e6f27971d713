/**
 * Issue 19, consultations in the database: the demo files imported on a fresh database, edits in
 * place (validated, with errors on the fields, revisions), the public document revalidated and
 * changed at once, export → import elsewhere equal, a new consultation, host-signing keys rotated
 * with overlap, edits seen by a second process, and data across a restart. PGlite; the server's
 * clock is moved, never waited for.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConsultationAdmin, ConsultationExport } from '../src/core/consultation-edit.js';
import { Consultation } from '../src/core/schemas.js';
import { consultationsCli } from './consultations-cli.js';
import { startServer, type RunningServer } from './server.js';
import { createApp } from './app.js';
import { listen } from './http/listen.js';
import { client, signIdentity } from './test/helpers.js';
import { problem } from './test/organiser-suite.js';

/** The problem's body, after checking its status and code. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function answerOf(answer: { status: number; body: any }, status: number, code: string): any {
  problem(answer, status, code);
  return answer.body;
}

const TOKEN = 'consultations-admin-token';
const PLAN = '/admin/consultations/plan-action-2017';

describe('consultations in the database', () => {
  let server: RunningServer;
  let now = Date.parse('2026-03-02T09:00:00Z');
  let call: ReturnType<typeof client>;
  const admin = (method: string, path: string, body?: unknown) =>
    call(method, path, { token: TOKEN, ...(body === undefined ? {} : { body }) });
  before(async () => {
    server = await startServer({ port: 0, dataDir: 'memory://', adminToken: TOKEN, clock: () => now });
    call = client(server.url);
  });
  after(() => server.close());

  it('loads the demo consultations on a fresh database, and lists them for organisers', async () => {
    const rows = await server.db.query<{ id: string; from_file: string }>('SELECT id, from_file FROM consultations ORDER BY id');
    assert.deepEqual(
      rows.map((r) => r.id),
      ['plan-action-2017', 'sommet-pgo-2016'],
    );
    assert.ok(rows.every((r) => r.from_file.endsWith('.json')));
    const settings = await admin('GET', `${PLAN}/settings`);
    assert.equal(settings.status, 200);
    const parsed = ConsultationAdmin.parse(settings.body);
    assert.equal(parsed.revision, 1);
    assert.ok(parsed.allowedOrigins.length > 0);
  });

  it('saves an edit that the public document shows at once, with a new ETag and revalidation', async () => {
    const before = await call('GET', '/consultations/plan-action-2017');
    assert.equal(before.headers.get('cache-control'), 'public, max-age=0, s-maxage=5');
    const etag = before.headers.get('etag')!;
    // Open pages hear of a save through the live stream (issue 23's log): the countdown then follows a moved phase.
    const liveChanges = async () =>
      (
        await server.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM live_changes WHERE consultation_id = 'plan-action-2017' AND kind = 'consultation'",
        )
      )[0]!.n;
    const changesBefore = await liveChanges();
    const current = ConsultationAdmin.parse((await admin('GET', `${PLAN}/settings`)).body);
    const { revision, updatedAt: _u, keys: _k, ...edit } = current;
    edit.consultation.title = 'Plan d’action : titre modifié';
    const endsAt = new Date(Date.parse(edit.consultation.phases[0]!.endsAt) + 86_400_000).toISOString();
    edit.consultation.phases[0]!.endsAt = endsAt;
    edit.moderation = { event: 'post' };
    const saved = await admin('PUT', `${PLAN}/settings`, { ...edit, revision });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.body.revision, revision + 1);
    const after = await call('GET', '/consultations/plan-action-2017', { headers: { 'if-none-match': etag } });
    assert.equal(after.status, 200, 'the old ETag no longer matches');
    const shown = Consultation.parse(after.body);
    assert.equal(shown.title, 'Plan d’action : titre modifié');
    assert.equal(shown.phases[0]!.endsAt, endsAt);
    assert.equal(await liveChanges(), changesBefore + 1, 'one live consultation change for open pages');
    const audit = await admin('GET', '/admin/audit?consultation=plan-action-2017');
    assert.ok(audit.body.entries.some((e: { action: string }) => e.action === 'consultation.update'));
    // A save from the revision it started from, now old: refused.
    problem(await admin('PUT', `${PLAN}/settings`, { ...edit, revision }), 409, 'conflict');
  });

  it('refuses a broken edit with errors on the fields', async () => {
    const { revision, updatedAt: _u, keys: _k, ...edit } = ConsultationAdmin.parse((await admin('GET', `${PLAN}/settings`)).body);
    const phase = edit.consultation.phases[0]!;
    edit.consultation.phases[0] = { ...phase, endsAt: phase.startsAt };
    edit.consultation.settings.votePhases = ['nowhere'];
    edit.allowedOrigins = ['https://ville.example.fr/page'];
    const refused = answerOf(await admin('PUT', `${PLAN}/settings`, { ...edit, revision }), 422, 'validation');
    assert.deepEqual(refused.fieldErrors.map((f: { field: string }) => f.field).sort(), [
      'allowedOrigins.0',
      'consultation.phases.0.endsAt',
      'consultation.settings.votePhases.0',
    ]);
    const schema = answerOf(
      await admin('PUT', `${PLAN}/settings`, { ...edit, consultation: { ...edit.consultation, timeZone: 'Mars/Olympus' }, revision }),
      422,
      'validation',
    );
    assert.ok(schema.fieldErrors.some((f: { field: string }) => f.field === 'consultation.timeZone'));
    const renamed = answerOf(
      await admin('PUT', `${PLAN}/settings`, {
        ...ConsultationAdmin.parse((await admin('GET', `${PLAN}/settings`)).body),
        consultation: { ...edit.consultation, phases: [phase], settings: { ...edit.consultation.settings, votePhases: [] }, id: 'autre' },
        keys: undefined,
        updatedAt: undefined,
      }),
      422,
      'validation',
    );
    assert.equal(renamed.fieldErrors[0].field, 'consultation.id');
  });

  it('creates a consultation (server admins), then exports it as a file that imports elsewhere equal', async () => {
    const exported = await admin('GET', `${PLAN}/export`);
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get('content-disposition')!, /plan-action-2017\.json/);
    const file = ConsultationExport.parse(exported.body);
    const copy = structuredClone(file);
    copy.consultation.id = 'copie-plan';
    copy.consultation.title = 'Une copie';
    const created = await admin('POST', '/admin/consultations', { ...copy, identity: null });
    assert.equal(created.status, 201, created.text);
    problem(await admin('POST', '/admin/consultations', { ...copy, identity: null }), 409, 'conflict');
    assert.equal((await call('GET', '/consultations/copie-plan')).body.title, 'Une copie');
    const list = await admin('GET', '/admin/consultations');
    assert.ok(list.body.consultations.some((c: { id: string }) => c.id === 'copie-plan'));

    const elsewhere = await startServer({ port: 0, dataDir: 'memory://', adminToken: 'elsewhere-token', clock: () => now });
    try {
      const other = client(elsewhere.url);
      const imported = await other('POST', '/admin/consultations/import', { token: 'elsewhere-token', body: file });
      assert.equal(imported.status, 200, `replaces the demo copy there: ${imported.text}`);
      const again = await other('GET', `${PLAN}/export`, { token: 'elsewhere-token' });
      assert.deepEqual(again.body, exported.body);
      assert.deepEqual(
        (await other('GET', '/consultations/plan-action-2017')).body,
        (await call('GET', '/consultations/plan-action-2017')).body,
      );
      const fresh = await other('POST', '/admin/consultations/import', { token: 'elsewhere-token', body: copy });
      assert.equal(fresh.status, 201);
      const broken = answerOf(
        await other('POST', '/admin/consultations/import', { token: 'elsewhere-token', body: { ...copy, allowedOrigins: ['nope'] } }),
        422,
        'validation',
      );
      assert.equal(broken.fieldErrors[0].field, 'allowedOrigins.0');
    } finally {
      await elsewhere.close();
    }
  });

  it('exports and imports by command (npm run consultations), through the API', async () => {
    const lines: string[] = [];
    assert.equal(
      await consultationsCli(['export', 'plan-action-2017', '--url', server.url, '--token', TOKEN], {}, (t) => lines.push(t)),
      0,
    );
    const file = JSON.parse(lines.pop()!);
    assert.deepEqual(file, (await admin('GET', `${PLAN}/export`)).body);
    const dir = mkdtempSync(join(tmpdir(), 'pgo-cli-'));
    try {
      file.consultation.id = 'par-commande';
      writeFileSync(join(dir, 'c.json'), JSON.stringify(file));
      assert.equal(
        await consultationsCli(['import', join(dir, 'c.json'), '--url', server.url, '--token', TOKEN], {}, (t) => lines.push(t)),
        0,
      );
      assert.match(lines.pop()!, /^Created: par-commande \(revision 1\)$/);
      assert.equal(
        await consultationsCli(['import', join(dir, 'c.json'), '--url', server.url, '--token', 'wrong'], {}, (t) => lines.push(t)),
        1,
      );
      assert.match(lines.pop()!, /^401 /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rotates the host-signing key; the previous one works until the overlap ends', async () => {
    const id = 'copie-plan';
    problem(await admin('POST', `/admin/consultations/${id}/keys`, { overlapHours: 1 }), 409, 'conflict');
    const {
      revision,
      updatedAt: _u,
      keys: _k,
      ...edit
    } = ConsultationAdmin.parse((await admin('GET', `/admin/consultations/${id}/settings`)).body);
    assert.equal((await admin('PUT', `/admin/consultations/${id}/settings`, { ...edit, identity: {}, revision })).status, 200);
    const first = await admin('POST', `/admin/consultations/${id}/keys`, {});
    assert.equal(first.status, 201);
    const second = await admin('POST', `/admin/consultations/${id}/keys`, { overlapHours: 2 });
    assert.equal(second.status, 201);
    const settings = ConsultationAdmin.parse((await admin('GET', `/admin/consultations/${id}/settings`)).body);
    assert.equal(settings.keys.length, 2);
    assert.ok(!JSON.stringify(settings).includes(first.body.secret), 'secrets are never shown again');
    const signIn = async (secret: string) =>
      call('POST', `/consultations/${id}/identity`, {
        key: `key-${secret.slice(0, 20)}-${now}`,
        body: { assertion: await signIdentity({ sub: 'agent-1' }, { secret, expiresIn: '30d' }) },
      });
    assert.equal((await signIn(second.body.secret)).status, 200);
    assert.equal((await signIn(first.body.secret)).status, 200, 'the previous key during the overlap');
    assert.equal((await signIn('a-key-this-consultation-never-had-0123456789')).status, 401);
    now += 3 * 3_600_000;
    assert.equal((await signIn(first.body.secret)).status, 401, 'the previous key after the overlap');
    assert.equal((await signIn(second.body.secret)).status, 200);
  });

  it('reaches a second process on the same database when it reloads', async () => {
    const { app, ctx } = createApp({
      db: server.db,
      consultations: [],
      adminToken: TOKEN,
      clock: () => now,
      reloadConsultationsMs: 60_000,
    });
    const listening = await listen(app, { port: 0, hostname: '127.0.0.1' });
    const second = {
      url: `http://127.0.0.1:${listening.port}`,
      close: () =>
        new Promise<void>((resolve) => {
          listening.server.close(() => resolve());
          listening.server.closeAllConnections();
        }),
    };
    try {
      const other = client(second.url);
      assert.equal((await other('GET', '/consultations/copie-plan')).body.title, 'Une copie');
      const {
        revision,
        updatedAt: _u,
        keys: _k,
        ...edit
      } = ConsultationAdmin.parse((await admin('GET', '/admin/consultations/copie-plan/settings')).body);
      edit.consultation.title = 'Renommée ici';
      assert.equal((await admin('PUT', '/admin/consultations/copie-plan/settings', { ...edit, revision })).status, 200);
      // The other process checks at most once a second (not waited for here): its next check sees the new revision.
      await ctx.refreshConsultations(true);
      assert.equal((await other('GET', '/consultations/copie-plan')).body.title, 'Renommée ici');
    } finally {
      await second.close();
    }
  });
});

describe('consultations across a restart (PGlite folder)', () => {
  it('keeps an edit made in the console; a never-edited demo file is re-imported', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pgo-consultations-'));
    const start = () => startServer({ port: 0, dataDir, adminToken: TOKEN });
    try {
      let server = await start();
      let call = client(server.url);
      const {
        revision,
        updatedAt: _u,
        keys: _k,
        ...edit
      } = ConsultationAdmin.parse((await call('GET', `${PLAN}/settings`, { token: TOKEN })).body);
      edit.consultation.title = 'Édité avant redémarrage';
      assert.equal((await call('PUT', `${PLAN}/settings`, { token: TOKEN, body: { ...edit, revision } })).status, 200);
      await server.close();
      server = await start();
      call = client(server.url);
      assert.equal((await call('GET', '/consultations/plan-action-2017')).body.title, 'Édité avant redémarrage');
      const kept = ConsultationAdmin.parse((await call('GET', `${PLAN}/settings`, { token: TOKEN })).body);
      assert.equal(kept.revision, revision + 1);
      const rows = await server.db.query<{ id: string; from_file: string | null }>('SELECT id, from_file FROM consultations ORDER BY id');
      assert.deepEqual(
        rows.map((r) => [r.id, r.from_file === null]),
        [
          ['plan-action-2017', true],
          ['sommet-pgo-2016', false],
        ],
      );
      await server.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

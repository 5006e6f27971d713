/**
 * The organiser routes' suite (issue 19), run on PGlite (organisers.test.ts) and on a private PostgreSQL
 * (organisers.postgres.test.ts): first admin, sessions, CSRF, throttling, roles, moderation, answers, audit,
 * the automation token. The server's clock is moved, never waited for.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError } from '../../src/core/schemas.js';
import { AuditPage, ModerationQueuePage, OrganiserSession } from '../../src/core/organisers.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { seedConsultations } from '../setup/seed.js';
import { newSetupToken } from '../store/admin-tokens.js';
import { DEFAULT_SESSION_POLICY } from '../store/sessions.js';
import { client, serveApp, testConsultations, type Served } from './helpers.js';
import { organiserClient } from './organiser-client.js';

const ADMIN_TOKEN = 'organiser-suite-admin-token';
export const LIGHT = { N: 1024, r: 8, p: 1 };
export const PASSWORD = 'une phrase de passe assez longue';

export function problem(answer: { status: number; body: unknown }, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(ApiError.parse(answer.body).code, code);
}

export function organiserSuite(label: string, openDb: () => Promise<Db>): void {
  describe(`organiser routes on ${label}`, () => {
    let db: Db;
    let served: Served;
    let httpsServed: Served;
    let now = Date.parse('2027-03-20T10:00:00Z');
    const clock = () => now;
    const ids: Record<string, string> = {};
    let consultations: ReturnType<typeof testConsultations>;

    before(async () => {
      db = await openDb();
      await migrate(db);
      consultations = testConsultations(now);
      await seedConsultations(db, consultations);
      const options = {
        db,
        consultations,
        adminToken: ADMIN_TOKEN,
        clock,
        passwordParams: LIGHT,
        limits: { writesPerMinute: 1e6, writesPerIpPerMinute: 1e6, participantsPerMinute: 1e6 },
      };
      served = await serveApp(options);
      httpsServed = await serveApp({ ...options, trustProxy: true });
    });
    after(async () => {
      await served?.close();
      await httpsServed?.close();
      await db?.close();
    });

    const anon = () => organiserClient(served.url);
    const signedIn = async (email: string) => {
      const browser = anon();
      assert.equal((await browser.signIn(email, PASSWORD)).status, 200);
      return browser;
    };

    it('creates the first admin once, with the one-time setup token', async () => {
      const token = await newSetupToken(db);
      const body = { setupToken: token, email: ' Maire@Ville.example.fr ', displayName: 'Anne Maire', password: PASSWORD };
      problem(await anon().call('POST', '/admin/setup', { body: { ...body, setupToken: 'wrong' } }), 403, 'forbidden');
      problem(await anon().call('POST', '/admin/setup', { body: { ...body, password: 'short' } }), 422, 'validation');
      const created = await anon().call('POST', '/admin/setup', { body });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.email, 'maire@ville.example.fr');
      assert.deepEqual(created.body.roles, [{ consultationId: '*', role: 'admin' }]);
      problem(await anon().call('POST', '/admin/setup', { body }), 403, 'forbidden');
      const stored = await db.query<{ password_hash: string }>('SELECT password_hash FROM organisers');
      assert.match(stored[0]!.password_hash, /^scrypt\$1024\$8\$1\$/);
      assert.ok(!stored[0]!.password_hash.includes(PASSWORD));
    });

    it('lets the admin create moderators and admins per consultation', async () => {
      const admin = await signedIn('maire@ville.example.fr');
      for (const [key, email, roles] of [
        ['modOpen', 'mod-open@ville.example.fr', [{ consultationId: 'open', role: 'moderator' }]],
        ['modFinal', 'mod-final@ville.example.fr', [{ consultationId: 'final', role: 'moderator' }]],
        ['adminOpen', 'admin-open@ville.example.fr', [{ consultationId: 'open', role: 'admin' }]],
      ] as const) {
        const created = await admin.call('POST', '/admin/organisers', { body: { email, displayName: key, password: PASSWORD, roles } });
        assert.equal(created.status, 201, created.text);
        ids[key] = created.body.id;
      }
      problem(
        await admin.call('POST', '/admin/organisers', { body: { email: 'mod-open@ville.example.fr', displayName: 'x', roles: [] } }),
        409,
        'conflict',
      );
      const unknown = await admin.call('POST', '/admin/organisers', {
        body: { email: 'x@ville.example.fr', displayName: 'x', roles: [{ consultationId: 'nope', role: 'admin' }] },
      });
      problem(unknown, 422, 'validation');
      assert.equal(unknown.body.fieldErrors[0].field, 'roles.0.consultationId');
      const list = await admin.call('GET', '/admin/organisers');
      assert.equal(list.body.organisers.length, 4);
      assert.ok(!list.text.includes('scrypt'), 'no hash in answers');
    });

    it('signs in with a cookie that is HttpOnly, SameSite=Strict, and __Host- + Secure under HTTPS', async () => {
      const browser = await signedIn('mod-open@ville.example.fr');
      assert.match(browser.setCookie!, /^pgo-organiser=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
      const session = OrganiserSession.parse((await browser.call('GET', '/admin/session')).body);
      assert.equal(session.organiser.email, 'mod-open@ville.example.fr');
      assert.equal(session.expiresAt, new Date(now + DEFAULT_SESSION_POLICY.absoluteMs).toISOString());
      const secure = organiserClient(httpsServed.url, { 'x-forwarded-proto': 'https' });
      assert.equal((await secure.signIn('mod-open@ville.example.fr', PASSWORD)).status, 200);
      assert.match(secure.setCookie!, /^__Host-pgo-organiser=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
      assert.equal((await secure.call('GET', '/admin/session')).status, 200);
      // Under HTTPS the unprefixed cookie is not read.
      problem(
        await organiserClient(httpsServed.url, { 'x-forwarded-proto': 'https', cookie: secure.cookie!.replace('__Host-', '') }).call(
          'GET',
          '/admin/session',
        ),
        401,
        'unauthorized',
      );
    });

    it('gives one generic error for a wrong e-mail or a wrong password', async () => {
      const wrongPassword = await anon().signIn('mod-open@ville.example.fr', 'not the password at all');
      const wrongEmail = await anon().signIn('nobody@ville.example.fr', PASSWORD);
      problem(wrongPassword, 401, 'unauthorized');
      assert.deepEqual(wrongPassword.body, wrongEmail.body);
      assert.equal(wrongPassword.headers.get('set-cookie'), null);
    });

    it('rotates the session at sign-in: a planted or earlier cookie is never the new session (fixation)', async () => {
      const planted = organiserClient(served.url);
      planted.cookie = 'pgo-organiser=attacker-chosen-value-0123456789';
      await planted.signIn('mod-open@ville.example.fr', PASSWORD);
      assert.notEqual(planted.cookie, 'pgo-organiser=attacker-chosen-value-0123456789');
      problem(
        await organiserClient(served.url, { cookie: 'pgo-organiser=attacker-chosen-value-0123456789' }).call('GET', '/admin/session'),
        401,
        'unauthorized',
      );
      const before = planted.cookie!;
      await planted.signIn('mod-open@ville.example.fr', PASSWORD);
      assert.notEqual(planted.cookie, before);
      problem(await organiserClient(served.url, { cookie: before }).call('GET', '/admin/session'), 401, 'unauthorized');
      assert.equal((await planted.call('GET', '/admin/session')).status, 200);
    });

    it('refuses a cookie write without the session CSRF token, and any cross-origin call', async () => {
      const browser = await signedIn('mod-open@ville.example.fr');
      const decision = { targets: ['proposal:pending-1'], action: 'approve', reason: 'Conforme à la charte' };
      problem(await browser.call('POST', '/admin/consultations/open/decisions', { body: decision, csrf: false }), 403, 'forbidden');
      problem(
        await browser.call('POST', '/admin/consultations/open/decisions', {
          body: decision,
          headers: { 'x-csrf-token': 'guess' },
          csrf: false,
        }),
        403,
        'forbidden',
      );
      problem(
        await browser.call('POST', '/admin/consultations/open/decisions', { body: decision, headers: { origin: 'https://evil.example' } }),
        403,
        'forbidden',
      );
      problem(
        await browser.call('POST', '/admin/consultations/open/decisions', { body: decision, headers: { 'sec-fetch-site': 'cross-site' } }),
        403,
        'forbidden',
      );
      const other = await signedIn('mod-open@ville.example.fr');
      problem(
        await browser.call('POST', '/admin/consultations/open/decisions', {
          body: decision,
          headers: { 'x-csrf-token': other.csrf! },
          csrf: false,
        }),
        403,
        'forbidden',
      );
      const queue = ModerationQueuePage.parse((await browser.call('GET', '/admin/consultations/open/queue')).body);
      assert.equal(queue.items.find((i) => i.target === 'proposal:pending-1')?.status, 'pending', 'nothing was decided');
    });

    it('ends a session after the idle time, and after the absolute time however busy', async () => {
      const idle = await signedIn('mod-open@ville.example.fr');
      now += DEFAULT_SESSION_POLICY.idleMs - 1000;
      assert.equal((await idle.call('GET', '/admin/session')).status, 200);
      now += DEFAULT_SESSION_POLICY.idleMs - 1000;
      assert.equal((await idle.call('GET', '/admin/session')).status, 200, 'each use pushes the idle end');
      now += DEFAULT_SESSION_POLICY.idleMs;
      const expired = await idle.call('GET', '/admin/session');
      problem(expired, 401, 'unauthorized');
      assert.match(expired.headers.get('set-cookie') ?? '', /Max-Age=0/);
      const busy = await signedIn('mod-open@ville.example.fr');
      const started = now;
      while (now - started < DEFAULT_SESSION_POLICY.absoluteMs - DEFAULT_SESSION_POLICY.idleMs) {
        now += DEFAULT_SESSION_POLICY.idleMs - 60_000;
        assert.equal((await busy.call('GET', '/admin/session')).status, 200);
      }
      now = started + DEFAULT_SESSION_POLICY.absoluteMs;
      problem(await busy.call('GET', '/admin/session'), 401, 'unauthorized');
    });

    it('signs out, and signs out everywhere', async () => {
      const a = await signedIn('admin-open@ville.example.fr');
      const b = await signedIn('admin-open@ville.example.fr');
      const c = await signedIn('admin-open@ville.example.fr');
      const keptCookie = a.cookie!;
      assert.equal((await a.call('DELETE', '/admin/session')).status, 204);
      problem(await organiserClient(served.url, { cookie: keptCookie }).call('GET', '/admin/session'), 401, 'unauthorized');
      assert.equal((await b.call('GET', '/admin/session')).status, 200);
      assert.equal((await b.call('DELETE', '/admin/sessions')).status, 204);
      problem(await c.call('GET', '/admin/session'), 401, 'unauthorized');
    });

    it('throttles failed sign-ins per account and per address, shared by every process (database)', async () => {
      const email = 'mod-final@ville.example.fr';
      for (let i = 0; i < DEFAULT_SESSION_POLICY.failuresPerAccount; i++)
        problem(await anon().signIn(email, `wrong password ${i}!`), 401, 'unauthorized');
      const blocked = await anon().signIn(email, PASSWORD);
      problem(blocked, 429, 'rate-limited');
      assert.ok(Number(blocked.headers.get('retry-after')) > 0);
      // The same account through another server process sharing the database: still blocked.
      const other = await serveApp({ db, consultations: testConsultations(now), adminToken: ADMIN_TOKEN, clock, passwordParams: LIGHT });
      try {
        problem(await organiserClient(other.url).signIn(email, PASSWORD), 429, 'rate-limited');
      } finally {
        await other.close();
      }
      // Another account from this address still signs in (the address limit is higher).
      assert.equal((await anon().signIn('mod-open@ville.example.fr', PASSWORD)).status, 200);
      now += DEFAULT_SESSION_POLICY.failureWindowMs;
      assert.equal((await anon().signIn(email, PASSWORD)).status, 200);
      // Per address: many accounts tried from one address.
      for (let i = 0; i < DEFAULT_SESSION_POLICY.failuresPerAddress; i++)
        await anon().signIn(`guess-${i}@ville.example.fr`, 'nothing useful here');
      problem(await anon().signIn('mod-open@ville.example.fr', PASSWORD), 429, 'rate-limited');
      now += DEFAULT_SESSION_POLICY.failureWindowMs;
    });

    it('keeps each role to its consultations', async () => {
      const modFinal = await signedIn('mod-final@ville.example.fr');
      problem(await modFinal.call('GET', '/admin/consultations/open/queue'), 403, 'forbidden');
      assert.deepEqual(
        (await modFinal.call('GET', '/admin/consultations')).body.consultations.map((c: { id: string }) => c.id),
        ['final'],
      );
      const modOpen = await signedIn('mod-open@ville.example.fr');
      problem(await modOpen.call('GET', '/admin/organisers'), 403, 'forbidden');
      problem(await modOpen.call('GET', '/admin/audit?consultation=open'), 403, 'forbidden');
      const adminOpen = await signedIn('admin-open@ville.example.fr');
      assert.equal((await adminOpen.call('GET', '/admin/audit?consultation=open')).status, 200);
      problem(await adminOpen.call('GET', '/admin/audit'), 403, 'forbidden');
      problem(await adminOpen.call('POST', '/admin/token'), 403, 'forbidden');
      problem(
        await client(served.url)('GET', '/admin/consultations/open/queue', {
          token: (await client(served.url)('POST', '/participants')).body.token,
        }),
        401,
        'unauthorized',
      );
    });

    it('queues every kind of contribution by tab, oldest first, with the reports since the last decision', async () => {
      const moderator = await signedIn('mod-open@ville.example.fr');
      const tab = async (name: string) =>
        ModerationQueuePage.parse((await moderator.call('GET', `/admin/consultations/open/queue?tab=${name}`)).body);
      const pending = await tab('pending');
      assert.deepEqual(pending.items.map((i) => i.target).sort(), ['event:waiting', 'proposal:pending-1']);
      assert.equal(pending.counts.pending, 2);
      const times = pending.items.map((i) => i.createdAt);
      assert.deepEqual(times, [...times].sort(), 'oldest first');
      problem(await moderator.call('GET', '/admin/consultations/open/queue?tab=everything'), 422, 'validation');

      const call = client(served.url);
      const participant = (await call('POST', '/participants')).body.token;
      for (const reason of ['Propos injurieux', 'Hors sujet'])
        assert.equal(
          (await call('POST', '/consultations/open/proposals/s1/reports', { token: participant, body: { reason } })).status,
          202,
        );
      const reported = await tab('reported');
      assert.deepEqual(
        reported.items.map((i) => i.target),
        ['proposal:s1'],
      );
      assert.deepEqual(
        reported.items[0]!.reports.map((r) => r.reason),
        ['Propos injurieux', 'Hors sujet'],
      );
      assert.equal(reported.counts.reported, 1);

      const approved = await moderator.call('POST', '/admin/consultations/open/decisions', {
        body: { targets: ['proposal:s1', 'proposal:pending-1', 'event:waiting'], action: 'approve', reason: 'Conforme à la charte' },
      });
      assert.equal(approved.status, 200, approved.text);
      assert.deepEqual(
        approved.body.decided.map((d: { status: string }) => d.status),
        ['published', 'published', 'published'],
      );
      const after = await tab('reported');
      assert.deepEqual([after.counts.pending, after.counts.reported], [0, 0], 'approved reports leave the reported tab');
      assert.equal((await call('GET', '/consultations/open/events/waiting')).status, 200, 'the approved event is listed');

      const hidden = await moderator.call('POST', '/admin/consultations/open/decisions', {
        body: { targets: ['proposal:s1'], action: 'hide', reason: 'Injurieux après relecture' },
      });
      assert.equal(hidden.status, 200);
      const hiddenTab = await tab('hidden');
      assert.deepEqual(
        hiddenTab.items.map((i) => [i.target, i.lastDecision?.reason, i.lastDecision?.by]),
        [['proposal:s1', 'Injurieux après relecture', 'modOpen']],
      );
      assert.equal((await call('GET', '/consultations/open/proposals/s1')).status, 404, 'hidden from the public');
      // All or nothing: an unknown target or one of another consultation refuses the batch.
      problem(
        await moderator.call('POST', '/admin/consultations/open/decisions', {
          body: { targets: ['proposal:s1', 'proposal:fs0'], action: 'restore', reason: 'Erreur' },
        }),
        404,
        'not-found',
      );
      problem(
        await moderator.call('POST', '/admin/consultations/open/decisions', {
          body: { targets: ['proposal:s1'], action: 'restore', reason: '  ' },
        }),
        422,
        'validation',
      );
      assert.equal((await tab('hidden')).counts.hidden, 1);
      assert.equal(
        (
          await moderator.call('POST', '/admin/consultations/open/decisions', {
            body: { targets: ['proposal:s1'], action: 'restore', reason: 'Erreur de lecture' },
          })
        ).status,
        200,
      );
      assert.equal((await call('GET', '/consultations/open/proposals/s1')).status, 200);
    });

    it('answers proposals: text required for not kept and merged, merged names a proposal of the consultation', async () => {
      const moderator = await signedIn('mod-open@ville.example.fr');
      const answer = (id: string, body: unknown) => moderator.call('PUT', `/admin/consultations/open/proposals/${id}/answer`, { body });
      const missing = await answer('s2', { state: 'not-kept', text: '' });
      problem(missing, 422, 'validation');
      assert.deepEqual(
        missing.body.fieldErrors.map((f: { field: string }) => f.field),
        ['text'],
      );
      const merged = await answer('s2', { state: 'merged', text: 'Rejoint la proposition 3' });
      assert.deepEqual(
        merged.body.fieldErrors.map((f: { field: string }) => f.field),
        ['mergedInto'],
      );
      problem(await answer('s2', { state: 'merged', text: 'Rejoint', mergedInto: 'fs0' }), 422, 'validation');
      const ok = await answer('s2', { state: 'merged', text: 'Rejoint la proposition 3', mergedInto: 's3' });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.mergedInto, 's3');
      const kept = await answer('s3', { state: 'kept', text: '', commitment: 'Engagement 12 : publier les budgets' });
      assert.deepEqual([kept.status, kept.body.commitment], [200, 'Engagement 12 : publier les budgets']);
      assert.equal((await answer('s4', { state: 'under-study', text: '' })).status, 200);
      problem(await answer('nope', { state: 'under-study', text: '' }), 404, 'not-found');
      // Shown to everyone: on the proposal, in the list, in both open-data exports.
      const call = client(served.url);
      const one = await call('GET', '/consultations/open/proposals/s3');
      assert.deepEqual([one.body.answer.state, one.body.answer.commitment], ['kept', 'Engagement 12 : publier les budgets']);
      const list = await call('GET', '/consultations/open/proposals?limit=100');
      assert.equal(list.body.items.find((p: { id: string }) => p.id === 's2').answer.mergedInto, 's3');
      assert.equal(list.body.items.find((p: { id: string }) => p.id === 's0').answer, null);
      // The list's filter by answer; `none`: not answered yet.
      const ids = async (answer: string) =>
        (await call('GET', `/consultations/open/proposals?limit=100&answer=${answer}`)).body.items.map((p: { id: string }) => p.id).sort();
      assert.deepEqual(await ids('kept'), ['s3']);
      assert.deepEqual(await ids('merged'), ['s2']);
      assert.deepEqual(await ids('under-study'), ['s4']);
      assert.ok(!(await ids('none')).some((id: string) => ['s2', 's3', 's4'].includes(id)) && (await ids('none')).includes('s0'));
      problem(await call('GET', '/consultations/open/proposals?answer=maybe'), 422, 'validation');
      const json = await call('GET', '/consultations/open/export.json');
      assert.equal(json.body.proposals.find((p: { id: string }) => p.id === 's3').answer.state, 'kept');
      const csv = (await call('GET', '/consultations/open/export.csv')).text.split('\r\n');
      assert.match(csv[0]!, /,answer_state,answer_text,answer_commitment,answer_merged_into,answered_at,origin,/);
      assert.match(
        csv.find((line) => line.startsWith('s3,'))!,
        /,kept,,Engagement 12 : publier les budgets,,2027-/,
      );
    });

    it('closes voting on answered proposals when the consultation says so (not while under study)', async () => {
      const call = client(served.url);
      const voter = (await call('POST', '/participants')).body.token;
      const settings = consultations.find((c) => c.consultation.id === 'open')!.consultation.settings;
      settings.closeVotingWhenAnswered = true;
      try {
        problem(await call('PUT', '/consultations/open/proposals/s3/vote', { token: voter, body: { choice: 'support' } }), 409, 'closed');
        assert.equal(
          (await call('PUT', '/consultations/open/proposals/s4/vote', { token: voter, body: { choice: 'support' } })).status,
          200,
          'under study: still open',
        );
      } finally {
        settings.closeVotingWhenAnswered = false;
      }
      assert.equal(
        (await call('PUT', '/consultations/open/proposals/s3/vote', { token: voter, body: { choice: 'support' } })).status,
        200,
        'the setting decides',
      );
    });

    it('audits every organiser action, readable and exportable as CSV', async () => {
      const admin = await signedIn('maire@ville.example.fr');
      const page = AuditPage.parse((await admin.call('GET', '/admin/audit?consultation=open')).body);
      const actions = page.entries.map((e) => e.action);
      for (const action of ['moderation.approve', 'moderation.hide', 'moderation.restore', 'proposal.answer'])
        assert.ok(actions.includes(action), action);
      const hide = page.entries.find((e) => e.action === 'moderation.hide')!;
      assert.deepEqual([hide.actorName, hide.target, hide.reason], ['modOpen', 'proposal:s1', 'Injurieux après relecture']);
      const all = AuditPage.parse((await admin.call('GET', '/admin/audit')).body).entries.map((e) => e.action);
      for (const action of ['organiser.create', 'session.sign-in', 'session.sign-out', 'session.sign-out-everywhere'])
        assert.ok(all.includes(action), action);
      const csv = await admin.call('GET', '/admin/audit?consultation=open&format=csv');
      assert.match(csv.headers.get('content-type')!, /^text\/csv/);
      assert.match(csv.text, /^id,at,actor,actorName,action,consultationId,target,reason,details\r\n/);
      assert.ok(csv.text.includes('Injurieux après relecture'));
    });

    it('keeps the admin token for automation, rotatable: the old one stops working, across restarts', async () => {
      const call = client(served.url);
      assert.equal((await call('GET', '/admin/consultations/open/queue', { token: ADMIN_TOKEN })).status, 200);
      const rotated = await call('POST', '/admin/token', { token: ADMIN_TOKEN });
      assert.equal(rotated.status, 201);
      problem(await call('GET', '/admin/consultations/open/queue', { token: ADMIN_TOKEN }), 401, 'unauthorized');
      problem(await call('GET', '/admin/consultations/open/moderation', { token: ADMIN_TOKEN }), 401, 'unauthorized');
      assert.equal((await call('GET', '/admin/consultations/open/moderation', { token: rotated.body.token })).status, 200);
      // A restart with the same configured ADMIN_TOKEN: still revoked.
      const restarted = await serveApp({ db, consultations: testConsultations(now), adminToken: ADMIN_TOKEN, clock });
      try {
        problem(await client(restarted.url)('GET', '/admin/consultations/open/queue', { token: ADMIN_TOKEN }), 401, 'unauthorized');
        assert.equal((await client(restarted.url)('GET', '/admin/consultations/open/queue', { token: rotated.body.token })).status, 200);
      } finally {
        await restarted.close();
      }
      const actor = AuditPage.parse((await (await signedIn('maire@ville.example.fr')).call('GET', '/admin/audit')).body).entries.find(
        (e) => e.action === 'admin-token.rotate',
      );
      assert.equal(actor?.actor, 'token');
    });

    it('resets a password: the old one and every session stop working', async () => {
      const victim = await signedIn('admin-open@ville.example.fr');
      const admin = await signedIn('maire@ville.example.fr');
      const newPassword = 'un tout nouveau mot de passe';
      assert.equal(
        (await admin.call('PUT', `/admin/organisers/${ids.adminOpen}/password`, { body: { password: newPassword } })).status,
        204,
      );
      problem(await victim.call('GET', '/admin/session'), 401, 'unauthorized');
      problem(await anon().signIn('admin-open@ville.example.fr', PASSWORD), 401, 'unauthorized');
      assert.equal((await anon().signIn('admin-open@ville.example.fr', newPassword)).status, 200);
    });
  });
}

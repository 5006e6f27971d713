/**
 * The route suite, run once on PGlite and once on a real PostgreSQL (api.*.test.ts): every route,
 * its happy path and its refusals, idempotency under concurrency, limits, CORS and moderation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError, Consultation, ConsultationEvent, Participation, Proposal, VoteResult, pageOf } from '../../src/core/schemas.js';
import type { Db } from '../db/db.js';
import { CACHE } from '../http/cache.js';
import { migrate } from '../db/migrate.js';
import { seedConsultations } from '../setup/seed.js';
import { sha256 } from '../store/ids.js';
import { client, eventProposal, serveApp, signIdentity, testConsultations, validDraft, type Call, type Served } from './helpers.js';

const ADMIN = 'test-admin-token';
const OPEN = '/consultations/open';

function assertProblem(answer: { status: number; headers: Headers; body: unknown }, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const problem = ApiError.parse(answer.body);
  assert.equal(problem.code, code);
  assert.equal(problem.status, status);
}

export function apiSuite(label: string, openDb: () => Promise<Db>): void {
  describe(`HTTP API on ${label}`, () => {
    let db: Db;
    let served: Served;
    let strict: Served;
    let call: Call;
    let strictCall: Call;
    const token = async (c: Call = call): Promise<string> => (await c('POST', '/participants')).body.token as string;
    const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
    const admin = (method: string, path: string, headers: Record<string, string> = {}) => call(method, path, { token: ADMIN, headers });

    before(async () => {
      db = await openDb();
      await migrate(db);
      const consultations = testConsultations();
      await seedConsultations(db, consultations);
      const open = { writesPerMinute: 1e6, writesPerIpPerMinute: 1e6, participantsPerMinute: 1e6 };
      served = await serveApp({ db, consultations, adminToken: ADMIN, limits: open });
      strict = await serveApp({ db, consultations, adminToken: ADMIN, limits: { writesPerMinute: 3, participantsPerMinute: 4 } });
      call = client(served.url);
      strictCall = client(strict.url);
    });
    after(async () => {
      await served?.close();
      await strict?.close();
      await db?.close();
    });

    describe('database', () => {
      it('applies each migration once and seeds each consultation once', async () => {
        assert.deepEqual(await migrate(db), []);
        assert.deepEqual(await seedConsultations(db, testConsultations()), []);
        assert.equal(await count("proposals WHERE consultation_id = 'open'"), 6);
      });
    });

    describe('clock, participants and identities', () => {
      it('GET /time gives the server clock, never cached', async () => {
        const before = Date.now();
        const answer = await call('GET', '/time');
        assert.equal(answer.status, 200);
        assert.equal(answer.headers.get('cache-control'), 'no-store');
        const now = Date.parse(answer.body.now);
        assert.ok(now >= before - 1000 && now <= Date.now() + 1000);
      });

      it('POST /participants issues a token and stores only its hash', async () => {
        const answer = await call('POST', '/participants');
        assert.equal(answer.status, 201);
        assert.match(answer.body.token, /^pgo_[\w-]{40,}$/);
        assert.equal(answer.body.participant.verified, false);
        assert.equal(await count('participant_tokens WHERE token_hash = $1', [answer.body.token]), 0);
        assert.equal(await count('participant_tokens WHERE token_hash = $1', [sha256(answer.body.token)]), 1);
        const participation = await call('GET', `${OPEN}/participation`, { token: answer.body.token });
        assert.equal(Participation.parse(participation.body).participant?.id, answer.body.participant.id);
      });

      it('a keyed retry of POST /participants gives the same participant (a fresh token), no new row', async () => {
        const first = await call('POST', '/participants', { key: 'participant-key-1' });
        const rows = await count('participants');
        const again = await call('POST', '/participants', { key: 'participant-key-1' });
        assert.equal(again.status, 201);
        assert.equal(again.headers.get('idempotent-replayed'), 'true');
        assert.equal(again.body.participant.id, first.body.participant.id);
        assert.notEqual(again.body.token, first.body.token);
        assert.equal(await count('participants'), rows);
      });

      it('participation without a token is empty; with an unknown token it is 401', async () => {
        const anonymous = await call('GET', `${OPEN}/participation`);
        assert.deepEqual(anonymous.body, { participant: null, votes: {}, votesLeft: 3, registrations: [] });
        assert.equal(anonymous.headers.get('cache-control'), 'private, no-cache');
        assertProblem(await call('GET', `${OPEN}/participation`, { token: 'pgo_not-a-token' }), 401, 'unauthorized');
      });

      it('a host-signed identity gives a verified participant, the same one each time', async () => {
        const assertion = await signIdentity({ sub: 'cms-user-42', name: 'Camille Martin' });
        const first = await call('POST', `${OPEN}/identity`, { body: { assertion } });
        assert.equal(first.status, 200);
        assert.deepEqual({ ...first.body.participant, id: 'x' }, { id: 'x', displayName: 'Camille Martin', verified: true });
        const second = await call('POST', `${OPEN}/identity`, { body: { assertion: await signIdentity({ sub: 'cms-user-42' }) } });
        assert.equal(second.body.participant.id, first.body.participant.id);
        const participation = await call('GET', `${OPEN}/participation`, { token: second.body.token });
        assert.equal(participation.body.participant.verified, true);
      });

      it('an anonymous participant who signs in keeps their votes', async () => {
        const anonymous = await token();
        await call('PUT', `${OPEN}/proposals/s1/vote`, { token: anonymous, body: { choice: 'support' } });
        const signed = await call('POST', `${OPEN}/identity`, { token: anonymous, body: { assertion: await signIdentity({ sub: 'cms-user-77' }) } });
        const participation = await call('GET', `${OPEN}/participation`, { token: signed.body.token });
        assert.equal(participation.body.participant.verified, true);
        assert.deepEqual(participation.body.votes, { s1: 'support' });
      });

      it('refuses expired, forged or missing assertions, and consultations without a key', async () => {
        assertProblem(await call('POST', `${OPEN}/identity`, { body: { assertion: await signIdentity({ sub: 'u' }, { expiresIn: Math.floor(Date.now() / 1000) - 60 }) } }), 401, 'unauthorized');
        assertProblem(await call('POST', `${OPEN}/identity`, { body: { assertion: await signIdentity({ sub: 'u' }, { secret: 'another-key-of-at-least-32-characters!!' }) } }), 401, 'unauthorized');
        assertProblem(await call('POST', `${OPEN}/identity`, { body: { assertion: 'not.a.jwt' } }), 401, 'unauthorized');
        assertProblem(await call('POST', `${OPEN}/identity`, { body: {} }), 422, 'validation');
        assertProblem(await call('POST', '/consultations/final/identity', { body: { assertion: await signIdentity({ sub: 'u' }) } }), 403, 'forbidden');
      });
    });

    describe('consultations', () => {
      it('GET /consultations/{id} gives the consultation with an ETag, and 304 when unchanged', async () => {
        const answer = await call('GET', OPEN);
        assert.equal(answer.status, 200);
        const consultation = Consultation.parse(answer.body);
        assert.equal(consultation.settings.votesPerParticipant, 3);
        const etag = answer.headers.get('etag')!;
        assert.match(etag, /^"[\w-]+"$/);
        assert.equal(answer.headers.get('cache-control'), 'public, max-age=60');
        const again = await call('GET', OPEN, { headers: { 'if-none-match': etag } });
        assert.equal(again.status, 304);
        assert.equal(again.text, '');
      });

      it('unknown consultations and routes are 404 problems', async () => {
        assertProblem(await call('GET', '/consultations/nope'), 404, 'not-found');
        assertProblem(await call('GET', '/consultations/nope/proposals'), 404, 'not-found');
        assertProblem(await call('GET', '/no/such/route'), 404, 'not-found');
      });
    });

    describe('proposals', () => {
      it('lists published proposals only, newest first, with tallies from the vote rows', async () => {
        const answer = await call('GET', `${OPEN}/proposals`);
        const page = pageOf(Proposal).parse(answer.body);
        assert.ok(page.items.every((p) => p.status === 'published'));
        assert.ok(!page.items.some((p) => p.id === 'pending-1'));
        const seeded = page.items.filter((p) => /^s\d$/.test(p.id)).map((p) => p.id);
        assert.deepEqual(seeded, ['s4', 's3', 's2', 's1', 's0']);
        assert.equal(answer.headers.get('cache-control'), CACHE.live);
        assert.ok(answer.headers.get('etag'));
      });

      it('pages with a cursor and a total, sorts by support, filters by category and text', async () => {
        const first = await call('GET', `${OPEN}/proposals?limit=2&sort=most-supported`);
        assert.equal(first.body.items.length, 2);
        assert.ok(first.body.total >= 5);
        assert.ok(first.body.nextCursor);
        const totals = first.body.items.map((p: Proposal) => p.tally.total);
        assert.ok(totals[0] >= totals[1]);
        const second = await call('GET', `${OPEN}/proposals?limit=2&sort=most-supported&cursor=${first.body.nextCursor}`);
        assert.ok(!second.body.items.some((p: Proposal) => first.body.items.some((q: Proposal) => q.id === p.id)));
        const category = await call('GET', `${OPEN}/proposals?categoryId=participation&limit=100`);
        assert.ok(category.body.items.length >= 2 && category.body.items.every((p: Proposal) => p.categoryId === 'participation'));
        const text = await call('GET', `${OPEN}/proposals?q=${encodeURIComponent('NUMÉRO 3')}`);
        assert.deepEqual(text.body.items.map((p: Proposal) => p.id), ['s3']);
      });

      it('gives the same random order for the same seed, page after page', async () => {
        const all = (await call('GET', `${OPEN}/proposals?sort=random&seed=abc&limit=100`)).body.items.map((p: Proposal) => p.id);
        const a = (await call('GET', `${OPEN}/proposals?sort=random&seed=abc&limit=2`)).body;
        const b = (await call('GET', `${OPEN}/proposals?sort=random&seed=abc&limit=2&cursor=${a.nextCursor}`)).body;
        assert.deepEqual([...a.items, ...b.items].map((p: Proposal) => p.id), all.slice(0, 4));
      });

      it('refuses bad query parameters with field errors', async () => {
        const answer = await call('GET', `${OPEN}/proposals?limit=1000&sort=sideways`);
        assertProblem(answer, 422, 'validation');
        assert.deepEqual(answer.body.fieldErrors.map((e: { field: string }) => e.field).sort(), ['limit', 'sort']);
      });

      it('GET one proposal; pending ones only for their author', async () => {
        assert.equal(Proposal.parse((await call('GET', `${OPEN}/proposals/s2`)).body).tally.total, 2);
        assertProblem(await call('GET', `${OPEN}/proposals/pending-1`), 404, 'not-found');
        assertProblem(await call('GET', `${OPEN}/proposals/nope`), 404, 'not-found');
        const author = await token();
        const receipt = await call('POST', '/consultations/hidden/proposals', {
          token: author, body: { ...validDraft, categoryId: null, authorName: 'Camille', email: 'camille@example.fr', extra: { format: 'atelier' } },
        });
        assert.equal(receipt.status, 201);
        assert.equal(receipt.body.moderation, 'pending');
        const id = receipt.body.proposal.id;
        assertProblem(await call('GET', `/consultations/hidden/proposals/${id}`), 404, 'not-found');
        const mine = await call('GET', `/consultations/hidden/proposals/${id}`, { token: author });
        assert.equal(mine.body.status, 'pending');
        assert.equal(mine.headers.get('cache-control'), 'private, no-cache');
      });

      it('POST creates a proposal (201) that the list then shows, without the e-mail', async () => {
        const author = await token();
        const answer = await call('POST', `${OPEN}/proposals`, { token: author, key: 'create-1', body: { ...validDraft, title: `  ${validDraft.title}  `, email: 'me@example.fr', authorName: 'Camille' } });
        assert.equal(answer.status, 201);
        assert.equal(answer.body.moderation, 'published');
        const proposal = Proposal.parse(answer.body.proposal);
        assert.equal(proposal.title, validDraft.title);
        assert.equal(proposal.authorName, 'Camille');
        assert.ok(!answer.text.includes('me@example.fr'));
        const list = await call('GET', `${OPEN}/proposals?limit=100`);
        assert.ok(list.body.items.some((p: Proposal) => p.id === proposal.id));
      });

      it('a retried create with the same key creates nothing new; another body with that key is a conflict', async () => {
        const author = await token();
        const first = await call('POST', `${OPEN}/proposals`, { token: author, key: 'retry-me', body: validDraft });
        const rows = await count('proposals');
        const retries = await Promise.all([1, 2, 3].map(() => call('POST', `${OPEN}/proposals`, { token: author, key: 'retry-me', body: validDraft })));
        for (const retry of retries) {
          assert.equal(retry.status, 201);
          assert.deepEqual(retry.body, first.body);
          assert.equal(retry.headers.get('idempotent-replayed'), 'true');
        }
        assert.equal(await count('proposals'), rows);
        assertProblem(await call('POST', `${OPEN}/proposals`, { token: author, key: 'retry-me', body: { ...validDraft, title: 'Un tout autre titre ici' } }), 409, 'conflict');
        // Keys are per participant: another participant may use the same key.
        assert.equal((await call('POST', `${OPEN}/proposals`, { token: await token(), key: 'retry-me', body: validDraft })).status, 201);
      });

      it('refuses invalid drafts with the shared field errors, and a refused key can be retried once fixed', async () => {
        const author = await token();
        const bad = await call('POST', `${OPEN}/proposals`, { token: author, key: 'fix-me', body: { title: 'court', body: '', categoryId: 'nope', extra: { color: 'red' } } });
        assertProblem(bad, 422, 'validation');
        const codes = Object.fromEntries(bad.body.fieldErrors.map((e: { field: string; code: string }) => [e.field, e.code]));
        assert.deepEqual(codes, { title: 'too_short', body: 'required', categoryId: 'invalid', 'extra.color': 'unknown', consent: 'consent' });
        assert.equal((await call('POST', `${OPEN}/proposals`, { token: author, key: 'fix-me', body: validDraft })).status, 201);
        const typed = await call('POST', `${OPEN}/proposals`, { token: author, body: { title: 12, body: 'x' } });
        assertProblem(typed, 422, 'validation');
        assert.equal(typed.body.fieldErrors[0].field, 'title');
      });

      it('checks the select extra field of a consultation', async () => {
        const answer = await call('POST', '/consultations/hidden/proposals', { token: await token(), body: { ...validDraft, authorName: 'C', email: 'c@example.fr', extra: { format: 'banquet' } } });
        assertProblem(answer, 422, 'validation');
        assert.deepEqual(answer.body.fieldErrors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`), ['extra.format:invalid']);
      });

      it('rejects the honeypot (403) and stores nothing', async () => {
        const rows = await count('proposals');
        assertProblem(await call('POST', `${OPEN}/proposals`, { token: await token(), key: 'bot', body: { ...validDraft, website: 'http://spam.example' } }), 403, 'forbidden');
        assert.equal(await count('proposals'), rows);
        assert.equal(await count("idempotency_keys WHERE key = 'bot'"), 0);
      });

      it('needs a token (401) and an open phase (409 closed)', async () => {
        assertProblem(await call('POST', `${OPEN}/proposals`, { body: validDraft }), 401, 'unauthorized');
        const closed = await call('POST', '/consultations/closed/proposals', { token: await token(), body: validDraft });
        assertProblem(closed, 409, 'closed');
        assert.match(closed.body.detail, /Next open from/);
      });

      it('anyone with a token may report a proposal (202); the moderators see the reason', async () => {
        const reporter = await token();
        const answer = await call('POST', `${OPEN}/proposals/s0/reports`, { token: reporter, key: 'report-1', body: { reason: 'Propos injurieux' } });
        assert.equal(answer.status, 202);
        assert.deepEqual(answer.body, { received: true });
        await call('POST', `${OPEN}/proposals/s0/reports`, { token: reporter, key: 'report-1', body: { reason: 'Propos injurieux' } });
        assert.equal(await count("reports WHERE proposal_id = 's0'"), 1);
        assertProblem(await call('POST', `${OPEN}/proposals/nope/reports`, { token: reporter, body: { reason: 'x' } }), 404, 'not-found');
        const queue = await admin('GET', '/admin/consultations/open/moderation');
        const reported = queue.body.proposals.find((p: { id: string }) => p.id === 's0');
        assert.deepEqual(reported.reportReasons, ['Propos injurieux']);
      });
    });

    describe('votes', () => {
      const vote = (t: string, proposal: string, choice: string, consultation = OPEN, key?: string) =>
        call('PUT', `${consultation}/proposals/${proposal}/vote`, { token: t, body: { choice }, ...(key ? { key } : {}) });

      it('casts, keeps and withdraws a vote; the tally and participation follow', async () => {
        const voter = await token();
        const before = (await call('GET', `${OPEN}/proposals/s3`)).body.tally.total;
        const cast = await vote(voter, 's3', 'support');
        assert.equal(cast.status, 200);
        const result = VoteResult.parse(cast.body);
        assert.equal(result.tally.total, before + 1);
        assert.deepEqual(result.participation.votes, { s3: 'support' });
        assert.equal(result.participation.votesLeft, 2);
        assert.equal((await vote(voter, 's3', 'support')).body.tally.total, before + 1);
        const withdrawn = await call('DELETE', `${OPEN}/proposals/s3/vote`, { token: voter });
        assert.equal(withdrawn.status, 200);
        assert.equal(withdrawn.body.tally.total, before);
        assert.deepEqual(withdrawn.body.participation.votes, {});
        assert.equal(withdrawn.body.participation.votesLeft, 3);
      });

      it('stops at the vote limit (409 limit-reached)', async () => {
        const voter = await token();
        for (const id of ['s0', 's1', 's2']) assert.equal((await vote(voter, id, 'support')).status, 200);
        assertProblem(await vote(voter, 's4', 'support'), 409, 'limit-reached');
        // Changing nothing on an existing vote is still fine at the limit.
        assert.equal((await vote(voter, 's0', 'support')).status, 200);
      });

      it('final votes cannot be changed or withdrawn (403); for/against/mixed choices are counted apart', async () => {
        const voter = await token();
        const cast = await vote(voter, 'fs0', 'against', '/consultations/final');
        assert.deepEqual(cast.body.tally.counts, { for: 0, mixed: 0, against: 1 });
        assertProblem(await vote(voter, 'fs0', 'for', '/consultations/final'), 403, 'forbidden');
        assertProblem(await call('DELETE', '/consultations/final/proposals/fs0/vote', { token: voter }), 403, 'forbidden');
        assertProblem(await vote(voter, 'fs0', 'support', '/consultations/final'), 422, 'validation');
      });

      it('refuses votes on closed phases, unpublished or unknown proposals, and without a token', async () => {
        const voter = await token();
        assertProblem(await vote(voter, 'cs0', 'support', '/consultations/closed'), 409, 'closed');
        assertProblem(await vote(voter, 'pending-1', 'support'), 409, 'closed');
        assertProblem(await vote(voter, 'nope', 'support'), 404, 'not-found');
        assertProblem(await call('PUT', `${OPEN}/proposals/s0/vote`, { body: { choice: 'support' } }), 401, 'unauthorized');
        assertProblem(await vote(voter, 's0', 'sideways'), 422, 'validation');
      });

      it('hides counts until the end when configured', async () => {
        const answer = await vote(await token(), 'h0', 'interest', '/consultations/hidden');
        assert.deepEqual(answer.body.tally, { proposalId: 'h0', hidden: true, total: null, counts: null });
        assert.equal((await call('GET', '/consultations/hidden/proposals/h0')).body.tally.hidden, true);
        // Sorting by support would leak the hidden counts: it falls back to the newest first.
        await db.query("INSERT INTO proposals (id, consultation_id, title, body, status) VALUES ('h1', 'hidden', 'Récente', 'Sans soutien', 'published')");
        const sorted = await call('GET', '/consultations/hidden/proposals?sort=most-supported');
        assert.deepEqual(sorted.body.items.map((p: Proposal) => p.id), ['h1', 'h0']);
      });

      it('100 concurrent identical votes with one key count once and all get the first answer', async () => {
        const voter = await token();
        const answers = await Promise.all(Array.from({ length: 100 }, () => vote(voter, 's4', 'support', OPEN, 'same-key')));
        assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
        assert.equal(new Set(answers.map((a) => JSON.stringify(a.body))).size, 1);
        assert.equal(await count('votes WHERE participant_id = $1', [answers[0]!.body.participation.participant.id]), 1);
      });

      it('100 concurrent identical votes with different keys count once', async () => {
        const voter = await token();
        const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => vote(voter, 's4', 'support', OPEN, `key-${i}`)));
        assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
        assert.equal(await count("votes WHERE participant_id = $1 AND proposal_id = 's4'", [answers[0]!.body.participation.participant.id]), 1);
      });

      it('a participant with 3 votes left firing 10 concurrent votes gets exactly 3', async () => {
        const voter = await token();
        const ids = Array.from({ length: 10 }, (_, i) => `race-${i}`);
        for (const id of ids) {
          await db.query("INSERT INTO proposals (id, consultation_id, title, body, status) VALUES ($1, 'open', 'Course', 'Course aux votes', 'published')", [id]);
        }
        const answers = await Promise.all(ids.map((id) => vote(voter, id, 'support')));
        assert.equal(answers.filter((a) => a.status === 200).length, 3);
        assert.equal(answers.filter((a) => a.status === 409 && a.body.code === 'limit-reached').length, 7);
        const participant = (await call('GET', `${OPEN}/participation`, { token: voter })).body;
        assert.equal(Object.keys(participant.votes).length, 3);
        assert.equal(participant.votesLeft, 0);
        assert.equal(await count('votes WHERE participant_id = $1', [participant.participant.id]), 3);
      });

      it('a vote for a proposal moderators hide is released (costs nothing, not listed) and may still be withdrawn', async () => {
        const ids = ['mod-a', 'mod-b', 'mod-c', 'mod-d', 'mod-e'];
        for (const id of ids) {
          await db.query("INSERT INTO proposals (id, consultation_id, title, body, status) VALUES ($1, 'open', 'Modérée', 'Proposition modérée', 'published')", [id]);
        }
        const voter = await token();
        for (const id of ['mod-a', 'mod-b', 'mod-c']) assert.equal((await vote(voter, id, 'support')).status, 200);
        assertProblem(await vote(voter, 'mod-d', 'support'), 409, 'limit-reached');
        assert.equal((await admin('POST', '/admin/proposals/mod-b/hide')).status, 200);
        const released = Participation.parse((await call('GET', `${OPEN}/participation`, { token: voter })).body);
        assert.deepEqual(released.votes, { 'mod-a': 'support', 'mod-c': 'support' });
        assert.equal(released.votesLeft, 1);
        // The released vote is spent again elsewhere.
        assert.equal((await vote(voter, 'mod-d', 'support')).body.participation.votesLeft, 0);
        // Withdrawing the hidden proposal's vote works; it does not come back on restore.
        const withdrawn = await call('DELETE', `${OPEN}/proposals/mod-b/vote`, { token: voter });
        assert.equal(withdrawn.status, 200, withdrawn.text);
        assert.deepEqual(VoteResult.parse(withdrawn.body).participation.votes, { 'mod-a': 'support', 'mod-c': 'support', 'mod-d': 'support' });
        assert.equal(await count("votes WHERE proposal_id = 'mod-b'"), 0);
        assert.equal((await admin('POST', '/admin/proposals/mod-b/restore')).status, 200);
        assert.equal(Object.keys((await call('GET', `${OPEN}/participation`, { token: voter })).body.votes).length, 3);
        // A vote not withdrawn comes back with its restored proposal, even above the limit (votesLeft stays at 0).
        assert.equal((await admin('POST', '/admin/proposals/mod-a/hide')).status, 200);
        assert.equal((await vote(voter, 'mod-e', 'support')).status, 200);
        assert.equal((await admin('POST', '/admin/proposals/mod-a/restore')).status, 200);
        const restored = Participation.parse((await call('GET', `${OPEN}/participation`, { token: voter })).body);
        assert.deepEqual(Object.keys(restored.votes).sort(), ['mod-a', 'mod-c', 'mod-d', 'mod-e']);
        assert.equal(restored.votesLeft, 0);
        assertProblem(await vote(voter, 'mod-b', 'support'), 409, 'limit-reached');
        assertProblem(await call('DELETE', `${OPEN}/proposals/nope/vote`, { token: voter }), 404, 'not-found');
      });

      it('tallies equal the vote rows for every proposal', async () => {
        const list = await call('GET', `${OPEN}/proposals?limit=100`);
        assert.ok(list.body.items.length > 10);
        for (const proposal of list.body.items as Proposal[]) {
          assert.equal(proposal.tally.total, await count('votes WHERE proposal_id = $1', [proposal.id]), proposal.id);
        }
      });
    });

    describe('events', () => {
      it('lists approved events from now on, filtered by format, mode and place', async () => {
        const page = pageOf(ConsultationEvent).parse((await call('GET', `${OPEN}/events`)).body);
        assert.deepEqual(page.items.map((e) => e.id), ['small', 'evry', 'online', 'cancelled']);
        const fromPast = await call('GET', `${OPEN}/events?from=${encodeURIComponent(new Date(Date.now() - 30 * 86_400_000).toISOString())}&limit=1`);
        assert.equal(fromPast.body.items[0].id, 'past');
        assert.equal(fromPast.body.total, 5);
        assert.ok(fromPast.body.nextCursor);
        assert.deepEqual((await call('GET', `${OPEN}/events?mode=online`)).body.items.map((e: { id: string }) => e.id), ['online']);
        assert.deepEqual((await call('GET', `${OPEN}/events?format=ministere-ouvert`)).body.items.map((e: { id: string }) => e.id), ['online']);
        assert.deepEqual((await call('GET', `${OPEN}/events?place=evry`)).body.items.map((e: { id: string }) => e.id), ['evry']);
        assert.deepEqual((await call('GET', `${OPEN}/events?place=750`)).body.items.map((e: { id: string }) => e.id), ['small', 'cancelled']);
        assertProblem(await call('GET', `${OPEN}/events?mode=underwater`), 422, 'validation');
      });

      it('GET one event; a pending one is not found', async () => {
        const event = ConsultationEvent.parse((await call('GET', `${OPEN}/events/small`)).body);
        assert.deepEqual(event.registration, { kind: 'inline', capacity: 2, seatsLeft: 2 });
        assertProblem(await call('GET', `${OPEN}/events/waiting`), 404, 'not-found');
      });

      it('registers once per participant, down to the last seat, then 409 limit-reached', async () => {
        const input = { name: 'Camille', email: 'camille@example.fr', consent: true };
        const first = await token();
        const one = await call('POST', `${OPEN}/events/small/registrations`, { token: first, body: input });
        assert.equal(one.status, 201);
        assert.deepEqual(one.body, { eventId: 'small', seatsLeft: 1 });
        assert.deepEqual((await call('POST', `${OPEN}/events/small/registrations`, { token: first, body: input })).body, { eventId: 'small', seatsLeft: 1 });
        assert.deepEqual((await call('GET', `${OPEN}/participation`, { token: first })).body.registrations, ['small']);
        const racers = await Promise.all([1, 2, 3].map(async () => call('POST', `${OPEN}/events/small/registrations`, { token: await token(), body: input })));
        assert.equal(racers.filter((a) => a.status === 201).length, 1);
        assert.equal(racers.filter((a) => a.status === 409 && a.body.code === 'limit-reached').length, 2);
        const full = (await call('GET', `${OPEN}/events/small`)).body;
        assert.equal(full.status, 'full');
        assert.equal(full.registration.seatsLeft, 0);
        assert.equal(await count("registrations WHERE event_id = 'small'"), 2);
      });

      it('refuses registrations that cannot be taken here', async () => {
        const t = await token();
        const input = { name: 'Camille', email: 'camille@example.fr', consent: true };
        assertProblem(await call('POST', `${OPEN}/events/online/registrations`, { token: t, body: input }), 501, 'unsupported');
        assertProblem(await call('POST', `${OPEN}/events/cancelled/registrations`, { token: t, body: input }), 409, 'closed');
        assertProblem(await call('POST', `${OPEN}/events/past/registrations`, { token: t, body: input }), 409, 'closed');
        assertProblem(await call('POST', `${OPEN}/events/waiting/registrations`, { token: t, body: input }), 404, 'not-found');
        assertProblem(await call('POST', `${OPEN}/events/evry/registrations`, { token: t, body: { ...input, website: 'x' } }), 403, 'forbidden');
        const invalid = await call('POST', `${OPEN}/events/evry/registrations`, { token: t, body: { name: '', email: 'nope' } });
        assertProblem(invalid, 422, 'validation');
        assert.deepEqual(invalid.body.fieldErrors.map((e: { field: string }) => e.field), ['name', 'email', 'consent']);
        assertProblem(await call('POST', `${OPEN}/events/evry/registrations`, { body: input }), 401, 'unauthorized');
      });

      it('a proposed event waits for approval, then is listed', async () => {
        const input = eventProposal();
        const answer = await call('POST', `${OPEN}/events`, { token: await token(), key: 'event-1', body: input });
        assert.equal(answer.status, 201);
        assert.equal(answer.body.moderation, 'pending');
        const event = ConsultationEvent.parse(answer.body.event);
        assert.deepEqual(event.registration, { kind: 'inline', capacity: 20, seatsLeft: 20 });
        assert.ok(!answer.text.includes('camille@example.fr'));
        assertProblem(await call('GET', `${OPEN}/events/${event.id}`), 404, 'not-found');
        const queue = await admin('GET', '/admin/consultations/open/moderation');
        assert.equal(queue.body.events.find((e: { id: string }) => e.id === event.id).organiserEmail, 'camille@example.fr');
        assert.equal((await admin('POST', `/admin/events/${event.id}/approve`)).body.moderation, 'approved');
        assert.equal((await call('GET', `${OPEN}/events/${event.id}`)).status, 200);
      });

      it('refuses invalid event proposals and closed phases', async () => {
        const bad = await call('POST', `${OPEN}/events`, {
          token: await token(), body: { ...eventProposal(), format: 'banquet', startsAt: '2001-01-01T10:00:00Z', mode: 'online', onlineUrl: 'ftp://x', timeZone: 'Mars/Olympus', address: { locality: 'x'.repeat(10), placeName: 'p'.repeat(300) } },
        });
        assertProblem(bad, 422, 'validation');
        const fields = bad.body.fieldErrors.map((e: { field: string }) => e.field);
        for (const field of ['format', 'startsAt', 'onlineUrl', 'timeZone']) assert.ok(fields.includes(field), field);
        const long = await call('POST', `${OPEN}/events`, { token: await token(), body: { ...eventProposal(), address: { locality: 'Lyon', placeName: 'p'.repeat(300) } } });
        assertProblem(long, 422, 'validation');
        assert.equal(long.body.fieldErrors[0].field, 'address.placeName');
        assertProblem(await call('POST', '/consultations/closed/events', { token: await token(), body: eventProposal() }), 409, 'closed');
      });
    });

    describe('open data', () => {
      it('exports JSON without personal data', async () => {
        const answer = await call('GET', `${OPEN}/export.json`);
        assert.equal(answer.status, 200);
        assert.ok(answer.headers.get('etag'));
        assert.equal(answer.body.consultation.id, 'open');
        const s2 = answer.body.proposals.find((p: { id: string }) => p.id === 's2');
        assert.equal(s2.total, await count("votes WHERE proposal_id = 's2'"));
        assert.deepEqual(Object.keys(s2).sort(), ['body', 'category', 'categoryId', 'counts', 'createdAt', 'extra', 'id', 'title', 'total']);
        assert.ok(!answer.text.includes('@example.fr'));
        assert.ok(!answer.text.includes('authorName'));
        assert.ok(!answer.body.proposals.some((p: { id: string }) => p.id === 'pending-1'));
      });

      it('exports CSV with quoting, formula protection and hidden counts left empty', async () => {
        const answer = await call('GET', '/consultations/hidden/export.csv');
        assert.match(answer.headers.get('content-type')!, /^text\/csv/);
        const [header, row] = answer.text.split('\r\n');
        assert.equal(header, 'id,created_at,category_id,category,title,body,extra_format,total,votes_interest');
        assert.ok(row!.startsWith('h0,'));
        assert.ok(row!.includes(`"'=HYPERLINK(""x"") formule"`));
        assert.ok(row!.includes('"Un corps, avec ""guillemets""\net une ligne."'));
        assert.ok(row!.endsWith(',pitch,,'));
      });
    });

    describe('moderation', () => {
      it('admin routes need the admin token', async () => {
        assertProblem(await call('GET', '/admin/consultations/open/moderation'), 401, 'unauthorized');
        assertProblem(await call('GET', '/admin/consultations/open/moderation', { token: 'wrong' }), 401, 'unauthorized');
        assertProblem(await call('GET', '/admin/consultations/open/moderation', { token: await token() }), 401, 'unauthorized');
      });

      it('admin routes refuse any cross-origin request, preflights included', async () => {
        assertProblem(await admin('GET', '/admin/consultations/open/moderation', { origin: 'https://ville.example.fr' }), 403, 'forbidden');
        assertProblem(await admin('POST', '/admin/proposals/s0/hide', { 'sec-fetch-site': 'cross-site' }), 403, 'forbidden');
        const preflight = await call('OPTIONS', '/admin/proposals/s0/hide', { headers: { origin: 'https://ville.example.fr', 'access-control-request-method': 'POST' } });
        assert.equal(preflight.status, 403);
        assert.equal(preflight.headers.get('access-control-allow-origin'), null);
        assert.equal((await call('GET', '/proposals/s0', {})).status, 404);
        assert.equal((await call('GET', `${OPEN}/proposals/s0`)).body.status, 'published');
      });

      it('approves, hides and restores proposals', async () => {
        assert.equal((await admin('POST', '/admin/proposals/pending-1/approve')).body.status, 'published');
        assert.equal((await call('GET', `${OPEN}/proposals/pending-1`)).status, 200);
        assert.equal((await admin('POST', '/admin/proposals/s1/hide')).body.status, 'hidden');
        assertProblem(await call('GET', `${OPEN}/proposals/s1`), 404, 'not-found');
        assert.ok(!(await call('GET', `${OPEN}/proposals?limit=100`)).body.items.some((p: Proposal) => p.id === 's1'));
        assert.ok((await admin('GET', '/admin/consultations/open/moderation')).body.proposals.some((p: { id: string }) => p.id === 's1'));
        assert.equal((await admin('POST', '/admin/proposals/s1/restore')).body.status, 'published');
        assert.equal((await call('GET', `${OPEN}/proposals/s1`)).status, 200);
        assertProblem(await admin('POST', '/admin/proposals/nope/approve'), 404, 'not-found');
        assertProblem(await admin('POST', '/admin/proposals/s1/delete'), 404, 'not-found');
      });

      it('hides and restores events', async () => {
        assert.equal((await admin('POST', '/admin/events/evry/hide')).body.moderation, 'hidden');
        assertProblem(await call('GET', `${OPEN}/events/evry`), 404, 'not-found');
        assert.equal((await admin('POST', '/admin/events/evry/restore')).body.moderation, 'approved');
        assertProblem(await admin('POST', '/admin/events/nope/hide'), 404, 'not-found');
      });
    });

    describe('CORS', () => {
      it('answers preflights from allowed origins and exposes the headers the client reads', async () => {
        const headers = { origin: 'https://ville.example.fr', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, idempotency-key, content-type' };
        const preflight = await call('OPTIONS', `${OPEN}/proposals/s0/vote`, { headers });
        assert.equal(preflight.status, 204);
        assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://ville.example.fr');
        assert.match(preflight.headers.get('access-control-allow-headers')!, /Idempotency-Key/);
        assert.match(preflight.headers.get('access-control-allow-methods')!, /PUT/);
        assert.equal(preflight.headers.get('access-control-allow-credentials'), null);
        const read = await call('GET', OPEN, { headers: { origin: 'https://ville.example.fr' } });
        assert.equal(read.headers.get('access-control-allow-origin'), 'https://ville.example.fr');
        assert.match(read.headers.get('access-control-expose-headers')!, /ETag/);
        assert.match(read.headers.get('vary')!, /Origin/);
      });

      it('refuses origins not on the consultation’s list; `*` when configured', async () => {
        assertProblem(await call('GET', OPEN, { headers: { origin: 'https://evil.example' } }), 403, 'forbidden');
        assertProblem(await call('GET', '/consultations/hidden', { headers: { origin: 'https://ville.example.fr' } }).then(async () => call('GET', '/consultations/final', { headers: { origin: 'https://other.example' } })), 403, 'forbidden');
        const any = await call('GET', '/consultations/hidden', { headers: { origin: 'https://anywhere.example' } });
        assert.equal(any.headers.get('access-control-allow-origin'), '*');
        const time = await call('GET', '/time', { headers: { origin: 'https://ville.example.fr' } });
        assert.equal(time.headers.get('access-control-allow-origin'), 'https://ville.example.fr');
      });
    });

    describe('limits', () => {
      it('refuses bodies over 64 KB (413)', async () => {
        const answer = await call('POST', `${OPEN}/proposals`, { token: await token(), body: { ...validDraft, body: 'x'.repeat(70 * 1024) } });
        assertProblem(answer, 413, 'too-large');
      });

      it('refuses deep JSON, broken JSON and bad idempotency keys (422)', async () => {
        const t = await token();
        let deep = '{"title":"x"}';
        for (let i = 0; i < 20; i++) deep = `{"a":${deep}}`;
        assertProblem(await call('POST', `${OPEN}/proposals`, { token: t, raw: deep }), 422, 'validation');
        assertProblem(await call('POST', `${OPEN}/proposals`, { token: t, raw: '{"title": ' }), 422, 'validation');
        assertProblem(await call('POST', `${OPEN}/proposals`, { token: t, body: validDraft, key: 'k'.repeat(201) }), 422, 'validation');
      });

      it('rate-limits writes per participant (429 + Retry-After)', async () => {
        const t = await token(strictCall);
        const answers = [];
        for (let i = 0; i < 4; i++) answers.push(await strictCall('PUT', `${OPEN}/proposals/s0/vote`, { token: t, body: { choice: 'support' } }));
        assert.deepEqual(answers.slice(0, 3).map((a) => a.status), [200, 200, 200]);
        assertProblem(answers[3]!, 429, 'rate-limited');
        const retryAfter = Number(answers[3]!.headers.get('retry-after'));
        assert.ok(retryAfter >= 1 && retryAfter <= 60);
        assert.equal(answers[3]!.body.retryAfter, retryAfter);
      });

      it('rate-limits new participants per IP', async () => {
        const statuses = [];
        for (let i = 0; i < 6; i++) statuses.push((await strictCall('POST', '/participants')).status);
        assert.deepEqual(statuses.slice(-2), [429, 429]);
      });
    });
  });
}

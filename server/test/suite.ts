/**
 * The route suite, run once on PGlite and once on a real PostgreSQL (api.*.test.ts): every route,
 * its happy path and its refusals, idempotency under concurrency, limits, CORS and moderation.
 * One part per resource in server/test/api/, all acting on one database and one served app.
 */
import { after, before, describe } from 'node:test';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { seedConsultations } from '../setup/seed.js';
import { ADMIN, type ApiTestContext } from './api/context.js';
import { commentTests } from './api/comments.js';
import { consultationTests } from './api/consultations.js';
import { documentTests } from './api/documents.js';
import { eventTests } from './api/events.js';
import { framingTests } from './api/framing.js';
import { httpTests } from './api/http.js';
import { moderationTests } from './api/moderation.js';
import { myContributionTests } from './api/my-contributions.js';
import { participantTests } from './api/participants.js';
import { proposalTests } from './api/proposals.js';
import { roundTripTests } from './api/round-trips.js';
import { voteTests } from './api/votes.js';
import { workshopAmendmentTests } from './api/workshop-amendments.js';
import { workshopReportTests } from './api/workshop-reports.js';
import { client, serveApp, testConsultations, type Call, type Served } from './helpers.js';

export function apiSuite(label: string, openDb: () => Promise<Db>): void {
  describe(`HTTP API on ${label}`, () => {
    let db: Db;
    let served: Served;
    let strict: Served;
    let call: Call;
    let strictCall: Call;
    const logs: string[] = [];
    const ctx: ApiTestContext = {
      call: ((...args: Parameters<Call>) => call(...args)) as Call,
      strictCall: ((...args: Parameters<Call>) => strictCall(...args)) as Call,
      token: async (c = call) => (await c('POST', '/participants')).body.token as string,
      count: async (sql, params = []) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n,
      admin: (method, path, headers = {}) => call(method, path, { token: ADMIN, headers }),
      query: (sql, params) => db.query(sql, params),
      db: () => db,
      url: () => served.url,
      logs,
    };

    before(async () => {
      db = await openDb();
      await migrate(db);
      const consultations = testConsultations();
      await seedConsultations(db, consultations);
      const open = { writesPerMinute: 1e6, writesPerIpPerMinute: 1e6, participantsPerMinute: 1e6 };
      served = await serveApp({ db, consultations, adminToken: ADMIN, limits: open, log: (line) => logs.push(line) });
      strict = await serveApp({ db, consultations, adminToken: ADMIN, limits: { writesPerMinute: 3, participantsPerMinute: 4 } });
      call = client(served.url);
      strictCall = client(strict.url);
    });
    after(async () => {
      await served?.close();
      await strict?.close();
      await db?.close();
    });

    participantTests(ctx);
    consultationTests(ctx);
    proposalTests(ctx);
    voteTests(ctx);
    eventTests(ctx);
    commentTests(ctx);
    moderationTests(ctx);
    myContributionTests(ctx);
    httpTests(ctx);
    framingTests(ctx);
    documentTests(ctx);
    workshopReportTests(ctx);
    workshopAmendmentTests(ctx);
    roundTripTests(ctx);
  });
}

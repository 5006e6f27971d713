// Issue 9, API fuzzing: property-based requests (fast-check) against every route of the reference server
// (in this process, PGlite in memory). Properties: no 5xx; every refusal is application/problem+json in
// the ApiError shape with a clear title; every 2xx answer has the documented shape; and, after the run,
// every stored row still passes the shared schemas and business validators. Every answer, refusals
// included, is also checked against the OpenAPI document itself: a documented status for that
// operation, the documented media type, and a body valid against the documented schema.
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { routeCases } from '../reliability/fuzz-cases.mjs';
import { DOCUMENT_WORDS, documentRowsDefects, documentSetup } from '../reliability/fuzz-documents.mjs';
import { ADMIN_TOKEN, IDENTITY_SECRET, Tally, client, loadTs, problemDefect, schemas, startTestServer } from '../reliability/harness.mjs';

export const name = 'reliability-fuzz';

/** Path words kept as they are (everything else is an id, percent-encoded). */
const WORDS = new Set([
  'consultations',
  'proposals',
  'events',
  'admin',
  'vote',
  'reports',
  'registrations',
  'identity',
  'participation',
  'participants',
  'time',
  'export.csv',
  'export.json',
  'openapi.json',
  'docs',
  'moderation',
  'approve',
  'hide',
  'restore',
  'delete',
  'comments',
  'replies',
  'thread',
  'helpful',
  'pin',
  'x',
  '',
  '.',
  '..',
  ...DOCUMENT_WORDS,
]);
const CASES = Number(process.env.PGO_FUZZ_CASES ?? 11_000);
const CONCURRENCY = 6;

export async function run() {
  const tally = new Tally(name);
  const seed = Number(process.env.PGO_FUZZ_SEED ?? Date.now() % 2 ** 31);
  console.log(`  fast-check seed ${seed} (PGO_FUZZ_SEED=${seed} replays this run), ${CASES} cases`);
  tally.context = `PGO_FUZZ_SEED=${seed} replays it`;
  const s = await schemas();
  const api = await loadTs('server/api-schemas.ts');
  const cs = await loadTs('src/core/comments.ts');
  const serverErrors = [];
  // Proposals moderators hid during the run: a restored one may bring its voters above the limit (API-CHANGES.md #10).
  const everHidden = new Set();
  const log = (line) => {
    if (line.startsWith('error')) serverErrors.push(line.split('\n')[0]);
    const hidden = /^admin: proposal (\S+) -> hidden$/.exec(line);
    if (hidden) everHidden.add(hidden[1]);
  };
  const server = await startTestServer({ log });
  const { conformance } = await loadTs('server/openapi/conformance.ts');
  const { openApiDocument } = await loadTs('server/openapi/document.ts');
  const documented = conformance(openApiDocument());
  const call = client(server.url);
  const now = Date.now();
  try {
    // Who the cases act as.
    const participants = [];
    for (let i = 0; i < 12; i++) participants.push((await call('POST', '/participants')).body.token);
    const key = new TextEncoder().encode(IDENTITY_SECRET);
    const sign = (k = key, exp = '10m') =>
      new SignJWT({ name: 'Vérifiée' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(`user-${Math.random()}`)
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(k);
    const assertions = {
      valid: await sign(),
      'wrong-key': await sign(new TextEncoder().encode('another-key-another-key-another-key-0123')),
      expired: await sign(key, Math.floor(Date.now() / 1000) - 60),
      'none-alg': `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","exp":9999999999}').toString('base64url')}.`,
      garbage: 'not.a.jwt',
    };
    const verified = (await call('POST', '/consultations/open/identity', { body: { assertion: assertions.valid } })).body.token;
    // Ids by consultation, so most cases reach past the 404s into the routes' own rules.
    const known = {
      proposal: { open: ['s0', 's1', 's2', 's3'], unlimited: [], pre: [] },
      event: { open: ['small', 'big'], unlimited: [], pre: [] },
      comment: { open: ['nope'], unlimited: [], pre: [] },
      // Issue 21: a document and its amendments.
      ...(await documentSetup(call, ADMIN_TOKEN, participants)),
    };
    // A few discussions to start from (threads and a reply), so comment cases reach past the 404s too.
    for (let i = 0; i < 6; i++) {
      const parentId = i % 2 ? known.comment.open.at(-1) : undefined;
      const body = { target: i < 4 ? 'proposal:s0' : 'event:small', body: `Commentaire de départ numéro ${i}.`, parentId };
      const posted = await call('POST', '/consultations/open/comments', { token: participants[i], body });
      if (posted.status !== 201) throw new Error(`seeding a comment: ${posted.status} ${JSON.stringify(posted.body)}`);
      known.comment.open.push(posted.body.comment.id);
    }

    const expected = {
      'GET /time': s.ServerTime,
      'POST /participants': api.ParticipantToken,
      'POST identity': api.ParticipantToken,
      'GET consultation': s.Consultation,
      'GET participation': s.Participation,
      'GET proposals': s.pageOf(s.Proposal),
      'GET proposal': s.Proposal,
      'POST proposals': s.ProposalReceipt,
      'POST report': api.ReportReceipt,
      'PUT vote': s.VoteResult,
      'DELETE vote': s.VoteResult,
      'GET events': s.pageOf(s.ConsultationEvent),
      'GET event': s.ConsultationEvent,
      'POST registration': s.RegistrationReceipt,
      'POST events': s.EventReceipt,
      'GET export.json': api.OpenDataExport,
      'GET moderation': api.ModerationQueue,
      'POST admin proposal': api.ModeratedProposal,
      'POST admin event': api.ModeratedEvent,
      'GET comments': cs.CommentPage,
      'GET comment replies': cs.CommentPage,
      'GET comment thread': cs.CommentThread,
      'POST comments': cs.CommentReceipt,
      'PUT comment': cs.Comment,
      'DELETE comment': cs.Comment,
      'PUT helpful': cs.HelpfulResult,
      'DELETE helpful': cs.HelpfulResult,
      'POST comment report': api.ReportReceipt,
      'POST admin comment': cs.CommentReceipt,
      'PUT pin': cs.Comment,
    };

    const resolveId = (part, consultation) => {
      if (typeof part === 'string') return encodePart(part);
      const own = known[part.kind][consultation] ?? [];
      const all = Object.values(known[part.kind]).flat();
      const list = own.length && part.known % 6 ? own : all;
      return encodeURIComponent(list[part.known % list.length]);
    };
    const bearerOf = (auth, i) => {
      if (auth === 'participant') return `Bearer ${participants[i % participants.length]}`;
      if (auth === 'verified') return `Bearer ${verified}`;
      if (auth === 'admin') return `Bearer ${ADMIN_TOKEN}`;
      if (auth === 'expired-looking') return 'Bearer pgo_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
      if (auth === 'none') return undefined;
      return auth.raw;
    };

    /** Why an answer is not one the OpenAPI document describes (status, media type, schema), or null. */
    const notAsDocumented = (method, target, answer) => {
      // The path as the server routes it (fetch resolves `.` and `..` segments).
      const pathname = new URL(`${server.url}/api/v1${target}`).pathname;
      const apiPath = pathname.startsWith('/api/v1/') ? pathname.slice('/api/v1'.length) : pathname;
      const type = answer.headers.get('content-type') ?? '';
      if (answer.status === 405 && !answer.headers.get('allow')) return '405 without Allow';
      return documented.checkAnswer(method, apiPath, answer.status, type, answer.body);
    };

    /** One case: the request it makes and the checks on its answer. */
    async function runCase(c, i) {
      const consultation = c.parts[0] === 'consultations' ? c.parts[1] : null;
      const path = c.parts.map((p) => (typeof p === 'string' && WORDS.has(p) ? p : resolveId(p, consultation))).join('/');
      const query = c.query && Object.keys(c.query).length ? `?${new URLSearchParams(c.query)}` : '';
      const headers = {};
      const auth = bearerOf(c.headers.auth, i);
      if (auth !== undefined) headers.authorization = auth;
      if (c.headers.key !== undefined) headers['idempotency-key'] = c.headers.key;
      if (c.headers.origin !== undefined) headers.origin = c.headers.origin;
      Object.assign(headers, c.headers.other);
      let body;
      const withBody = c.body && !c.body.none && c.method !== 'GET' && c.method !== 'HEAD';
      if (withBody) {
        const json = c.body.json?.parentId?.kind
          ? { ...c.body.json, parentId: decodeURIComponent(resolveId(c.body.json.parentId, consultation)) }
          : c.body.json;
        body = 'raw' in c.body ? c.body.raw : JSON.stringify(json === undefined ? null : json);
        if (c.body.json?.assertion && assertions[c.body.json.assertion])
          body = JSON.stringify({ ...c.body.json, assertion: assertions[c.body.json.assertion] });
        headers['content-type'] = c.headers.contentType;
      }
      let answer;
      try {
        answer = await call(c.method, `/${path}${query}`, { raw: body, headers });
      } catch (error) {
        // fetch itself refused to send it (a header it cannot carry): not a case the server saw.
        if (error instanceof TypeError && !/fetch failed/.test(error.message)) return false;
        tally.check(`${c.label} #${i}`, `request failed: ${error.cause?.code ?? error.message}`);
        return true;
      }
      const label = `${c.method} /${path.slice(0, 80)}${query.slice(0, 60)} (${c.label})`;
      let problem = null;
      if (answer.status >= 500)
        problem = `${answer.status}: ${answer.text.slice(0, 200)} (server log: ${serverErrors.at(-1)?.slice(0, 200)})`;
      else if (answer.status >= 400 && c.method !== 'HEAD') problem = problemDefect(s.ApiError, answer);
      else if (answer.status >= 200 && answer.status < 300 && c.method !== 'HEAD' && expected[c.label]) {
        const parsed = expected[c.label].safeParse(answer.body);
        if (!parsed.success)
          problem = `2xx answer not in the documented shape: ${parsed.error.issues[0]?.message} at ${parsed.error.issues[0]?.path.join('.')}`;
      }
      problem ??= notAsDocumented(c.method, `/${path}${query}`, answer);
      if (problem) {
        problem += `\n      body sent: ${String(body ?? '').slice(0, 300)}\n      headers: ${JSON.stringify(headers).slice(0, 300)}`;
      }
      tally.check(label, problem);
      // Created items become targets of later cases.
      if (answer.status === 201 && answer.body?.proposal?.id)
        known.proposal[answer.body.proposal.consultationId]?.push(answer.body.proposal.id);
      if (answer.status === 201 && answer.body?.event?.id) known.event[answer.body.event.consultationId]?.push(answer.body.event.id);
      if (answer.status === 201 && answer.body?.comment?.id)
        known.comment[answer.body.comment.consultationId]?.push(answer.body.comment.id);
      if (answer.status === 201 && answer.body?.amendment?.id) known.amendment[consultation]?.push(answer.body.amendment.id);
      return true;
    }

    const routes = routeCases(now);
    const perRoute = Math.ceil(CASES / routes.length);
    let tried = 0;
    let refusedByClient = 0;
    const statuses = {};
    for (const [routeName, arbitrary] of routes) {
      const cases = fc.sample(arbitrary, { numRuns: perRoute, seed: seed + routeName.length * 7919 + routeName.charCodeAt(0) });
      let next = 0;
      const worker = async () => {
        while (next < cases.length) {
          const i = next++;
          if (await runCase(cases[i], tried + i)) tried++;
          else refusedByClient++;
        }
      };
      const before = tally.passed + tally.failed;
      const started = performance.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      statuses[routeName] = `${tally.passed + tally.failed - before} (${((performance.now() - started) / 1000).toFixed(1)} s)`;
    }
    console.log(
      `  cases per route: ${Object.entries(statuses)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );

    // After the run: every stored row must still be valid.
    const integrity = await storedRowsDefects(server.db, s, server.consultations, everHidden);
    const documents = await documentRowsDefects(server.db, { ...(await loadTs('src/core/text-rules.ts')), VOTE_CHOICES: s.VOTE_CHOICES });
    integrity.defects.push(...documents.defects);
    Object.assign(integrity.counts, documents.counts);
    integrity.checked += Object.values(documents.counts).reduce((a, b) => a + b, 0);
    for (const [what, defect] of integrity.defects) tally.check(`stored ${what}`, defect);
    tally.check('stored rows were checked', integrity.checked > 0 ? null : 'nothing stored');
    console.log(
      `  stored rows re-validated: ${integrity.checked} (${Object.entries(integrity.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}), invalid: ${integrity.defects.length}`,
    );
    return tally.report({
      'cases tried': tried,
      'refused by the client before sending': refusedByClient,
      'failures (5xx, bad problem, bad shape, invalid row)': tally.failed,
    });
  } finally {
    await server.close();
  }
}

/** Re-validates every stored proposal, event, vote, registration and report against the shared rules. */
/** Percent-encodes a path segment; a lone surrogate becomes the (invalid UTF-8) bytes ED A0 80. */
function encodePart(text) {
  return text
    .split(/([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/)
    .map((piece, i) => (i % 2 ? '%ED%A0%80' : encodeURIComponent(piece)))
    .join('');
}

export async function storedRowsDefects(db, s, consultations, everHidden = new Set()) {
  const { validateProposalDraft, validateEventProposal, validateRegistration } = await loadTs('src/core/validate.ts');
  const { toProposal, PROPOSAL_SELECT } = await loadTs('server/store/proposals.ts');
  const { toEvent, EVENT_SELECT } = await loadTs('server/store/events.ts');
  const { VOTE_CHOICES } = s;
  const defects = [];
  const counts = { proposals: 0, events: 0, votes: 0, registrations: 0, reports: 0, comments: 0 };
  const consultationOf = (id) => consultations.get(id);

  for (const row of await db.query(`${PROPOSAL_SELECT} ORDER BY p.id`)) {
    counts.proposals++;
    const consultation = consultationOf(row.consultation_id);
    if (!consultation) {
      defects.push([`proposal ${row.id}`, `belongs to no consultation (${row.consultation_id})`]);
      continue;
    }
    const proposal = toProposal(consultation, row, Date.now());
    const shape = s.Proposal.safeParse(proposal);
    if (!shape.success) defects.push([`proposal ${row.id}`, `not a Proposal: ${shape.error.issues[0].message}`]);
    if (row.participant_id) {
      // Written through the API: it must pass the rules the form and the server share.
      const errors = validateProposalDraft(consultation, {
        title: row.title,
        body: row.body,
        categoryId: row.category_id,
        extra: row.extra,
        authorName: row.author_name ?? '',
        email: row.author_email ?? '',
        consent: true,
      });
      if (errors.length) defects.push([`proposal ${row.id}`, errors.map((e) => `${e.field} ${e.code}`).join(', ')]);
      if (/\u0000/.test(row.title + row.body)) defects.push([`proposal ${row.id}`, 'contains NUL']);
    }
  }
  for (const row of await db.query(`${EVENT_SELECT} ORDER BY e.id`)) {
    counts.events++;
    const consultation = consultationOf(row.consultation_id);
    const event = toEvent(row);
    const shape = s.ConsultationEvent.safeParse(event);
    if (!shape.success)
      defects.push([
        `event ${row.id}`,
        `not a ConsultationEvent: ${shape.error.issues[0].message} at ${shape.error.issues[0].path.join('.')}`,
      ]);
    if (row.participant_id) {
      const createdAt = row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at));
      const errors = validateEventProposal(
        consultation,
        {
          title: row.title,
          format: row.format,
          description: row.description,
          startsAt: event.startsAt,
          endsAt: event.endsAt,
          mode: row.mode,
          address: row.address ?? undefined,
          onlineUrl: row.online_url ?? undefined,
          capacity: row.capacity,
          organiserName: row.organiser_name,
          organiserEmail: row.organiser_email ?? '',
          consent: true,
        },
        new Date(createdAt.getTime() - 60_000),
      );
      if (errors.length) defects.push([`event ${row.id}`, errors.map((e) => `${e.field} ${e.code}`).join(', ')]);
    }
    if (row.capacity !== null && row.registered > row.capacity)
      defects.push([`event ${row.id}`, `${row.registered} registered for ${row.capacity} seats`]);
  }
  const votes = await db.query(
    'SELECT v.*, p.consultation_id AS proposal_consultation, p.status AS proposal_status FROM votes v JOIN proposals p ON p.id = v.proposal_id',
  );
  // Only votes for published proposals count (API-CHANGES.md #10); each vote for a proposal hidden
  // during the run may have been released and spent again, so it allows one more.
  const perParticipant = new Map();
  const leeway = new Map();
  for (const vote of votes) {
    counts.votes++;
    const k0 = `${vote.participant_id}|${vote.consultation_id}`;
    if (everHidden.has(vote.proposal_id)) leeway.set(k0, (leeway.get(k0) ?? 0) + 1);
    const consultation = consultationOf(vote.consultation_id);
    if (vote.proposal_consultation !== vote.consultation_id)
      defects.push([`vote ${vote.participant_id}/${vote.proposal_id}`, 'counted in another consultation than its proposal']);
    if (!consultation || !VOTE_CHOICES[consultation.settings.voteModel].includes(vote.choice))
      defects.push([`vote ${vote.participant_id}/${vote.proposal_id}`, `choice ${vote.choice} not of the vote model`]);
    if (vote.proposal_status === 'published') perParticipant.set(k0, (perParticipant.get(k0) ?? 0) + 1);
  }
  for (const [k, n] of perParticipant) {
    const limit = consultationOf(k.split('|')[1])?.settings.votesPerParticipant;
    if (limit != null && n > limit + (leeway.get(k) ?? 0)) defects.push([`votes of ${k}`, `${n} votes for a limit of ${limit}`]);
  }
  for (const row of await db.query('SELECT * FROM registrations')) {
    counts.registrations++;
    const errors = validateRegistration({ name: row.name, email: row.email, consent: true });
    if (errors.length)
      defects.push([`registration ${row.event_id}/${row.participant_id}`, errors.map((e) => `${e.field} ${e.code}`).join(', ')]);
  }
  for (const row of await db.query('SELECT * FROM reports')) {
    counts.reports++;
    if (row.reason.length > 1000) defects.push([`report ${row.id}`, 'reason longer than 1000 characters']);
  }
  counts.comments = await commentDefects(db, consultationOf, defects);
  const checked = Object.values(counts).reduce((a, b) => a + b, 0);
  return { defects, counts, checked };
}

/** Comments (issue 20): one reply level, a target of the allowed forms, what participants wrote passes the shared rules, no helpful vote on one's own. */
async function commentDefects(db, consultationOf, defects) {
  const { validateComment, COMMENT_TARGET } = await loadTs('src/core/comment-rules.ts');
  const rows = await db.query(
    'SELECT c.*, p.parent_id AS grandparent_id, p.target AS parent_target FROM comments c LEFT JOIN comments p ON p.id = c.parent_id',
  );
  for (const row of rows) {
    const what = `comment ${row.id}`;
    if (row.grandparent_id) defects.push([what, 'a reply deeper than one level']);
    if (row.parent_id && row.parent_target !== row.target) defects.push([what, 'a reply on another target than its thread']);
    if (!COMMENT_TARGET.test(row.target)) defects.push([what, `target ${row.target} is not of an allowed form`]);
    if (/\u0000/.test(row.body + (row.author_name ?? ''))) defects.push([what, 'contains NUL']);
    if (row.participant_id && row.status !== 'deleted') {
      const input = { body: row.body, stance: row.stance, authorName: row.author_name ?? '' };
      const errors = validateComment(consultationOf(row.consultation_id), input, !!row.parent_id);
      if (errors.length) defects.push([what, errors.map((e) => `${e.field} ${e.code}`).join(', ')]);
    }
  }
  const own = await db.query(
    'SELECT h.comment_id FROM comment_helpful h JOIN comments c ON c.id = h.comment_id WHERE h.participant_id = c.participant_id',
  );
  for (const row of own) defects.push([`comment ${row.comment_id}`, 'marked helpful by its own author']);
  return rows.length;
}

/** The clock, participants (anonymous tokens and host-signed identities), consultations and participation. */
import type { Hono } from 'hono';
import { compactVerify, errors as joseErrors, jwtVerify } from 'jose';
import type { SigningKeyRecord } from '../setup/config.js';
import type { AppContext, Env } from '../context.js';
import { IdentityInput } from '../api-schemas.js';
import { bearer, currentParticipant, throttle } from '../http/auth.js';
import { readJson } from '../http/body.js';
import { CACHE, cachedJson } from '../http/cache.js';
import { idempotencyKey, keyedWrite, openWithKey, sealWithKey } from '../http/idempotency.js';
import { sha256 } from '../store/ids.js';
import { fail } from '../http/problem.js';
import { rateWait } from '../http/rate-limit.js';
import { createParticipant, issueToken, participantByToken, verifiedParticipant } from '../store/participants.js';
import { participation } from '../store/votes.js';
import { fingerprint, written } from './helpers.js';
import { LIVE_ID_HEADER, LIVE_ID_DOC } from '../live/routes.js';
import { C, type RouteDoc } from '../openapi/route-doc.js';
import { BODY_RULES } from '../openapi/body-rules.js';

/** A replay of POST /participants is possible for 5 minutes (a retry after a lost answer), then never. */
export const PARTICIPANT_KEY_LIFE_MS = 5 * 60_000;
export const PARTICIPANT_KEY_MIN_LENGTH = 16;

/** The live key whose signature matches (else the newest, which then fails verification). */
async function keyFor(keys: SigningKeyRecord[], jwt: string, alg: string | undefined): Promise<Uint8Array> {
  if (alg === 'HS256') {
    for (const k of keys) {
      if (
        await compactVerify(jwt, k.key, { algorithms: ['HS256'] }).then(
          () => true,
          () => false,
        )
      )
        return k.key;
    }
  }
  return keys[0]?.key ?? new Uint8Array(32);
}

export function participantRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.get('/time', (c) => {
    c.header('cache-control', CACHE.none);
    return c.json({ now: new Date(ctx.now()).toISOString() });
  });

  app.post('/participants', async (c) => {
    const ip = ctx.clientIp(c);
    throttle(await rateWait(ctx.db, ctx.now(), [[ctx.newParticipants, ip]]));
    // The key guards a credential for its short life: long enough not to be guessed.
    const key = idempotencyKey(c, PARTICIPANT_KEY_MIN_LENGTH);
    // A replay within PARTICIPANT_KEY_LIFE_MS gives the first answer, the same token: it is stored
    // sealed under the key (and the key itself only hashed), so the database holds nothing usable.
    // Past that life the key is spent: it never mints a token for the first participant again.
    const outcome = await keyedWrite(
      ctx.db,
      `ip:${ip}`,
      key && sha256(key),
      fingerprint(c),
      async (tx) => {
        const participant = await createParticipant(tx);
        const token = await issueToken(tx, participant.id);
        return { status: 201, body: { token: key ? sealWithKey(token, key) : token, participant } };
      },
      { now: ctx.now(), lifeMs: PARTICIPANT_KEY_LIFE_MS },
    );
    const { token, participant } = outcome.body as { token: string; participant: unknown };
    return written(c, { ...outcome, body: { token: key ? openWithKey(token, key) : token, participant } });
  });

  app.post('/consultations/:id/identity', async (c) => {
    const loaded = ctx.consultation(c.req.param('id'));
    throttle(await rateWait(ctx.db, ctx.now(), [[ctx.newParticipants, ctx.clientIp(c)]]));
    idempotencyKey(c); // Validated only: signing in twice gives the same participant anyway.
    if (!loaded.identity) fail('forbidden', 'This consultation does not accept signed identities');
    const { data } = await readJson(c, IdentityInput, ctx.limits.jsonDepth);
    const { keys, issuer, audience } = loaded.identity;
    let claims: { sub?: string; name?: unknown };
    try {
      // The newest key first; an older one until it retires (rotation with overlap, issue 19).
      const live = keys.filter((k) => k.retiresAt === null || Date.parse(k.retiresAt) > ctx.now());
      ({ payload: claims } = await jwtVerify(data.assertion, (header) => keyFor(live, data.assertion, header.alg), {
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'exp'],
        currentDate: new Date(ctx.now()),
        ...(issuer ? { issuer } : {}),
        ...(audience ? { audience } : {}),
      }));
    } catch (error) {
      const reason =
        error instanceof joseErrors.JWTExpired
          ? 'it has expired'
          : error instanceof joseErrors.JOSEError
            ? error.code
            : 'it cannot be read';
      fail('unauthorized', 'The identity assertion is not valid', { detail: `The assertion was refused: ${reason}` });
    }
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 80) : null;
    const token = bearer(c);
    const anonymous = token ? await participantByToken(ctx.db, token) : null;
    const result = await ctx.db.transaction(async (tx) => {
      const participant = await verifiedParticipant(
        tx,
        loaded.consultation.id,
        String(claims.sub).slice(0, 200),
        name,
        anonymous?.id ?? null,
      );
      return { token: await issueToken(tx, participant.id), participant };
    });
    c.header('cache-control', CACHE.none);
    return c.json(result, 200);
  });

  // Organisers edit it in the console (issue 19): browsers revalidate at every load (ETag), a shared cache keeps it 5 s.
  // With the live position (`X-Live-Id`, issue 23): the page's first stream resumes after it (server/live/routes.ts).
  app.get('/consultations/:id', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    c.header(LIVE_ID_HEADER, String(await ctx.live.position(consultation.id)));
    return cachedJson(c, consultation, CACHE.live);
  });

  app.get('/consultations/:id/participation', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const participant = await currentParticipant(ctx, c);
    return cachedJson(c, await participation(ctx.db, consultation, participant), CACHE.personal);
  });
}

/** The OpenAPI description of these routes (server/openapi/document.ts). */
export const PARTICIPANT_DOCS: RouteDoc[] = [
  {
    id: 'getServerTime',
    method: 'get',
    path: '/time',
    tag: 'Consultations',
    summary: 'The server clock',
    description: 'Countdowns correct the visitor’s clock with it. Never cached.',
    auth: 'none',
    ok: { status: 200, description: 'Now, on the server', schema: 'ServerTime' },
    refusals: {},
  },
  {
    id: 'createParticipant',
    method: 'post',
    path: '/participants',
    tag: 'Participants',
    summary: 'Get an anonymous participant token',
    description:
      'No cookies anywhere: keep the token (the rest backend uses localStorage) and send it as `Authorization: Bearer <token>`. The server keeps only a hash of it. A retry with the same Idempotency-Key within 5 minutes returns the first answer, the same token.',
    auth: 'none',
    ok: { status: 201, description: 'A new participant and its token', schema: 'ParticipantToken' },
    refusals: { 'rate-limited': 'too many new participants from this address in a minute' },
    write: true,
  },
  {
    id: 'signInWithIdentity',
    method: 'post',
    path: `${C}/identity`,
    tag: 'Participants',
    summary: 'Sign in with a host-signed identity',
    description:
      'The host site (a CMS with logged-in users) signs a JWT (HS256) with the consultation’s key. With an anonymous token in Authorization, that participant becomes the verified one and keeps its votes, unless the subject already has a participant. The Idempotency-Key is checked but nothing is stored: signing in twice gives the same participant anyway.',
    auth: 'optional-participant',
    body: 'IdentityInput',
    bodyRules: BODY_RULES.identity,
    ok: { status: 200, description: 'The verified participant and a token', schema: 'ParticipantToken' },
    refusals: {
      unauthorized: 'the assertion is invalid, expired or not signed with the consultation’s key',
      forbidden: 'the consultation takes no signed identities',
      'rate-limited': 'too many sign-ins from this address in a minute',
    },
    write: true,
  },
  {
    id: 'getConsultation',
    method: 'get',
    path: C,
    tag: 'Consultations',
    summary: 'A consultation: phases, categories, settings',
    description:
      'Its `settings` hold the rules every write of this consultation follows (phases, vote model and limit, form rules, event formats).',
    auth: 'none',
    ok: { status: 200, description: 'The consultation', schema: 'Consultation', headers: LIVE_ID_DOC },
    refusals: {},
    cached: true,
  },
  {
    id: 'getParticipation',
    method: 'get',
    path: `${C}/participation`,
    tag: 'Participants',
    summary: 'The current participant’s votes, votes left and registrations',
    description: 'Without a token: an empty participation. Votes for proposals that moderators hid are not listed and cost nothing.',
    auth: 'optional-participant',
    ok: { status: 200, description: 'The participation', schema: 'Participation' },
    refusals: { unauthorized: 'a participant token the server does not know' },
    cached: true,
  },
];

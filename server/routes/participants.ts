/** The clock, participants (anonymous tokens and host-signed identities), consultations and participation. */
import type { Hono } from 'hono';
import { errors as joseErrors, jwtVerify } from 'jose';
import type { AppContext, Env } from '../context.js';
import { IdentityInput } from '../api-schemas.js';
import { bearer, currentParticipant, throttle } from '../http/auth.js';
import { readJson } from '../http/body.js';
import { CACHE, cachedJson } from '../http/cache.js';
import { idempotencyKey, keyedWrite } from '../http/idempotency.js';
import { fail } from '../http/problem.js';
import { rateWait } from '../http/rate-limit.js';
import { createParticipant, issueToken, participantById, participantByToken, verifiedParticipant } from '../store/participants.js';
import { participation } from '../store/votes.js';
import { fingerprint, written } from './helpers.js';

export function participantRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.get('/time', (c) => {
    c.header('cache-control', CACHE.none);
    return c.json({ now: new Date(ctx.now()).toISOString() });
  });

  app.post('/participants', async (c) => {
    const ip = ctx.clientIp(c);
    throttle(await rateWait(ctx.db, ctx.now(), [[ctx.newParticipants, ip]]));
    const key = idempotencyKey(c);
    // The stored answer holds the participant id, never a token: a replay gets a fresh token for the
    // same participant, so nothing usable is ever kept in clear.
    const outcome = await keyedWrite(ctx.db, `ip:${ip}`, key, fingerprint(c), async (tx) => {
      const participant = await createParticipant(tx);
      return { status: 201, body: { participantId: participant.id } };
    });
    const participant = await participantById(ctx.db, (outcome.body as { participantId: string }).participantId);
    if (!participant) fail('server', 'The participant has disappeared');
    const token = await issueToken(ctx.db, participant.id);
    return written(c, { ...outcome, body: { token, participant } });
  });

  app.post('/consultations/:id/identity', async (c) => {
    const loaded = ctx.consultation(c.req.param('id'));
    throttle(await rateWait(ctx.db, ctx.now(), [[ctx.newParticipants, ctx.clientIp(c)]]));
    idempotencyKey(c); // Validated only: signing in twice gives the same participant anyway.
    if (!loaded.identity) fail('forbidden', 'This consultation does not accept signed identities');
    const { data } = await readJson(c, IdentityInput, ctx.limits.jsonDepth);
    const { key, issuer, audience } = loaded.identity;
    let claims: { sub?: string; name?: unknown };
    try {
      ({ payload: claims } = await jwtVerify(data.assertion, key, {
        algorithms: ['HS256'], requiredClaims: ['sub', 'exp'], currentDate: new Date(ctx.now()), ...(issuer ? { issuer } : {}), ...(audience ? { audience } : {}),
      }));
    } catch (error) {
      const reason = error instanceof joseErrors.JWTExpired ? 'it has expired' : error instanceof joseErrors.JOSEError ? error.code : 'it cannot be read';
      fail('unauthorized', 'The identity assertion is not valid', { detail: `The assertion was refused: ${reason}` });
    }
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 80) : null;
    const token = bearer(c);
    const anonymous = token ? await participantByToken(ctx.db, token) : null;
    const result = await ctx.db.transaction(async (tx) => {
      const participant = await verifiedParticipant(tx, loaded.consultation.id, String(claims.sub).slice(0, 200), name, anonymous?.id ?? null);
      return { token: await issueToken(tx, participant.id), participant };
    });
    c.header('cache-control', CACHE.none);
    return c.json(result, 200);
  });

  app.get('/consultations/:id', (c) => cachedJson(c, ctx.consultation(c.req.param('id')).consultation, CACHE.config));

  app.get('/consultations/:id/participation', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const participant = await currentParticipant(ctx, c);
    return cachedJson(c, await participation(ctx.db, consultation, participant), CACHE.personal);
  });
}

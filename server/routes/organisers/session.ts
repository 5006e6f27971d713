/**
 * Signing in and out: the first admin (one-time setup token), sign-in by e-mail and password
 * (throttled per account and per address, one generic error), the session, sign-out and sign-out everywhere.
 */
import type { Hono } from 'hono';
import { SetupInput, SignInInput } from '../../../src/core/organisers.js';
import type { AppContext, Env } from '../../context.js';
import { readJson } from '../../http/body.js';
import { throttle } from '../../http/auth.js';
import { fail } from '../../http/problem.js';
import { useSetupToken } from '../../store/admin-tokens.js';
import { audit } from '../../store/audit.js';
import { countOrganisers, createOrganiser, organiserByEmail, publicOrganiser } from '../../store/organisers.js';
import { hashPassword, verifyPassword } from '../../store/passwords.js';
import { clearAccountFailures, closeAllSessions, closeSession, recordFailure, signInWait } from '../../store/sessions.js';
import { caller, clearSessionCookie, sessionBody, startSession } from './access.js';

export function sessionRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.post('/admin/setup', async (c) => {
    c.header('cache-control', 'no-store');
    const { data } = await readJson(c, SetupInput, ctx.limits.jsonDepth);
    const passwordHash = await hashPassword(data.password, ctx.passwordParams);
    const organiser = await ctx.db.transaction(async (tx) => {
      if ((await countOrganisers(tx)) > 0 || !(await useSetupToken(tx, data.setupToken))) return null;
      const created = (await createOrganiser(
        tx,
        { email: data.email, displayName: data.displayName, passwordHash, roles: [{ consultationId: '*', role: 'admin' }] },
        ctx.now(),
      ))!;
      await audit(tx, { ref: 'setup', name: 'setup' }, ctx.now(), {
        action: 'organiser.create',
        target: `organiser:${created.id}`,
        details: { email: created.email, roles: created.roles },
      });
      return created;
    });
    if (!organiser)
      fail('forbidden', 'Setup is closed or the setup token is wrong', {
        detail: 'The first admin exists already, or restart the server for a new setup token',
      });
    return c.json(publicOrganiser(organiser), 201);
  });

  app.post('/admin/session', async (c) => {
    c.header('cache-control', 'no-store');
    const { data } = await readJson(c, SignInInput, ctx.limits.jsonDepth);
    const keys = { account: data.email.trim().toLowerCase(), address: ctx.clientIp(c) };
    const now = ctx.now();
    throttle(await signInWait(ctx.db, keys, now, ctx.sessionPolicy));
    const organiser = await organiserByEmail(ctx.db, keys.account);
    // Always one hash, known account or not: the time taken does not tell which.
    const ok = await verifyPassword(data.password, organiser?.passwordHash ?? null, ctx.passwordParams);
    if (!organiser || !ok) {
      await recordFailure(ctx.db, keys, now, ctx.sessionPolicy);
      fail('unauthorized', 'Wrong e-mail or password');
    }
    await clearAccountFailures(ctx.db, keys.account);
    return c.json(await startSession(ctx, c, organiser, { method: 'password' }), 200);
  });

  app.get('/admin/session', async (c) => {
    const who = await caller(ctx, c);
    if (who.kind !== 'organiser') fail('unauthorized', 'Sign in as an organiser', { detail: 'The admin token has no session' });
    return c.json(sessionBody(ctx, who.organiser, who.session));
  });

  app.delete('/admin/session', async (c) => {
    const who = await caller(ctx, c);
    if (who.kind !== 'organiser') fail('unauthorized', 'Sign in as an organiser');
    await closeSession(ctx.db, who.token);
    await audit(ctx.db, who.actor, ctx.now(), { action: 'session.sign-out' });
    clearSessionCookie(ctx, c);
    return c.body(null, 204);
  });

  app.delete('/admin/sessions', async (c) => {
    const who = await caller(ctx, c);
    if (who.kind !== 'organiser') fail('unauthorized', 'Sign in as an organiser');
    const closed = await closeAllSessions(ctx.db, who.organiser.id);
    await audit(ctx.db, who.actor, ctx.now(), { action: 'session.sign-out-everywhere', details: { sessions: closed } });
    clearSessionCookie(ctx, c);
    return c.body(null, 204);
  });
}

/**
 * Who is calling an organiser route: an organiser by session cookie, or the automation token
 * (`Authorization: Bearer`). Writes with a cookie need the session's CSRF token in `X-CSRF-Token`
 * (on top of SameSite=Strict and the same-origin rule every /api/v1/admin route has, see http/cors.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { OrganiserRole, OrganiserSession } from '../../../src/core/organisers.js';
import type { AppContext, Env } from '../../context.js';
import { bearer } from '../../http/auth.js';
import { fail } from '../../http/problem.js';
import { isAdminToken } from '../../store/admin-tokens.js';
import { audit, type Actor } from '../../store/audit.js';
import { organiserById, publicOrganiser, roleOn, type OrganiserRecord } from '../../store/organisers.js';
import { closeSession, openSession, useSession, type SessionRecord } from '../../store/sessions.js';

export type Caller =
  { kind: 'token'; actor: Actor } | { kind: 'organiser'; actor: Actor; organiser: OrganiserRecord; session: SessionRecord; token: string };

const secure = (ctx: AppContext, c: Context<Env>) => ctx.ownOrigin(c).startsWith('https:');
/** `__Host-` (Secure, Path=/, no Domain) under HTTPS; browsers refuse that prefix over plain HTTP. */
export const cookieName = (ctx: AppContext, c: Context<Env>) => (secure(ctx, c) ? '__Host-pgo-organiser' : 'pgo-organiser');

export function setSessionCookie(ctx: AppContext, c: Context<Env>, token: string): void {
  setCookie(c, cookieName(ctx, c), token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: secure(ctx, c),
    path: '/',
    maxAge: Math.floor(ctx.sessionPolicy.absoluteMs / 1000),
  });
}

export function clearSessionCookie(ctx: AppContext, c: Context<Env>): void {
  deleteCookie(c, cookieName(ctx, c), { path: '/', secure: secure(ctx, c), httpOnly: true, sameSite: 'Strict' });
}

export function sessionToken(ctx: AppContext, c: Context<Env>): string | undefined {
  return getCookie(c, cookieName(ctx, c));
}

/** Requests whose cookie named an ended session: the answer (error or not) deletes the cookie. */
const endedCookie = new WeakSet<Request>();

/** Mounted on /admin/*: runs after the answer is made, errors included (Hono sets c.res from onError). */
export function clearEndedCookies(ctx: AppContext): MiddlewareHandler<Env> {
  return async (c, next) => {
    await next();
    if (endedCookie.has(c.req.raw))
      c.res.headers.append(
        'set-cookie',
        `${cookieName(ctx, c)}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict${secure(ctx, c) ? '; Secure' : ''}`,
      );
  };
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The caller, or 401; a cookie write without the right CSRF token, 403. */
export async function caller(ctx: AppContext, c: Context<Env>): Promise<Caller> {
  c.header('cache-control', 'no-store');
  const token = bearer(c);
  if (token) {
    if (await isAdminToken(ctx.db, token, ctx.adminToken)) return { kind: 'token', actor: { ref: 'token', name: 'automation token' } };
    fail('unauthorized', 'Sign in as an organiser', { detail: 'This bearer token is not the admin token' });
  }
  const cookie = sessionToken(ctx, c);
  const session = cookie ? await useSession(ctx.db, cookie, ctx.now(), ctx.sessionPolicy) : null;
  const organiser = session ? await organiserById(ctx.db, session.organiserId) : null;
  if (!session || !organiser || !cookie) {
    if (cookie) endedCookie.add(c.req.raw);
    fail('unauthorized', 'Sign in as an organiser', { detail: cookie ? 'The session has ended' : 'No session' });
  }
  if (!['GET', 'HEAD'].includes(c.req.method) && !sameText(c.req.header('x-csrf-token') ?? '', session.csrfToken)) {
    fail('forbidden', 'Missing or wrong CSRF token', { detail: 'Send the csrfToken of GET /api/v1/admin/session as X-CSRF-Token' });
  }
  return { kind: 'organiser', actor: { ref: `organiser:${organiser.id}`, name: organiser.displayName }, organiser, session, token: cookie };
}

/** 403 unless the caller holds `role` (admin includes moderator) on the consultation; `*`: every one. */
export function requireRole(who: Caller, consultationId: string, role: OrganiserRole): void {
  if (who.kind === 'token') return;
  const held = roleOn(who.organiser, consultationId);
  const ok =
    consultationId === '*'
      ? who.organiser.roles.some((g) => g.consultationId === '*' && (g.role === 'admin' || role === 'moderator'))
      : held === 'admin' || (held === 'moderator' && role === 'moderator');
  if (!ok) fail('forbidden', role === 'admin' ? 'Only an admin of this consultation may do this' : 'You do not moderate this consultation');
}

export function sessionBody(
  ctx: AppContext,
  organiser: OrganiserRecord,
  session: Pick<SessionRecord, 'csrfToken' | 'createdAt' | 'lastSeenAt'>,
): OrganiserSession {
  return {
    organiser: publicOrganiser(organiser),
    csrfToken: session.csrfToken,
    idleExpiresAt: new Date(session.lastSeenAt + ctx.sessionPolicy.idleMs).toISOString(),
    expiresAt: new Date(session.createdAt + ctx.sessionPolicy.absoluteMs).toISOString(),
  };
}

/**
 * Opens a session for an organiser who proved who they are (password or OpenID Connect): whatever session the
 * browser brought ends and a fresh id is issued (no fixation); audited with how they signed in.
 */
export async function startSession(
  ctx: AppContext,
  c: Context<Env>,
  organiser: OrganiserRecord,
  details: Record<string, string>,
): Promise<OrganiserSession> {
  const now = ctx.now();
  const previous = sessionToken(ctx, c);
  if (previous) await closeSession(ctx.db, previous);
  const { token, csrfToken } = await openSession(ctx.db, organiser.id, now);
  await audit(ctx.db, { ref: `organiser:${organiser.id}`, name: organiser.displayName }, now, { action: 'session.sign-in', details });
  setSessionCookie(ctx, c, token);
  return sessionBody(ctx, organiser, { csrfToken, createdAt: now, lastSeenAt: now });
}

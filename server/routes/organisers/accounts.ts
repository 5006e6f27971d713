/**
 * Organiser accounts (server admins: a role `admin` on `*`, or the automation token): list, create,
 * roles, password reset (ends the account's sessions), and rotating the automation token.
 */
import type { Hono } from 'hono';
import { OrganiserInput, PasswordInput, RolesInput, type RoleGrant } from '../../../src/core/organisers.js';
import type { AppContext, Env } from '../../context.js';
import { readJson } from '../../http/body.js';
import { fail } from '../../http/problem.js';
import { rotateAdminToken } from '../../store/admin-tokens.js';
import { audit } from '../../store/audit.js';
import { createOrganiser, listOrganisers, organiserById, publicOrganiser, setPasswordHash, setRoles } from '../../store/organisers.js';
import { hashPassword } from '../../store/passwords.js';
import { closeAllSessions } from '../../store/sessions.js';
import { caller, requireRole } from './access.js';

export function accountRoutes(app: Hono<Env>, ctx: AppContext): void {
  const serverAdmin = async (c: Parameters<typeof caller>[1]) => {
    const who = await caller(ctx, c);
    requireRole(who, '*', 'admin');
    return who;
  };
  const checkGrants = (roles: RoleGrant[]) => {
    const unknown = roles.findIndex((g) => g.consultationId !== '*' && !ctx.find(g.consultationId));
    if (unknown >= 0)
      fail('validation', 'Unknown consultation', {
        fieldErrors: [
          { field: `roles.${unknown}.consultationId`, code: 'invalid', message: `roles.${unknown}.consultationId: No such consultation` },
        ],
      });
  };

  app.get('/admin/organisers', async (c) => {
    await serverAdmin(c);
    return c.json({ organisers: (await listOrganisers(ctx.db)).map(publicOrganiser) });
  });

  app.post('/admin/organisers', async (c) => {
    const who = await serverAdmin(c);
    const { data } = await readJson(c, OrganiserInput, ctx.limits.jsonDepth);
    checkGrants(data.roles);
    const passwordHash = data.password ? await hashPassword(data.password, ctx.passwordParams) : null;
    const created = await ctx.db.transaction(async (tx) => {
      const organiser = await createOrganiser(
        tx,
        { email: data.email, displayName: data.displayName, passwordHash, roles: data.roles },
        ctx.now(),
      );
      if (organiser)
        await audit(tx, who.actor, ctx.now(), {
          action: 'organiser.create',
          target: `organiser:${organiser.id}`,
          details: { email: organiser.email, roles: organiser.roles },
        });
      return organiser;
    });
    if (!created)
      fail('conflict', 'An organiser has this e-mail already', {
        fieldErrors: [{ field: 'email', code: 'invalid', message: 'email: An organiser has this e-mail already' }],
      });
    return c.json(publicOrganiser(created), 201);
  });

  app.put('/admin/organisers/:organiserId/roles', async (c) => {
    const who = await serverAdmin(c);
    const { data } = await readJson(c, RolesInput, ctx.limits.jsonDepth);
    checkGrants(data.roles);
    const id = c.req.param('organiserId');
    const updated = await ctx.db.transaction(async (tx) => {
      if (!(await organiserById(tx, id))) return null;
      await setRoles(tx, id, data.roles);
      await audit(tx, who.actor, ctx.now(), { action: 'organiser.roles', target: `organiser:${id}`, details: { roles: data.roles } });
      return organiserById(tx, id);
    });
    if (!updated) fail('not-found', 'No such organiser');
    return c.json(publicOrganiser(updated));
  });

  app.put('/admin/organisers/:organiserId/password', async (c) => {
    const who = await serverAdmin(c);
    const { data } = await readJson(c, PasswordInput, ctx.limits.jsonDepth);
    const id = c.req.param('organiserId');
    const hash = await hashPassword(data.password, ctx.passwordParams);
    const done = await ctx.db.transaction(async (tx) => {
      if (!(await setPasswordHash(tx, id, hash))) return false;
      const sessions = await closeAllSessions(tx, id);
      await audit(tx, who.actor, ctx.now(), {
        action: 'organiser.password-reset',
        target: `organiser:${id}`,
        details: { sessionsEnded: sessions },
      });
      return true;
    });
    if (!done) fail('not-found', 'No such organiser');
    return c.body(null, 204);
  });

  app.post('/admin/token', async (c) => {
    const who = await serverAdmin(c);
    const token = await ctx.db.transaction(async (tx) => {
      const fresh = await rotateAdminToken(tx, ctx.adminToken, ctx.now());
      await audit(tx, who.actor, ctx.now(), { action: 'admin-token.rotate' });
      return fresh;
    });
    return c.json({ token }, 201);
  });
}

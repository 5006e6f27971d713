/**
 * Consultations set up in the console (issue 19): read and save one (its admins), create one and
 * import a JSON file (server admins), export it as that file, rotate its host-signing key. Saves are
 * validated by the shared schema and rules (src/core/consultation-edit.ts) and apply at once: the
 * public consultation document changes its ETag, widgets see it at their next load.
 */
import type { Context, Hono } from 'hono';
import {
  checkConsultation,
  ConsultationEdit,
  ConsultationSave,
  KeyRotationInput,
  type ConsultationAdmin,
} from '../../../src/core/consultation-edit.js';
import { validationError } from '../../../src/core/errors.js';
import type { AppContext, Env } from '../../context.js';
import { readJson } from '../../http/body.js';
import { fail } from '../../http/problem.js';
import { ConsultationFile, parseConsultationFile } from '../../setup/config.js';
import { recordChange } from '../../live/changes.js';
import { audit } from '../../store/audit.js';
import {
  ensureStored,
  loadedOf,
  publicKey,
  rotateKey,
  saveConsultation,
  storedConsultation,
  type StoredConsultation,
} from '../../store/consultations.js';
import { caller, requireRole } from './access.js';

/** A consultation document is deeper than a participant's body (extra fields' options). */
const DEPTH = 12;

function adminView(stored: StoredConsultation): ConsultationAdmin {
  return { ...stored.edit, revision: stored.revision, updatedAt: stored.updatedAt, keys: stored.keys.map(publicKey) };
}

/** The JSON file format (server/config/*.json): times absolute, no secret, no demo seed. */
export function exportFile(stored: StoredConsultation): ConsultationFile {
  const { consultation, allowedOrigins, moderation, identity } = stored.edit;
  return { consultation, allowedOrigins, moderation, ...(identity ? { identity } : {}) };
}

export function consultationRoutes(app: Hono<Env>, ctx: AppContext): void {
  /** The stored consultation (stored first if the server knew it only from its options). */
  const stored = async (id: string): Promise<StoredConsultation> => {
    const loaded = ctx.consultation(id);
    await ensureStored(ctx.db, loaded, ctx.now());
    const found = await storedConsultation(ctx.db, id);
    if (!found) fail('not-found', `No consultation “${id}”`);
    return found;
  };
  const admin = async (c: Context<Env>) => {
    const who = await caller(ctx, c);
    const id = ctx.consultation(c.req.param('id') ?? '').consultation.id;
    requireRole(who, id, 'admin');
    return { who, id };
  };
  const checked = <T extends ConsultationEdit>(edit: T): T => {
    const errors = checkConsultation(edit);
    if (errors.length) throw validationError(errors);
    return edit;
  };
  /** Saves, serves the new version at once, audits. */
  const save = async (edit: ConsultationEdit, revision: number | null, actor: Parameters<typeof audit>[1], action: string) => {
    const id = edit.consultation.id;
    const saved = await ctx.db.transaction(async (tx) => {
      const next = await saveConsultation(tx, edit, revision, ctx.now());
      if (next !== null) {
        await audit(tx, actor, ctx.now(), { action, consultationId: id, target: `consultation:${id}`, details: { revision: next } });
        // Open pages reload the consultation (a phase moved: the countdown follows), issue 23's streams.
        await recordChange(tx, id, 'consultation', 'consultation', null);
      }
      return next;
    });
    if (saved === null) {
      fail('conflict', revision === null ? 'A consultation has this id already' : 'Someone saved this consultation in the meantime', {
        detail: revision === null ? 'Choose another id' : 'Reload it, then make your changes again',
      });
    }
    return serveNow(id);
  };
  /** Reads back what was saved and serves it at once in this process. */
  const serveNow = async (id: string): Promise<StoredConsultation> => {
    const fresh = (await storedConsultation(ctx.db, id))!;
    ctx.replaceConsultation(loadedOf(fresh), fresh.revision);
    return fresh;
  };

  app.get('/admin/consultations/:id/settings', async (c) => {
    const { id } = await admin(c);
    return c.json(adminView(await stored(id)));
  });

  app.put('/admin/consultations/:id/settings', async (c) => {
    const { who, id } = await admin(c);
    const { data } = await readJson(c, ConsultationSave, DEPTH);
    if (data.consultation.id !== id) {
      throw validationError([
        { field: 'consultation.id', code: 'invalid', message: 'consultation.id: The id of a consultation cannot change' },
      ]);
    }
    await stored(id);
    const { revision, ...edit } = checked(data);
    return c.json(adminView(await save(edit, revision, who.actor, 'consultation.update')));
  });

  app.post('/admin/consultations', async (c) => {
    const who = await caller(ctx, c);
    requireRole(who, '*', 'admin');
    const { data } = await readJson(c, ConsultationEdit, DEPTH);
    if (ctx.find(data.consultation.id)) fail('conflict', 'A consultation has this id already', { detail: 'Choose another id' });
    return c.json(adminView(await save(checked(data), null, who.actor, 'consultation.create')), 201);
  });

  app.get('/admin/consultations/:id/export', async (c) => {
    const { id } = await admin(c);
    c.header('content-disposition', `attachment; filename="${id}.json"`);
    return c.json(exportFile(await stored(id)));
  });

  /** A file (server/config format; relative times resolved now): creates, or replaces every setting. */
  app.post('/admin/consultations/import', async (c) => {
    const who = await caller(ctx, c);
    requireRole(who, '*', 'admin');
    const { canonical } = await readJson(c, ConsultationFile, DEPTH);
    let loaded;
    try {
      loaded = parseConsultationFile(canonical, 'import', { now: ctx.now() });
    } catch (error) {
      const problems = (error as { problems?: string[] }).problems ?? [String(error)];
      throw validationError(
        problems.map((p) => {
          const [, field = '(root)', ...rest] = p.split(': ');
          return { field: field.replace(/\[(\d+)\]/g, '.$1'), code: 'invalid', message: `${field}: ${rest.join(': ')}` };
        }),
      );
    }
    const id = loaded.consultation.id;
    const existing = ctx.find(id) ? await stored(id) : null;
    const edit = {
      consultation: loaded.consultation,
      allowedOrigins: loaded.allowedOrigins,
      moderation: loaded.moderation,
      identity: loaded.identitySettings,
    };
    const saved = await save(edit, existing?.revision ?? null, who.actor, existing ? 'consultation.import-replace' : 'consultation.import');
    return c.json(adminView(saved), existing ? 200 : 201);
  });

  app.post('/admin/consultations/:id/keys', async (c) => {
    const { who, id } = await admin(c);
    const { data } = await readJson(c, KeyRotationInput, DEPTH);
    const current = await stored(id);
    if (!current.edit.identity)
      fail('conflict', 'This consultation takes no host-signed identities', { detail: 'Turn them on in its settings first' });
    const made = await ctx.db.transaction(async (tx) => {
      const rotation = await rotateKey(tx, id, data.overlapHours, ctx.now());
      await audit(tx, who.actor, ctx.now(), {
        action: 'consultation.key-rotate',
        consultationId: id,
        target: `consultation:${id}`,
        details: { key: rotation.key.id, overlapHours: data.overlapHours },
      });
      return rotation;
    });
    await serveNow(id);
    return c.json({ key: publicKey(made.key), secret: made.secret }, 201);
  });
}

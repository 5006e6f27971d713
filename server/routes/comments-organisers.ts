/**
 * Organisers in discussions (issue 20): a comment or a reply with the organiser badge, posted from the
 * console (session cookie + CSRF, or the automation token is refused: it is nobody), and the one pinned
 * comment per target. Hiding, restoring and approving go through the moderation queue like every kind.
 */
import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { validateComment } from '../../src/core/comment-rules.js';
import { CommentDraft } from '../../src/core/comments.js';
import { validationError } from '../../src/core/errors.js';
import type { AppContext, Env } from '../context.js';
import { readJson } from '../http/body.js';
import { fail } from '../http/problem.js';
import { audit } from '../store/audit.js';
import * as store from '../store/comments.js';
import { newId } from '../store/ids.js';
import { replyPlace, requireTarget } from './comments.js';
import { caller, requireRole } from './organisers/access.js';
import type { RouteDoc } from '../openapi/route-doc.js';

export const PinInput = z.object({ pinned: z.boolean() });

export function organiserCommentRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.post('/admin/consultations/:id/comments', async (c) => {
    const who = await caller(ctx, c);
    const { consultation } = ctx.consultation(c.req.param('id'));
    requireRole(who, consultation.id, 'moderator');
    if (who.kind !== 'organiser')
      fail('forbidden', 'Only an organiser signed in to the console writes comments', { detail: 'The automation token is nobody' });
    const { data: draft } = await readJson(c, CommentDraft, ctx.limits.jsonDepth);
    const comment = await ctx.db.transaction(async (tx) => {
      await requireTarget(tx, consultation.id, draft.target);
      const place = await replyPlace(tx, consultation.id, draft.target, draft.parentId);
      const errors = validateComment(consultation, draft, !!place.parentId);
      if (errors.length) throw validationError(errors);
      const id = newId('c');
      await store.insertComment(tx, {
        id,
        consultationId: consultation.id,
        target: draft.target,
        ...place,
        body: draft.body.trim(),
        stance: draft.stance ?? null,
        authorName: who.organiser.displayName,
        participantId: null,
        organiserId: who.organiser.id,
        status: 'published',
        at: ctx.now(),
      });
      await audit(tx, who.actor, ctx.now(), {
        action: 'comment.post',
        consultationId: consultation.id,
        target: `comment:${id}`,
        details: { on: draft.target },
      });
      return store.commentFor(tx, consultation.id, id, null);
    });
    return c.json({ comment, moderation: 'published' }, 201);
  });

  app.put('/admin/consultations/:id/comments/:commentId/pin', async (c) => {
    const who = await caller(ctx, c);
    const { consultation } = ctx.consultation(c.req.param('id'));
    requireRole(who, consultation.id, 'moderator');
    const { data } = await readJson(c, PinInput, ctx.limits.jsonDepth);
    const comment = await ctx.db.transaction(async (tx) => {
      const row = await store.lockComment(tx, consultation.id, c.req.param('commentId'));
      if (!row) fail('not-found', 'No such comment');
      if (data.pinned && (row.parent_id || row.status !== 'published'))
        fail('conflict', 'Only a published first-level comment can be pinned');
      await store.pin(tx, row, data.pinned);
      await audit(tx, who.actor, ctx.now(), {
        action: data.pinned ? 'comment.pin' : 'comment.unpin',
        consultationId: consultation.id,
        target: `comment:${row.id}`,
      });
      return store.commentFor(tx, consultation.id, row.id, null, true);
    });
    return c.json(comment);
  });
}

const A = '/admin/consultations/{id}/comments';
const DENIED = 'the organiser’s role does not allow this, or a cookie write without a valid `X-CSRF-Token`';

export const ORGANISER_COMMENT_DOCS: RouteDoc[] = [
  {
    id: 'postOrganiserComment',
    method: 'post',
    path: A,
    tag: 'Moderation',
    summary: 'Comment or reply as an organiser (badge)',
    description:
      'Published at once, with the organiser’s display name and the organiser badge; audited. Not with the automation token (it is nobody).',
    auth: 'organiser',
    body: 'CommentDraft',
    ok: { status: 201, description: 'The stored comment', schema: 'CommentReceipt' },
    refusals: {
      forbidden: `${DENIED}; the automation token`,
      validation: 'a field breaks a rule (`fieldErrors`)',
      'not-found': 'no such target or comment to reply to',
    },
  },
  {
    id: 'pinComment',
    method: 'put',
    path: `${A}/{commentId}/pin`,
    tag: 'Moderation',
    summary: 'Pin or unpin a comment',
    description:
      'One pinned comment per target (the database’s unique index): pinning one unpins the other. Only a published first-level comment; audited.',
    auth: 'organiser',
    body: 'PinInput',
    ok: { status: 200, description: 'The comment', schema: 'Comment' },
    refusals: {
      forbidden: DENIED,
      conflict: 'a reply, or a comment that is not published',
      'not-found': 'no such comment',
      validation: 'a field breaks its rule',
    },
  },
];

/**
 * Comments (issue 20): threads of a target, a thread's replies, one thread (a `#comment-ID` link), post,
 * edit, delete, "helpful", report. Organisers post with a badge and pin from their own routes
 * (comments-organisers.ts). Moderation decisions go through the one moderation queue (store/moderation.ts).
 */
import type { Context, Hono } from 'hono';
import { commentRules, commentWindow, parseTarget, statusAfterEdit, TARGET_FORMS, validateComment } from '../../src/core/comment-rules.js';
import { CommentDraft, CommentEdit, CommentQuery, CommentReport, ReplyQuery } from '../../src/core/comments.js';
import { validationError } from '../../src/core/errors.js';
import type { Consultation } from '../../src/core/schemas.js';
import type { AppContext, Env } from '../context.js';
import type { Queryable } from '../db/db.js';
import { currentParticipant } from '../http/auth.js';
import { parseWith } from '../http/body.js';
import { CACHE, cachedJson } from '../http/cache.js';
import { fail } from '../http/problem.js';
import * as store from '../store/comments.js';
import { newId } from '../store/ids.js';
import { participantWrite, queryObject } from './helpers.js';

/** The reader's participant id (null without a token, or with one the server no longer knows). */
async function viewer(ctx: AppContext, c: Context<Env>): Promise<string | null> {
  return (await currentParticipant(ctx, c).catch(() => null))?.id ?? null;
}

export function requireCommentsOpen(consultation: Consultation, now: number): void {
  const window = commentWindow(consultation, now);
  if (!window.open)
    fail(
      'closed',
      'The current phase does not accept comments',
      window.opensAt ? { detail: `Next open from ${window.opensAt.startsAt}` } : {},
    );
}

/** What a target names must exist in this consultation and be public; a section in some version of its document. */
const TARGET_EXISTS = {
  proposal: "SELECT 1 FROM proposals WHERE id = $1 AND consultation_id = $2 AND status = 'published'",
  event: "SELECT 1 FROM events WHERE id = $1 AND consultation_id = $2 AND moderation = 'approved'",
  amendment: "SELECT 1 FROM amendments WHERE id = $1 AND consultation_id = $2 AND moderation = 'published'",
  section: `SELECT 1 FROM documents d JOIN document_versions v ON v.document_id = d.id
    WHERE d.id = $3 AND d.consultation_id = $2 AND v.sections @> jsonb_build_array(jsonb_build_object('id', $1::text)) LIMIT 1`,
};

export async function requireTarget(q: Queryable, consultationId: string, target: string): Promise<void> {
  const parsed = parseTarget(target);
  if (!parsed) fail('validation', 'Unknown target', { fieldErrors: [{ field: 'target', code: 'invalid', message: TARGET_FORMS }] });
  const params = parsed.kind === 'section' ? [parsed.id, consultationId, parsed.documentId] : [parsed.id, consultationId];
  if (!(await q.query(TARGET_EXISTS[parsed.kind], params)).length) fail('not-found', `No such ${parsed.kind}`);
}

/** The comment a new one replies to: the thread it joins (`parentId`) and, for a reply to a reply, whom it answers. */
export async function replyPlace(
  q: Queryable,
  consultationId: string,
  target: string,
  parentId: string | null | undefined,
): Promise<{ parentId: string | null; replyToId: string | null }> {
  if (!parentId) return { parentId: null, replyToId: null };
  const parent = await store.lockComment(q, consultationId, parentId);
  if (!parent || parent.target !== target || parent.status === 'pending') fail('not-found', 'No such comment to reply to');
  return parent.parent_id ? { parentId: parent.parent_id, replyToId: parent.id } : { parentId: parent.id, replyToId: null };
}

export function commentRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.get('/consultations/:id/comments', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const query = parseWith(CommentQuery, queryObject(c));
    await requireTarget(ctx.db, consultation.id, query.target);
    const who = await viewer(ctx, c);
    return cachedJson(c, await store.listThreads(ctx.db, consultation.id, query.target, query, who), who ? CACHE.personal : CACHE.live);
  });

  app.get('/consultations/:id/comments/:commentId/replies', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const query = parseWith(ReplyQuery, queryObject(c));
    const who = await viewer(ctx, c);
    const root = await store.commentFor(ctx.db, consultation.id, c.req.param('commentId'), who);
    if (!root || root.parentId) fail('not-found', 'No such thread');
    return cachedJson(c, await store.listReplies(ctx.db, root.id, query, who), who ? CACHE.personal : CACHE.live);
  });

  app.get('/consultations/:id/comments/:commentId/thread', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const who = await viewer(ctx, c);
    const thread = await store.threadOf(ctx.db, consultation.id, c.req.param('commentId'), who);
    if (!thread) fail('not-found', 'No such comment');
    return cachedJson(c, thread, who ? CACHE.personal : CACHE.live);
  });

  app.post('/consultations/:id/comments', (c) =>
    participantWrite(ctx, c, CommentDraft, async ({ consultation, participant, input: draft, tx }) => {
      requireCommentsOpen(consultation, ctx.now());
      await requireTarget(tx, consultation.id, draft.target);
      const place = await replyPlace(tx, consultation.id, draft.target, draft.parentId);
      const errors = validateComment(consultation, draft, !!place.parentId);
      if (errors.length) throw validationError(errors);
      const pending = commentRules(consultation).moderation === 'pre';
      const id = newId('c');
      await store.insertComment(tx, {
        id,
        consultationId: consultation.id,
        target: draft.target,
        ...place,
        body: draft.body.trim(),
        stance: draft.stance ?? null,
        authorName: draft.authorName?.trim() || participant.displayName || null,
        participantId: participant.id,
        organiserId: null,
        status: pending ? 'pending' : 'published',
        at: ctx.now(),
      });
      const comment = await store.commentFor(tx, consultation.id, id, participant.id);
      return { status: 201, body: { comment, moderation: pending ? 'pending' : 'published' } };
    }),
  );

  /** The participant's own comment, locked, still theirs to change. */
  const own = async (tx: Queryable, consultationId: string, commentId: string, participantId: string) => {
    const row = await store.lockComment(tx, consultationId, commentId);
    if (!row) fail('not-found', 'No such comment');
    if (row.participant_id !== participantId) fail('forbidden', 'Only its author may change a comment');
    if (row.status === 'deleted' || row.status === 'hidden') fail('conflict', `This comment is ${row.status}`);
    return row;
  };

  app.put('/consultations/:id/comments/:commentId', (c) =>
    participantWrite(ctx, c, CommentEdit, async ({ consultation, participant, input, tx }) => {
      requireCommentsOpen(consultation, ctx.now());
      const row = await own(tx, consultation.id, c.req.param('commentId') ?? '', participant.id);
      const errors = validateComment(consultation, { body: input.body, stance: input.stance ?? null }, !!row.parent_id);
      if (errors.length) throw validationError(errors);
      await store.updateComment(tx, row, input.body.trim(), input.stance ?? null, statusAfterEdit(consultation, row.status), ctx.now());
      return { status: 200, body: await store.commentFor(tx, consultation.id, row.id, participant.id) };
    }),
  );

  app.delete('/consultations/:id/comments/:commentId', (c) =>
    participantWrite(ctx, c, null, async ({ consultation, participant, tx }) => {
      const row = await own(tx, consultation.id, c.req.param('commentId') ?? '', participant.id);
      await store.markDeleted(tx, row.id);
      // Without replies nothing is left to show others; the author's answer is the comment as deleted.
      return { status: 200, body: await store.commentFor(tx, consultation.id, row.id, participant.id, true) };
    }),
  );

  const helpful = (value: boolean) => (c: Context<Env>) =>
    participantWrite(ctx, c, null, async ({ consultation, participant, tx }) => {
      const row = await store.lockComment(tx, consultation.id, c.req.param('commentId') ?? '');
      if (!row) fail('not-found', 'No such comment');
      if (row.status !== 'published') fail('closed', `This comment is ${row.status}`);
      if (value && row.participant_id === participant.id) fail('forbidden', 'One’s own comment cannot be marked helpful');
      const count = await store.setHelpful(tx, row.id, participant.id, value);
      return { status: 200, body: { commentId: row.id, helpful: count, helpfulByMe: value } };
    });
  app.put('/consultations/:id/comments/:commentId/helpful', helpful(true));
  app.delete('/consultations/:id/comments/:commentId/helpful', helpful(false));

  app.post('/consultations/:id/comments/:commentId/reports', (c) =>
    participantWrite(ctx, c, CommentReport, async ({ consultation, participant, input, tx }) => {
      const row = await store.lockComment(tx, consultation.id, c.req.param('commentId') ?? '');
      if (!row || row.status !== 'published') fail('not-found', 'No such published comment');
      const reason = input.details?.trim() ? `${input.reason}: ${input.details.trim()}` : input.reason;
      await store.reportComment(tx, row, participant.id, reason, commentRules(consultation).hideAfterReports, ctx.now());
      return { status: 202, body: { received: true } };
    }),
  );
}

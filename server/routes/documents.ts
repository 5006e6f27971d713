/** Documents of the collaborative writing phase (issue 21): reading them, amending, voting on amendments. */
import type { Context, Hono } from 'hono';
import { VOTE_CHOICES, type Participant } from '../../src/core/schemas.js';
import { moderationMode } from '../../src/core/consultation-edit.js';
import { amendWindow } from '../../src/core/text-rules.js';
import { AmendmentDraft, AmendmentQuery, AmendmentVoteInput, type TextDocument } from '../../src/core/text.js';
import type { Consultation } from '../../src/core/schemas.js';
import type { AppContext, Env } from '../context.js';
import { currentParticipant } from '../http/auth.js';
import { parseWith } from '../http/body.js';
import { CACHE, cachedJson } from '../http/cache.js';
import { contentDisposition } from '../http/disposition.js';
import { fail } from '../http/problem.js';
import { insertAmendment, listAmendments, voteOnAmendment, withdrawAmendment } from '../store/amendments.js';
import { exportDocument } from '../store/documents-export.js';
import { documentRow, listDocuments, readDocument, versionOf } from '../store/documents.js';
import { participantWrite, queryObject } from './helpers.js';

async function optionalParticipant(ctx: AppContext, c: Context<Env>): Promise<Participant | null> {
  return currentParticipant(ctx, c).catch(() => null);
}

/** Amending and voting on amendments are open only in the document's phases; reading always. */
export function requireAmending(consultation: Consultation, doc: Pick<TextDocument, 'amendmentPhases'>, now: number): void {
  const window = amendWindow(consultation, doc, now);
  if (!window.open)
    fail(
      'closed',
      'The current phase does not accept amendments',
      window.opensAt ? { detail: `Next open from ${window.opensAt.startsAt}` } : {},
    );
}

export function documentRoutes(app: Hono<Env>, ctx: AppContext): void {
  const D = '/consultations/:id/documents/:documentId';

  app.get('/consultations/:id/documents', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    return cachedJson(c, { items: await listDocuments(ctx.db, consultation.id) }, CACHE.live);
  });

  app.get(D, async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    return cachedJson(c, await readDocument(ctx.db, consultation.id, c.req.param('documentId')), CACHE.live);
  });

  app.get(`${D}/versions/:number`, async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const number = Number(c.req.param('number'));
    if (!Number.isInteger(number) || number < 1 || number > 1e6) fail('not-found', 'No such version');
    const doc = await documentRow(ctx.db, consultation.id, c.req.param('documentId'));
    return cachedJson(c, await versionOf(ctx.db, doc.id, number), CACHE.config);
  });

  app.get(`${D}/export.json`, async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const documentId = c.req.param('documentId');
    const exported = await exportDocument(ctx.db, consultation, documentId, ctx.now());
    // Named once the document is found; the id came from the URL, so the name is made safe (server/http/disposition.ts).
    c.header('content-disposition', contentDisposition('inline', `${consultation.id}-${documentId}.json`));
    return cachedJson(c, exported, CACHE.live);
  });

  app.get(`${D}/amendments`, async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const query = parseWith(AmendmentQuery, queryObject(c));
    const participant = await optionalParticipant(ctx, c);
    const items = await listAmendments(ctx.db, consultation, c.req.param('documentId'), query, participant, ctx.now());
    return cachedJson(c, { items }, participant ? CACHE.personal : CACHE.live);
  });

  app.post(`${D}/amendments`, (c) =>
    participantWrite(ctx, c, AmendmentDraft, async ({ consultation, participant, input, tx }) => {
      const doc = await documentRow(tx, consultation.id, c.req.param('documentId') ?? '');
      requireAmending(consultation, { amendmentPhases: doc.amendment_phases }, ctx.now());
      const mode = moderationMode({ consultation, moderation: ctx.consultation(consultation.id).moderation }, 'amendment');
      const amendment = await insertAmendment(tx, consultation, doc.id, input, participant, ctx.now(), mode);
      return { status: 201, body: { amendment } };
    }),
  );

  app.post(`${D}/amendments/:amendmentId/withdraw`, (c) =>
    participantWrite(ctx, c, null, async ({ consultation, participant, tx }) => {
      const amendment = await withdrawAmendment(
        tx,
        consultation,
        c.req.param('documentId') ?? '',
        c.req.param('amendmentId') ?? '',
        participant,
        ctx.now(),
      );
      return { status: 200, body: { amendment } };
    }),
  );

  const vote = (c: Context<Env>, withdraw: boolean) =>
    participantWrite(ctx, c, withdraw ? null : AmendmentVoteInput, async ({ consultation, participant, input, tx }) => {
      const doc = await documentRow(tx, consultation.id, c.req.param('documentId') ?? '');
      requireAmending(consultation, { amendmentPhases: doc.amendment_phases }, ctx.now());
      const choice = withdraw ? null : input!.choice;
      if (choice !== null && !VOTE_CHOICES[doc.vote_model].includes(choice)) {
        fail('validation', `“${choice}” is not a choice of the ${doc.vote_model} vote model`, {
          fieldErrors: [{ field: 'choice', code: 'invalid', message: `choice must be one of ${VOTE_CHOICES[doc.vote_model].join(', ')}` }],
        });
      }
      return {
        status: 200,
        body: await voteOnAmendment(tx, consultation, doc.id, c.req.param('amendmentId') ?? '', choice, participant, ctx.now()),
      };
    });
  app.put(`${D}/amendments/:amendmentId/vote`, (c) => vote(c, false));
  app.delete(`${D}/amendments/:amendmentId/vote`, (c) => vote(c, true));
}

/** Proposals: list, read, submit, report; votes on them. */
import type { Context, Hono } from 'hono';
import { validationError } from '../../src/core/errors.js';
import { ProposalDraft, ProposalQuery, VOTE_CHOICES, type Participant, type VoteChoice } from '../../src/core/schemas.js';
import { validateProposalDraft } from '../../src/core/validate.js';
import { ReportInput, VoteInput } from '../api-schemas.js';
import type { AppContext, Env } from '../context.js';
import { bearer, currentParticipant, writer } from '../http/auth.js';
import { parseWith, readJson } from '../http/body.js';
import { CACHE, cachedJson } from '../http/cache.js';
import { idempotencyKey, keyedWrite } from '../http/idempotency.js';
import { fail } from '../http/problem.js';
import { newId } from '../store/ids.js';
import { insertProposal, listProposals, proposalRow, toProposal } from '../store/proposals.js';
import { recordVote } from '../store/vote-write.js';
import { closedFor, fingerprint, rejectHoneypot, requireOpen, written } from './helpers.js';

/** Query strings are text: numbers are converted before the shared schema checks them. */
export function queryObject(c: Context, numeric: string[] = ['limit']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(c.req.query())) {
    if (value === '') continue;
    out[name] = numeric.includes(name) && /^\d+$/.test(value) ? Number(value) : value;
  }
  return out;
}

/** A reader with a token the server no longer knows still reads public data. */
async function optionalParticipant(ctx: AppContext, c: Context<Env>): Promise<Participant | null> {
  return currentParticipant(ctx, c).catch(() => null);
}

export function proposalRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.get('/consultations/:id/proposals', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const query = parseWith(ProposalQuery, queryObject(c));
    return cachedJson(c, await listProposals(ctx.db, consultation, query, ctx.now()), CACHE.live);
  });

  app.get('/consultations/:id/proposals/:proposalId', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const row = await proposalRow(ctx.db, consultation.id, c.req.param('proposalId'));
    // Pending or hidden proposals are shown to their author only.
    const visible = row && (row.status === 'published' || (row.participant_id && row.participant_id === (await optionalParticipant(ctx, c))?.id));
    if (!row || !visible) fail('not-found', 'No such proposal');
    return cachedJson(c, toProposal(consultation, row, ctx.now()), row.status === 'published' ? CACHE.live : CACHE.personal);
  });

  app.post('/consultations/:id/proposals', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const participant = await writer(ctx, c);
    const key = idempotencyKey(c);
    const { data: draft, canonical } = await readJson(c, ProposalDraft, ctx.limits.jsonDepth);
    rejectHoneypot(draft.website);
    const outcome = await keyedWrite(ctx.db, `p:${participant.id}`, key, fingerprint(c, canonical), async (tx) => {
      requireOpen(consultation, 'proposals', ctx.now());
      const errors = validateProposalDraft(consultation, draft);
      if (errors.length) throw validationError(errors);
      const fields = consultation.settings.proposalFields;
      const pending = consultation.settings.moderation === 'pre';
      const id = newId('p');
      await insertProposal(tx, {
        id, consultationId: consultation.id, title: draft.title.trim(), body: draft.body.trim(), categoryId: draft.categoryId || null,
        extra: Object.fromEntries(Object.entries(draft.extra ?? {}).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v)),
        authorName: fields.authorName !== 'hidden' && draft.authorName?.trim() ? draft.authorName.trim() : null,
        authorEmail: fields.email !== 'none' && draft.email?.trim() ? draft.email.trim() : null,
        participantId: participant.id, status: pending ? 'pending' : 'published', createdAt: new Date(ctx.now()).toISOString(),
      });
      const proposal = toProposal(consultation, (await proposalRow(tx, consultation.id, id))!, ctx.now());
      return { status: 201, body: { proposal, moderation: pending ? 'pending' : 'published' } };
    });
    return written(c, outcome);
  });

  app.post('/consultations/:id/proposals/:proposalId/reports', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const participant = await writer(ctx, c);
    const key = idempotencyKey(c);
    const { data, canonical } = await readJson(c, ReportInput, ctx.limits.jsonDepth);
    const outcome = await keyedWrite(ctx.db, `p:${participant.id}`, key, fingerprint(c, canonical), async (tx) => {
      const row = await proposalRow(tx, consultation.id, c.req.param('proposalId'));
      if (!row || row.status !== 'published') fail('not-found', 'No such proposal');
      await tx.query(`INSERT INTO reports (proposal_id, target, participant_id, reason) VALUES ($1, 'proposal:' || $1::text, $2, $3)`, [row.id, participant.id, data.reason.trim()]);
      return { status: 202, body: { received: true } };
    });
    return written(c, outcome);
  });

  /**
   * Casting, changing and withdrawing: one call of the database's `pgo_vote` (store/vote-write.ts),
   * which runs every check under the participant's row lock; only what needs no database is checked here.
   */
  const voteWrite = async (c: Context<Env>, readChoice: () => Promise<{ choice: VoteChoice | 'withdraw'; canonical: string }>) => {
    const { consultation } = ctx.consultation(c.req.param('id') ?? '');
    const token = bearer(c);
    if (!token) fail('unauthorized', 'A participant token is required', { detail: 'Send Authorization: Bearer <token> from POST /api/v1/participants' });
    if (token.length > 200) fail('unauthorized', 'Unknown participant token', { detail: 'Ask for a new token with POST /api/v1/participants' });
    const key = idempotencyKey(c);
    const { choice, canonical } = await readChoice();
    const { voteModel } = consultation.settings;
    if (choice !== 'withdraw' && !VOTE_CHOICES[voteModel].includes(choice)) {
      fail('validation', `“${choice}” is not a choice of the ${voteModel} vote model`, {
        fieldErrors: [{ field: 'choice', code: 'invalid', message: `choice must be one of ${VOTE_CHOICES[voteModel].join(', ')}` }],
      });
    }
    const now = ctx.now();
    const outcome = await recordVote(ctx.db, {
      token, consultation, proposalId: c.req.param('proposalId') ?? '', choice: choice === 'withdraw' ? null : choice, key,
      fingerprint: fingerprint(c, canonical), closed: closedFor(consultation, 'votes', now), ip: ctx.clientIp(c), now, limits: ctx.limits,
    });
    return written(c, outcome);
  };

  app.put('/consultations/:id/proposals/:proposalId/vote', (c) => voteWrite(c, async () => {
    const { data, canonical } = await readJson(c, VoteInput, ctx.limits.jsonDepth);
    return { choice: data.choice, canonical };
  }));

  app.delete('/consultations/:id/proposals/:proposalId/vote', (c) => voteWrite(c, async () => ({ choice: 'withdraw', canonical: '' })));
}

/** Proposals: list, read, submit, report; votes on them. */
import { votingClosedByAnswer } from '../../src/core/answers.js';
import type { Context, Hono } from 'hono';
import { validationError } from '../../src/core/errors.js';
import { ProposalDraft, ProposalQuery, type Consultation, type Participant, type VoteChoice } from '../../src/core/schemas.js';
import { validateProposalDraft } from '../../src/core/validate.js';
import { ReportInput, VoteInput } from '../api-schemas.js';
import type { AppContext, Env } from '../context.js';
import { currentParticipant, writer } from '../http/auth.js';
import { parseWith, readJson } from '../http/body.js';
import { CACHE, cachedJson } from '../http/cache.js';
import { idempotencyKey, keyedWrite } from '../http/idempotency.js';
import { fail } from '../http/problem.js';
import { newId } from '../store/ids.js';
import { lockParticipant } from '../store/participants.js';
import { insertProposal, listProposals, proposalRow, toProposal } from '../store/proposals.js';
import { castVote, participation, tally, withdrawVote } from '../store/votes.js';
import type { Queryable } from '../db/db.js';
import { fingerprint, rejectHoneypot, requireOpen, written } from './helpers.js';

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

  /** Casting, changing and withdrawing run the same checks, under the participant's row lock. */
  const voteWrite = async (c: Context<Env>, readChoice: () => Promise<{ choice: VoteChoice | 'withdraw'; canonical: string }>) => {
    const { consultation } = ctx.consultation(c.req.param('id') ?? '');
    const participant = await writer(ctx, c);
    const key = idempotencyKey(c);
    const { choice, canonical } = await readChoice();
    const proposalId = c.req.param('proposalId') ?? '';
    const outcome = await keyedWrite(ctx.db, `p:${participant.id}`, key, fingerprint(c, canonical), async (tx) => {
      requireOpen(consultation, 'votes', ctx.now());
      await votableProposal(tx, consultation, proposalId, choice === 'withdraw');
      await lockParticipant(tx, participant.id);
      if (choice === 'withdraw') await withdrawVote(tx, consultation, participant.id, proposalId);
      else await castVote(tx, consultation, participant.id, proposalId, choice);
      return {
        status: 200,
        body: { tally: await tally(tx, consultation, proposalId, ctx.now()), participation: await participation(tx, consultation, participant) },
      };
    });
    return written(c, outcome);
  };

  app.put('/consultations/:id/proposals/:proposalId/vote', (c) => voteWrite(c, async () => {
    const { data, canonical } = await readJson(c, VoteInput, ctx.limits.jsonDepth);
    return { choice: data.choice, canonical };
  }));

  app.delete('/consultations/:id/proposals/:proposalId/vote', (c) => voteWrite(c, async () => ({ choice: 'withdraw', canonical: '' })));
}

/** Votes go to published proposals only; a withdrawal works whatever the status (a hidden proposal's vote). */
async function votableProposal(tx: Queryable, consultation: Consultation, proposalId: string, withdrawal: boolean): Promise<void> {
  const row = await proposalRow(tx, consultation.id, proposalId);
  if (!row) fail('not-found', 'No such proposal');
  if (!withdrawal && row.status !== 'published') fail('closed', `This proposal is ${row.status}`);
  if (!withdrawal && votingClosedByAnswer(consultation.settings, row.answer)) fail('closed', 'This proposal has been answered');
}

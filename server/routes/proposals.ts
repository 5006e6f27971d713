/** Proposals: list, read, submit, report; votes on them. */
import type { Context, Hono } from 'hono';
import { ProposalDraft, ProposalQuery, VOTE_CHOICES, type Participant, type VoteChoice } from '../../src/core/schemas.js';
import { validateProposalDraft } from '../../src/core/validate.js';
import { ReportInput, VoteInput } from '../api-schemas.js';
import type { AppContext, Env } from '../context.js';
import { currentParticipant, writerToken } from '../http/auth.js';
import { parseWith, readJson } from '../http/body.js';
import { CACHE, cachedJson } from '../http/cache.js';
import { idempotencyKey } from '../http/idempotency.js';
import { fail } from '../http/problem.js';
import { newId } from '../store/ids.js';
import { insertReport, listProposals, proposalRow, toProposal } from '../store/proposals.js';
import { recordProposal } from '../store/proposal-write.js';
import { recordVote } from '../store/vote-write.js';
import { closedFor, fingerprint, functionWrite, participantWrite, queryObject, written } from './helpers.js';
import { C, type RouteDoc, type RouteLink } from '../openapi/route-doc.js';
import { BODY_RULES } from '../openapi/body-rules.js';

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
    const visible =
      row && (row.status === 'published' || (row.participant_id && row.participant_id === (await optionalParticipant(ctx, c))?.id));
    if (!row || !visible) fail('not-found', 'No such proposal');
    return cachedJson(c, toProposal(consultation, row, ctx.now()), row.status === 'published' ? CACHE.live : CACHE.personal);
  });

  // One call of the database's `pgo_propose` (store/proposal-write.ts).
  app.post('/consultations/:id/proposals', async (c) => {
    const { consultation, input: draft, request } = await functionWrite(ctx, c, ProposalDraft);
    const { now } = request;
    const fields = consultation.settings.proposalFields;
    const outcome = await recordProposal(ctx.db, {
      ...request,
      consultation,
      proposal: {
        id: newId('p'),
        consultationId: consultation.id,
        title: draft.title.trim(),
        body: draft.body.trim(),
        categoryId: draft.categoryId || null,
        extra: Object.fromEntries(
          Object.entries(draft.extra ?? {})
            .map(([k, v]) => [k, v.trim()])
            .filter(([, v]) => v),
        ),
        authorName: fields.authorName !== 'hidden' && draft.authorName?.trim() ? draft.authorName.trim() : null,
        authorEmail: fields.email !== 'none' && draft.email?.trim() ? draft.email.trim() : null,
        status: consultation.settings.moderation === 'pre' ? 'pending' : 'published',
        createdAt: new Date(now).toISOString(),
      },
      closed: closedFor(consultation, 'proposals', now),
      errors: validateProposalDraft(consultation, draft),
    });
    return written(c, outcome);
  });

  app.post('/consultations/:id/proposals/:proposalId/reports', (c) =>
    participantWrite(ctx, c, ReportInput, async ({ consultation, participant, input, tx }) => {
      const row = await proposalRow(tx, consultation.id, c.req.param('proposalId'));
      if (!row || row.status !== 'published') fail('not-found', 'No such proposal');
      await insertReport(tx, row.id, participant.id, input.reason.trim());
      return { status: 202, body: { received: true } };
    }),
  );

  /**
   * Casting, changing and withdrawing: one call of the database's `pgo_vote` (store/vote-write.ts),
   * which runs every check under the participant's row lock; only what needs no database is checked here.
   */
  const voteWrite = async (c: Context<Env>, readChoice: () => Promise<{ choice: VoteChoice | 'withdraw'; canonical: string }>) => {
    const { consultation } = ctx.consultation(c.req.param('id') ?? '');
    const token = writerToken(c);
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
      token,
      consultation,
      proposalId: c.req.param('proposalId') ?? '',
      choice: choice === 'withdraw' ? null : choice,
      key,
      fingerprint: fingerprint(c, canonical),
      closed: closedFor(consultation, 'votes', now),
      ip: ctx.clientIp(c),
      now,
      limits: ctx.limits,
    });
    return written(c, outcome);
  };

  app.put('/consultations/:id/proposals/:proposalId/vote', (c) =>
    voteWrite(c, async () => {
      const { data, canonical } = await readJson(c, VoteInput, ctx.limits.jsonDepth);
      return { choice: data.choice, canonical };
    }),
  );

  app.delete('/consultations/:id/proposals/:proposalId/vote', (c) => voteWrite(c, async () => ({ choice: 'withdraw', canonical: '' })));
}

const proposalLinks = (id: string, proposalId: string): Record<string, RouteLink> => ({
  GetProposal: { operationId: 'getProposal', parameters: { id, proposalId }, description: 'Read the proposal again.' },
  Vote: { operationId: 'vote', parameters: { id, proposalId }, description: 'Vote for the proposal.' },
  Report: { operationId: 'reportProposal', parameters: { id, proposalId }, description: 'Report the proposal to the moderators.' },
});

/** The OpenAPI description of these routes (server/openapi/document.ts). */
export const PROPOSAL_DOCS: RouteDoc[] = [
  {
    id: 'listProposals',
    method: 'get',
    path: `${C}/proposals`,
    tag: 'Proposals',
    summary: 'Published proposals, paged',
    description:
      '`sort=random` with a `seed` gives the same order on every page and load. While counts are hidden, `most-supported` gives the newest first (the order would reveal them).',
    auth: 'none',
    query: ProposalQuery,
    ok: { status: 200, description: 'A page of proposals', schema: 'ProposalPage' },
    refusals: { validation: 'a query parameter breaks its schema (`fieldErrors` name it)' },
    cached: true,
    links: proposalLinks('$request.path.id', '$response.body#/items/0/id'),
  },
  {
    id: 'getProposal',
    method: 'get',
    path: `${C}/proposals/{proposalId}`,
    tag: 'Proposals',
    summary: 'One proposal',
    description: 'A pending or hidden proposal is visible to its author only (with their token); an unknown token is ignored here.',
    auth: 'optional-participant',
    ok: { status: 200, description: 'The proposal', schema: 'Proposal' },
    refusals: { 'not-found': 'no such proposal, or one the caller may not see' },
    cached: true,
    links: proposalLinks('$request.path.id', '$request.path.proposalId'),
  },
  {
    id: 'createProposal',
    method: 'post',
    path: `${C}/proposals`,
    tag: 'Proposals',
    summary: 'Submit a proposal',
    description:
      'Validated by the same rules as the form (src/core/validate.ts). With pre-moderation (`settings.moderation` `pre`) the proposal waits for a moderator.',
    auth: 'participant',
    body: 'ProposalDraft',
    bodyRules: BODY_RULES.proposal,
    ok: { status: 201, description: 'The stored proposal', schema: 'ProposalReceipt' },
    refusals: {
      validation: 'a field breaks a business rule (`fieldErrors`)',
      forbidden: 'the honeypot `website` is filled',
      closed: 'the current phase takes no proposals',
    },
    write: true,
    links: proposalLinks('$request.path.id', '$response.body#/proposal/id'),
  },
  {
    id: 'reportProposal',
    method: 'post',
    path: `${C}/proposals/{proposalId}/reports`,
    tag: 'Proposals',
    summary: 'Report a proposal to the moderators',
    description: 'Anyone with a token may report a published proposal; moderators see the reason.',
    auth: 'participant',
    body: 'ReportInput',
    bodyRules: BODY_RULES.report,
    ok: { status: 202, description: 'Received', schema: 'ReportReceipt' },
    refusals: { 'not-found': 'no such published proposal' },
    write: true,
  },
  {
    id: 'vote',
    method: 'put',
    path: `${C}/proposals/{proposalId}/vote`,
    tag: 'Votes',
    summary: 'Vote for a proposal (or change the choice)',
    description: 'One vote per participant and proposal; voting again with the same choice changes nothing.',
    auth: 'participant',
    body: 'VoteInput',
    bodyRules: BODY_RULES.vote,
    ok: { status: 200, description: 'The new tally and participation', schema: 'VoteResult' },
    refusals: {
      validation: 'the choice is not one of the consultation’s vote model',
      'not-found': 'no such proposal',
      closed: 'the phase takes no votes, or the proposal is not published',
      'limit-reached': 'no votes left',
      forbidden: 'changing a vote where votes are final',
    },
    write: true,
    links: {
      WithdrawVote: {
        operationId: 'withdrawVote',
        parameters: { id: '$request.path.id', proposalId: '$request.path.proposalId' },
        description: 'Withdraw this vote.',
      },
    },
  },
  {
    id: 'withdrawVote',
    method: 'delete',
    path: `${C}/proposals/{proposalId}/vote`,
    tag: 'Votes',
    summary: 'Withdraw a vote',
    description:
      'Also works on a proposal that moderators hid: its vote no longer counts (votes left, participation) but may be withdrawn so that it does not come back if the proposal is restored. Withdrawing where there is no vote changes nothing.',
    auth: 'participant',
    ok: { status: 200, description: 'The new tally and participation', schema: 'VoteResult' },
    refusals: { 'not-found': 'no such proposal', closed: 'the phase takes no votes', forbidden: 'votes are final in this consultation' },
    write: true,
    links: {
      Vote: {
        operationId: 'vote',
        parameters: { id: '$request.path.id', proposalId: '$request.path.proposalId' },
        description: 'Vote again.',
      },
    },
  },
];

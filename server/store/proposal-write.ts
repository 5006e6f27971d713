/**
 * A new proposal in one round trip (issue 25): one call of `pgo_propose` (migration 043), which
 * authenticates, replays a repeated idempotency key, refuses a closed phase and the shared validator's
 * field errors, writes, stores the answer and counts the shared rate limits. A new proposal has no votes,
 * answer or comments yet: its answer is built here, from the row it will be, by the one `toProposal`.
 */
import type { Consultation, FieldError, Proposal } from '../../src/core/schemas.js';
import type { Queryable } from '../db/db.js';
import { toProposal, type NewProposal, type ProposalRow } from './proposals.js';
import type { Closed } from './vote-write.js';
import { callWriteFunction, writerParams, type WriteResult, type WriterRequest } from './write-function.js';

export interface ProposalRequest extends WriterRequest {
  consultation: Consultation;
  /** Its author is the token's participant, known to the database only. */
  proposal: Omit<NewProposal, 'participantId'>;
  closed: Closed;
  /** What `validateProposalDraft` found: refused after the phase. */
  errors: FieldError[];
}

export type ProposalAnswer = { proposal: Proposal; moderation: 'pending' | 'published' };

export function recordProposal(db: Queryable, r: ProposalRequest): Promise<WriteResult<ProposalAnswer>> {
  const p = r.proposal;
  const row: ProposalRow = {
    id: p.id,
    consultation_id: p.consultationId,
    title: p.title,
    body: p.body,
    category_id: p.categoryId,
    extra: p.extra,
    author_name: p.authorName,
    author_email: p.authorEmail,
    participant_id: null,
    status: p.status,
    created_at: p.createdAt,
    counts: null,
    total: 0,
    answer: null,
    origin: null,
    comment_count: 0,
  };
  const answer: ProposalAnswer = {
    proposal: toProposal(r.consultation, row, r.now),
    moderation: p.status === 'pending' ? 'pending' : 'published',
  };
  return callWriteFunction(db, 'pgo_propose', r.token, [
    p.consultationId,
    p.id,
    p.title,
    p.body,
    p.categoryId,
    JSON.stringify(p.extra),
    p.authorName,
    p.authorEmail,
    p.status,
    p.createdAt,
    r.closed ? JSON.stringify(r.closed) : null,
    JSON.stringify(r.errors),
    JSON.stringify(answer),
    ...writerParams(r),
  ]);
}

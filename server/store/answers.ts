/** Answers to proposals: what became of each (under study, kept with its commitment, merged, not kept). */
import { answerErrors, type AnswerInput, type ProposalAnswer } from '../../src/core/organisers.js';
import type { Queryable, Row } from '../db/db.js';
import { refuse } from './refuse.js';
import { iso } from './ids.js';

interface AnswerRow extends Row {
  proposal_id: string;
  state: ProposalAnswer['state'];
  text: string;
  commitment: string | null;
  merged_into: string | null;
  answered_at: unknown;
}

const toAnswer = (r: AnswerRow): ProposalAnswer => ({
  state: r.state,
  text: r.text,
  commitment: r.commitment,
  mergedInto: r.merged_into,
  answeredAt: iso(r.answered_at),
});

/** The answers of several proposals, by proposal id. */
export async function answersOf(q: Queryable, proposalIds: string[]): Promise<Map<string, ProposalAnswer>> {
  if (!proposalIds.length) return new Map();
  const rows = await q.query<AnswerRow>('SELECT * FROM proposal_answers WHERE proposal_id = ANY($1)', [proposalIds]);
  return new Map(rows.map((r) => [r.proposal_id, toAnswer(r)]));
}

/** The shared rules (src/core/organisers.ts), as a 422 with field errors. */
export function checkAnswer(input: AnswerInput, proposalId: string): void {
  const errors = answerErrors(input, proposalId);
  if (errors.length) refuse('validation', 'The answer is not complete', { fieldErrors: errors });
}

export async function saveAnswer(
  q: Queryable,
  consultationId: string,
  proposalId: string,
  input: AnswerInput,
  by: string,
  at: number,
): Promise<ProposalAnswer> {
  checkAnswer(input, proposalId);
  const own = await q.query('SELECT 1 FROM proposals WHERE id = $1 AND consultation_id = $2', [proposalId, consultationId]);
  if (!own.length) refuse('not-found', 'No such proposal');
  if (input.state === 'merged') {
    const into = await q.query('SELECT 1 FROM proposals WHERE id = $1 AND consultation_id = $2', [input.mergedInto, consultationId]);
    if (!into.length)
      refuse('validation', 'The answer is not complete', {
        fieldErrors: [{ field: 'mergedInto', code: 'invalid', message: 'mergedInto: No such proposal in this consultation' }],
      });
  }
  const rows = await q.query<AnswerRow>(
    `INSERT INTO proposal_answers (proposal_id, state, text, commitment, merged_into, answered_at, answered_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (proposal_id) DO UPDATE SET state = EXCLUDED.state, text = EXCLUDED.text, commitment = EXCLUDED.commitment,
       merged_into = EXCLUDED.merged_into, answered_at = EXCLUDED.answered_at, answered_by = EXCLUDED.answered_by RETURNING *`,
    [
      proposalId,
      input.state,
      input.text,
      input.state === 'kept' ? input.commitment || null : null,
      input.state === 'merged' ? input.mergedInto : null,
      new Date(at),
      by,
    ],
  );
  return toAnswer(rows[0]!);
}

/** The WHERE condition of the `answer` filter on proposals (`p`), pushing its parameter. */
export function answerFilter(query: { answer?: string }, params: unknown[]): string[] {
  if (!query.answer) return [];
  if (query.answer === 'none') return ['NOT EXISTS (SELECT 1 FROM proposal_answers a WHERE a.proposal_id = p.id)'];
  params.push(query.answer);
  return [`EXISTS (SELECT 1 FROM proposal_answers a WHERE a.proposal_id = p.id AND a.state = $${params.length})`];
}

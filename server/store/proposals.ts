/** Proposals with their tallies, read from the counters the votes trigger keeps (never counted from rows). */
import { consultationEnd } from '../../src/core/phase.js';
import { hash32 } from '../../src/core/query.js';
import {
  VOTE_CHOICES,
  type Consultation,
  type Page,
  type Proposal,
  type ProposalAnswer,
  type ProposalQuery,
  type ProposalStatus,
  type VoteChoice,
  type VoteTally,
} from '../../src/core/schemas.js';
import type { ProposalOrigin } from '../../src/core/reports.js';
import type { Queryable, Row } from '../db/db.js';
import { iso } from './ids.js';
import { ORIGIN_COLUMN, originFilter } from './reports-origin.js';
import { answerFilter } from './answers.js';

export interface ProposalRow extends Row {
  id: string;
  consultation_id: string;
  title: string;
  body: string;
  category_id: string | null;
  extra: Record<string, string>;
  author_name: string | null;
  author_email: string | null;
  participant_id: string | null;
  status: ProposalStatus;
  created_at: unknown;
  counts: Record<string, number> | null;
  total: number;
  reports?: number;
  origin?: ProposalOrigin | null;
  comment_count?: number;
  answer?: (Omit<ProposalAnswer, 'answeredAt'> & { answeredAt: unknown }) | null;
}

/** Every proposal column plus `counts` ({choice: n}) and `total`, from the tally counters (migration 040). */
export const PROPOSAL_SELECT = `
  SELECT p.*, t.counts, COALESCE(t.total, 0)::int AS total,
    (SELECT json_build_object('state', a.state, 'text', a.text, 'commitment', a.commitment, 'mergedInto', a.merged_into, 'answeredAt', a.answered_at)
       FROM proposal_answers a WHERE a.proposal_id = p.id) AS answer,
    ${ORIGIN_COLUMN},
    (SELECT count(*)::int FROM comments k WHERE k.target = 'proposal:' || p.id AND k.status = 'published') AS comment_count
  FROM proposals p
  LEFT JOIN LATERAL (
    SELECT jsonb_object_agg(choice, n) FILTER (WHERE n > 0) AS counts, sum(n)::int AS total
    FROM proposal_tallies c WHERE c.proposal_id = p.id
  ) t ON true`;

export function countsHidden(consultation: Consultation, now: number): boolean {
  const end = consultationEnd(consultation.phases);
  return consultation.settings.hideCountsUntilEnd && end !== null && now < end;
}

export function tallyOf(consultation: Consultation, proposalId: string, counts: Record<string, number> | null, now: number): VoteTally {
  return tallyFrom(consultation, proposalId, counts, countsHidden(consultation, now));
}

/** The public tally from the counters ({choice: n}), or none while the consultation hides them. */
export function tallyFrom(
  consultation: Consultation,
  proposalId: string,
  counts: Record<string, number> | null,
  hidden: boolean,
): VoteTally {
  if (hidden) return { proposalId, hidden: true, total: null, counts: null };
  const out: Partial<Record<VoteChoice, number>> = {};
  for (const choice of VOTE_CHOICES[consultation.settings.voteModel]) out[choice] = 0;
  let total = 0;
  for (const [choice, n] of Object.entries(counts ?? {})) {
    out[choice as VoteChoice] = n;
    total += n;
  }
  return { proposalId, hidden: false, total, counts: out };
}

export function toProposal(consultation: Consultation, row: ProposalRow, now: number): Proposal {
  return {
    id: row.id,
    consultationId: row.consultation_id,
    title: row.title,
    body: row.body,
    categoryId: row.category_id,
    extra: row.extra ?? {},
    authorName: row.author_name,
    createdAt: iso(row.created_at),
    status: row.status,
    tally: tallyOf(consultation, row.id, row.counts, now),
    answer: row.answer ? { ...row.answer, answeredAt: iso(row.answer.answeredAt) } : null,
    ...(row.origin ? { origin: row.origin } : {}),
    ...(row.comment_count === undefined ? {} : { comments: row.comment_count }),
  };
}

export async function proposalRow(q: Queryable, consultationId: string, proposalId: string): Promise<ProposalRow | null> {
  const rows = await q.query<ProposalRow>(`${PROPOSAL_SELECT} WHERE p.id = $1 AND p.consultation_id = $2`, [proposalId, consultationId]);
  return rows[0] ?? null;
}

/** Offset cursors in base 36, the same encoding as `pageFrom` in src/core/query.ts. */
const decodeCursor = (cursor?: string) => (cursor ? Math.min(MAX_OFFSET, Math.max(0, Number.parseInt(cursor, 36) || 0)) : 0);
/** Past every page; keeps a forged cursor (`zzzz…`) inside PostgreSQL's bigint range. */
const MAX_OFFSET = 2 ** 31 - 1;

export async function listProposals(q: Queryable, consultation: Consultation, query: ProposalQuery, now: number): Promise<Page<Proposal>> {
  const where = ['p.consultation_id = $1', "p.status = 'published'"];
  const params: unknown[] = [consultation.id];
  if (query.categoryId) {
    params.push(query.categoryId);
    where.push(`p.category_id = $${params.length}`);
  }
  where.push(...originFilter(query, params), ...answerFilter(query, params));
  const text = query.q?.trim().toLocaleLowerCase();
  if (text) {
    params.push(text);
    where.push(`strpos(lower(p.title || E'\\n' || p.body), $${params.length}) > 0`);
  }
  const limit = query.limit ?? 20;
  const offset = decodeCursor(query.cursor);
  // Ordering by support would reveal the counts a consultation hides until its end.
  const sort = query.sort === 'most-supported' && countsHidden(consultation, now) ? 'newest' : (query.sort ?? 'newest');
  let rows: ProposalRow[];
  let total: number;
  if (sort === 'random') {
    // The same seeded order as the memory backend: rank ids in JS, then fetch the page.
    const ids = (await q.query<{ id: string }>(`SELECT p.id FROM proposals p WHERE ${where.join(' AND ')}`, params)).map((r) => r.id);
    const seed = query.seed ?? '';
    const ranked = ids.map((id) => ({ id, rank: hash32(`${seed}:${id}`) })).sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
    const pageIds = ranked.slice(offset, offset + limit).map((r) => r.id);
    total = ids.length;
    const found = await q.query<ProposalRow>(`${PROPOSAL_SELECT} WHERE p.id = ANY($1::text[])`, [pageIds]);
    rows = pageIds.map((id) => found.find((r) => r.id === id)!).filter(Boolean);
  } else {
    const order = sort === 'most-supported' ? 'total DESC, created_at DESC, id' : 'created_at DESC, id';
    params.push(limit, offset);
    rows = await q.query<ProposalRow>(
      `SELECT *, count(*) OVER ()::int AS full_count FROM (${PROPOSAL_SELECT} WHERE ${where.join(' AND ')}) listed ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    total = rows.length
      ? Number(rows[0]!.full_count)
      : (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM proposals p WHERE ${where.join(' AND ')}`, params.slice(0, -2)))[0]!
          .n;
  }
  const end = offset + limit;
  return { items: rows.map((r) => toProposal(consultation, r, now)), nextCursor: end < total ? end.toString(36) : null, total };
}

export interface NewProposal {
  id: string;
  consultationId: string;
  title: string;
  body: string;
  categoryId: string | null;
  extra: Record<string, string>;
  authorName: string | null;
  authorEmail: string | null;
  participantId: string | null;
  status: ProposalStatus;
  createdAt: string;
}

export async function insertProposal(q: Queryable, p: NewProposal): Promise<void> {
  await q.query(
    `INSERT INTO proposals (id, consultation_id, title, body, category_id, extra, author_name, author_email, participant_id, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      p.id,
      p.consultationId,
      p.title,
      p.body,
      p.categoryId,
      JSON.stringify(p.extra),
      p.authorName,
      p.authorEmail,
      p.participantId,
      p.status,
      p.createdAt,
    ],
  );
}

export async function insertReport(q: Queryable, proposalId: string, participantId: string, reason: string): Promise<void> {
  await q.query(`INSERT INTO reports (proposal_id, target, participant_id, reason) VALUES ($1, 'proposal:' || $1::text, $2, $3)`, [
    proposalId,
    participantId,
    reason,
  ]);
}

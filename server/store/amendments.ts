/**
 * Amendments (issue 21): written on one version of a section, voted on, decided by organisers. The rules
 * the database holds whatever the races (migration 060): one open amendment per participant and section
 * (a partial unique index), one vote per participant and amendment (the primary key), a reason for every
 * rejection or change. A vote and a decision on the same amendment take its row lock in turn: a vote
 * lands before the decision or is refused after it.
 */
import { wordDiff } from '../../src/core/diff.js';
import { decisionRefusal, validateAmendmentDraft, validateDecision } from '../../src/core/text-rules.js';
import type { Consultation, Participant, VoteChoice } from '../../src/core/schemas.js';
import type {
  Amendment,
  AmendmentDecisionInput,
  AmendmentDraft,
  AmendmentQuery,
  AmendmentVoteResult,
  AmendmentState,
} from '../../src/core/text.js';
import type { ModerationMode } from '../../src/core/consultation-edit.js';
import type { ProposalOrigin } from '../../src/core/reports.js';
import { validationError } from '../../src/core/errors.js';
import type { Queryable, Row } from '../db/db.js';
import { fail } from '../errors.js';
import { iso, newId } from './ids.js';
import { declareModeratedKind } from './moderation.js';
import { countsHidden, tallyFrom } from './proposals.js';
import { documentRow, versionOf, type DocumentRow } from './documents.js';
import { AMENDMENT_ORIGIN_COLUMN } from './reports-origin.js';

declareModeratedKind({
  kind: 'amendment',
  table: 'amendments',
  columns: {
    id: 'x.id',
    consultation: 'x.consultation_id',
    title: 'x.title',
    excerpt: 'left(x.reason, 400)',
    createdAt: 'x.created_at',
    authorName: 'x.author_name',
    authorEmail: 'NULL::text',
    status: 'x.moderation',
    author: 'x.participant_id',
  },
  statuses: { pending: 'pending', published: 'published', hidden: 'hidden' },
});

interface AmendmentRow extends Row {
  id: string;
  document_id: string;
  section_id: string;
  base_version: number;
  kind: Amendment['kind'];
  title: string;
  base_text: string;
  text: string;
  reason: string;
  author_name: string | null;
  participant_id: string;
  state: AmendmentState;
  moderation: 'pending' | 'published' | 'hidden';
  decision_reason: string | null;
  decision_text: string | null;
  decided_at: unknown;
  applied_in: number | null;
  created_at: unknown;
  counts: Record<string, number> | null;
  my_vote: VoteChoice | null;
  comment_count: number;
  origin: ProposalOrigin | null;
}

const SELECT = `SELECT a.*, (SELECT jsonb_object_agg(choice, n) FROM (SELECT choice, count(*)::int AS n FROM amendment_votes v WHERE v.amendment_id = a.id GROUP BY choice) t) AS counts,
  (SELECT choice FROM amendment_votes v WHERE v.amendment_id = a.id AND v.participant_id = $PARTICIPANT) AS my_vote,
  (SELECT count(*)::int FROM comments k WHERE k.target = 'amendment:' || a.id AND k.status = 'published') AS comment_count, ${AMENDMENT_ORIGIN_COLUMN} FROM amendments a`;

function toAmendment(
  consultation: Consultation,
  doc: DocumentRow,
  row: AmendmentRow,
  participantId: string | null,
  now: number,
): Amendment {
  const voting = { ...consultation, settings: { ...consultation.settings, voteModel: doc.vote_model } };
  return {
    id: row.id,
    documentId: row.document_id,
    sectionId: row.section_id,
    baseVersion: row.base_version,
    kind: row.kind,
    title: row.title,
    baseText: row.base_text,
    text: row.text,
    reason: row.reason,
    authorName: row.author_name,
    createdAt: iso(row.created_at),
    state: row.state,
    decision:
      row.decided_at && row.state !== 'open' && row.state !== 'withdrawn'
        ? { state: row.state, reason: row.decision_reason ?? '', text: row.decision_text, decidedAt: iso(row.decided_at) }
        : null,
    appliedIn: row.applied_in,
    outdated: row.base_version < doc.current_version,
    diff: wordDiff(row.base_text, row.kind === 'delete' ? '' : row.text),
    tally: tallyFrom(voting, row.id, row.counts, countsHidden(consultation, now)),
    myVote: row.my_vote,
    mine: participantId !== null && row.participant_id === participantId,
    moderation: row.moderation,
    comments: row.comment_count,
    ...(row.origin ? { origin: row.origin } : {}),
  };
}

export async function listAmendments(
  q: Queryable,
  consultation: Consultation,
  documentId: string,
  query: AmendmentQuery,
  participant: Participant | null,
  now: number,
): Promise<Amendment[]> {
  const doc = await documentRow(q, consultation.id, documentId);
  const rows = await q.query<AmendmentRow>(
    `${SELECT.replace('$PARTICIPANT', '$2')} WHERE a.document_id = $1 AND (a.moderation = 'published' OR a.participant_id = $2)
       AND ($3::text IS NULL OR a.section_id = $3) AND ($4::text IS NULL OR a.state = $4) ORDER BY a.created_at, a.id LIMIT 5000`,
    [documentId, participant?.id ?? null, query.sectionId ?? null, query.state ?? null],
  );
  return rows.map((r) => toAmendment(consultation, doc, r, participant?.id ?? null, now));
}

export async function readAmendment(
  q: Queryable,
  consultation: Consultation,
  doc: DocumentRow,
  amendmentId: string,
  participantId: string | null,
  now: number,
): Promise<Amendment> {
  const rows = await q.query<AmendmentRow>(`${SELECT.replace('$PARTICIPANT', '$3')} WHERE a.id = $1 AND a.document_id = $2`, [
    amendmentId,
    doc.id,
    participantId,
  ]);
  if (!rows[0]) fail('not-found', 'No such amendment');
  return toAmendment(consultation, doc, rows[0], participantId, now);
}

/**
 * A participant's amendment on the current version (phase checked by the route). Under pre-moderation
 * (`moderation.amendment: "pre"`) it waits in the moderation queue, seen by its author only.
 */
export async function insertAmendment(
  q: Queryable,
  consultation: Consultation,
  documentId: string,
  draft: AmendmentDraft,
  participant: Participant,
  now: number,
  mode: ModerationMode = 'post',
  /** False for a relay workshop's amendment (issue 22): the room's, it never takes its filer's one open slot. */
  ownSlot = true,
): Promise<Amendment> {
  const doc = await documentRow(q, consultation.id, documentId);
  const version = await versionOf(q, documentId, doc.current_version);
  const errors = validateAmendmentDraft(version.sections, draft);
  if (errors.length) throw validationError(errors);
  const section = version.sections.find((s) => s.id === draft.sectionId)!;
  const id = newId('a');
  // ON CONFLICT: the partial unique index refuses a second open amendment, even from a concurrent request.
  const inserted = await q.query(
    `INSERT INTO amendments (id, consultation_id, document_id, section_id, base_version, kind, title, base_text, text, reason, author_name, participant_id, exclusive, created_at, moderation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT DO NOTHING RETURNING id`,
    [
      id,
      consultation.id,
      documentId,
      section.id,
      doc.current_version,
      draft.kind,
      draft.kind === 'add-after' ? (draft.title ?? '').trim() : section.title,
      section.body,
      draft.kind === 'delete' ? '' : draft.text.trim(),
      draft.reason.trim(),
      draft.authorName?.trim() || null,
      participant.id,
      doc.one_open_per_section && ownSlot,
      new Date(now),
      mode === 'pre' ? 'pending' : 'published',
    ],
  );
  if (!inserted.length) fail('conflict', 'You already have an open amendment on this section', { detail: 'one-open-per-section' });
  return readAmendment(q, consultation, doc, id, participant.id, now);
}

/**
 * A vote, a change of choice or (`choice` null) a withdrawal. The amendment's row is locked FOR SHARE:
 * votes run side by side, a decision (FOR UPDATE) waits for them and they wait for it.
 */
export async function voteOnAmendment(
  q: Queryable,
  consultation: Consultation,
  documentId: string,
  amendmentId: string,
  choice: VoteChoice | null,
  participant: Participant,
  now: number,
): Promise<AmendmentVoteResult> {
  const doc = await documentRow(q, consultation.id, documentId);
  const rows = await q.query<{ state: AmendmentState; moderation: string }>(
    'SELECT state, moderation FROM amendments WHERE id = $1 AND document_id = $2 FOR SHARE',
    [amendmentId, documentId],
  );
  const target = rows[0];
  if (!target || target.moderation !== 'published') fail('not-found', 'No such amendment');
  const previous =
    (
      await q.query<{ choice: VoteChoice }>('SELECT choice FROM amendment_votes WHERE participant_id = $1 AND amendment_id = $2', [
        participant.id,
        amendmentId,
      ])
    )[0]?.choice ?? null;
  if (choice !== null && target.state !== 'open') fail('closed', 'This amendment has been decided', { detail: target.state });
  if (previous && previous !== choice && !consultation.settings.voteWithdrawal)
    fail('forbidden', 'Votes are final in this consultation', { detail: 'final' });
  if (choice === null)
    await q.query('DELETE FROM amendment_votes WHERE participant_id = $1 AND amendment_id = $2', [participant.id, amendmentId]);
  else {
    await q.query(
      `INSERT INTO amendment_votes (participant_id, amendment_id, choice, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (participant_id, amendment_id) DO UPDATE SET choice = EXCLUDED.choice`,
      [participant.id, amendmentId, choice, new Date(now)],
    );
  }
  const amendment = await readAmendment(q, consultation, doc, amendmentId, participant.id, now);
  return { amendmentId, tally: amendment.tally, myVote: amendment.myVote };
}

/**
 * An organiser's decision on an open, published amendment (the route audits it). A decided amendment is not
 * decided again; one hidden or pending in moderation is not decided (decisionRefusal). The row lock serialises
 * it with moderation decisions and votes.
 */
export async function decideAmendment(
  q: Queryable,
  consultation: Consultation,
  amendmentId: string,
  input: AmendmentDecisionInput,
  actor: string,
  now: number,
): Promise<Amendment> {
  const rows = await q.query<{
    document_id: string;
    state: AmendmentState;
    kind: Amendment['kind'];
    moderation: 'pending' | 'published' | 'hidden';
  }>('SELECT document_id, state, kind, moderation FROM amendments WHERE id = $1 AND consultation_id = $2 FOR UPDATE', [
    amendmentId,
    consultation.id,
  ]);
  const target = rows[0];
  if (!target) fail('not-found', 'No such amendment');
  const errors = validateDecision(input, target);
  if (errors.length) throw validationError(errors);
  const refusal = decisionRefusal(target);
  if (refusal) fail('conflict', refusal.message, { detail: refusal.detail });
  await q.query(
    'UPDATE amendments SET state = $2, decision_reason = $3, decision_text = $4, decided_by = $5, decided_at = $6 WHERE id = $1',
    [
      amendmentId,
      input.state,
      input.reason.trim(),
      input.state === 'accepted-with-changes' ? (input.text?.trim() ?? '') : null,
      actor,
      new Date(now),
    ],
  );
  const doc = await documentRow(q, consultation.id, target.document_id);
  return readAmendment(q, consultation, doc, amendmentId, null, now);
}

/** A participant withdraws their own open amendment (the slot for a new one on the section frees up). */
export async function withdrawAmendment(
  q: Queryable,
  consultation: Consultation,
  documentId: string,
  amendmentId: string,
  participant: Participant,
  now: number,
): Promise<Amendment> {
  const updated = await q.query(
    "UPDATE amendments SET state = 'withdrawn' WHERE id = $1 AND document_id = $2 AND participant_id = $3 AND state = 'open' RETURNING id",
    [amendmentId, documentId, participant.id],
  );
  if (!updated.length) fail('not-found', 'No open amendment of yours with this id');
  return readAmendment(q, consultation, await documentRow(q, consultation.id, documentId), amendmentId, participant.id, now);
}

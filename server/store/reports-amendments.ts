/**
 * A relay-workshop report's amendment rows (issues 22 and 21): checked against the consultation's texts,
 * each stored through the text's own `insertAmendment`, awaiting moderation with the report (migration 071's
 * trigger publishes or hides them with it, in the moderator's transaction).
 */
import { amendmentOfRow, amendmentRows } from '../../src/core/reports-amendments.js';
import type { WorkshopContributionInput, WorkshopReportDraft } from '../../src/core/reports.js';
import type { Consultation, FieldError, Participant } from '../../src/core/schemas.js';
import type { Section } from '../../src/core/text.js';
import type { Queryable } from '../db/db.js';
import { insertAmendment } from './amendments.js';

/** The text each amendment row amends (null for a proposal) and the rows' errors, named `contributions.N.…`. */
export async function checkAmendmentRows(
  q: Queryable,
  consultationId: string,
  draft: WorkshopReportDraft,
): Promise<{ errors: FieldError[]; documents: (string | null)[] }> {
  if (!draft.contributions.some((c) => c.kind === 'amendment')) return { errors: [], documents: draft.contributions.map(() => null) };
  const texts = await q.query<{ id: string; sections: Section[] }>(
    `SELECT d.id, v.sections FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.number = d.current_version
     WHERE d.consultation_id = $1 ORDER BY d.created_at, d.id`,
    [consultationId],
  );
  return amendmentRows(draft, texts);
}

/**
 * The row as an amendment of the text's current version (its base), awaiting moderation, written by the
 * report's filer (the host, accountable for the report) and never taking the host's own open slot on the section.
 */
export async function insertRowAmendment(
  q: Queryable,
  consultation: Consultation,
  documentId: string,
  row: WorkshopContributionInput,
  host: Participant,
  now: number,
): Promise<string> {
  return (await insertAmendment(q, consultation, documentId, amendmentOfRow(row), host, now, 'pre', false)).id;
}

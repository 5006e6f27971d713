/** The open-data export of a document (issue 21): every version, every published amendment with its tally, decision and origin (a relay workshop's); no names. */
import type { Consultation } from '../../src/core/schemas.js';
import type { Queryable } from '../db/db.js';
import { listAmendments } from './amendments.js';
import { documentRow, versionOf } from './documents.js';
import { exportedOrigin } from './reports-origin.js';

/** The open-data export: every version, every published amendment with its tally and decision; no names. */
export async function exportDocument(q: Queryable, consultation: Consultation, documentId: string, now: number): Promise<unknown> {
  const doc = await documentRow(q, consultation.id, documentId);
  const versions = [];
  for (let n = 1; n <= doc.current_version; n++) versions.push(await versionOf(q, documentId, n));
  const amendments = (await listAmendments(q, consultation, documentId, {}, null, now)).map((a) => ({
    id: a.id,
    sectionId: a.sectionId,
    baseVersion: a.baseVersion,
    kind: a.kind,
    title: a.title,
    baseText: a.baseText,
    text: a.text,
    reason: a.reason,
    createdAt: a.createdAt,
    state: a.state,
    decision: a.decision,
    appliedIn: a.appliedIn,
    total: a.tally.total,
    counts: a.tally.counts,
    origin: exportedOrigin(a.origin),
  }));
  return {
    document: { id: doc.id, title: doc.title, voteModel: doc.vote_model, exportedAt: new Date(now).toISOString() },
    versions,
    amendments,
  };
}

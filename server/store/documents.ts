/**
 * Documents of the collaborative writing phase (issue 21): creating one from Markdown, reading the current
 * version with its counts, reading any version, publishing version n+1 from the accepted amendments.
 * Amendments and their votes: amendments.ts.
 */
import type { Consultation } from '../../src/core/schemas.js';
import { applyAmendments, defaultAmendmentPhases, nextSectionId, sectionsFromMarkdown, type Accepted } from '../../src/core/text-rules.js';
import type { DocumentVersion, MarkdownImport, Section, TextDocument } from '../../src/core/text.js';
import type { Queryable, Row } from '../db/db.js';
import { fail } from '../errors.js';
import { iso, newId } from './ids.js';

export interface DocumentRow extends Row {
  id: string;
  consultation_id: string;
  title: string;
  vote_model: TextDocument['voteModel'];
  amendment_phases: string[];
  one_open_per_section: boolean;
  current_version: number;
}

export async function documentRow(q: Queryable, consultationId: string, documentId: string, lock = false): Promise<DocumentRow> {
  const rows = await q.query<DocumentRow>(`SELECT * FROM documents WHERE id = $1 AND consultation_id = $2${lock ? ' FOR UPDATE' : ''}`, [
    documentId,
    consultationId,
  ]);
  if (!rows[0]) fail('not-found', 'No such document');
  return rows[0];
}

export async function versionOf(q: Queryable, documentId: string, number: number): Promise<DocumentVersion> {
  const rows = await q.query<{ sections: Section[]; changelog: DocumentVersion['changelog']; published_at: unknown }>(
    'SELECT sections, changelog, published_at FROM document_versions WHERE document_id = $1 AND number = $2',
    [documentId, number],
  );
  if (!rows[0]) fail('not-found', 'No such version');
  return { documentId, number, publishedAt: iso(rows[0].published_at), sections: rows[0].sections, changelog: rows[0].changelog };
}

/** The current version with each section's count of open (published) amendments, and the versions' list. */
export async function readDocument(q: Queryable, consultationId: string, documentId: string): Promise<TextDocument> {
  const row = await documentRow(q, consultationId, documentId);
  const current = await versionOf(q, documentId, row.current_version);
  const counts = await q.query<{ section_id: string; n: number }>(
    "SELECT section_id, count(*)::int AS n FROM amendments WHERE document_id = $1 AND state = 'open' AND moderation = 'published' GROUP BY section_id",
    [documentId],
  );
  const open = new Map(counts.map((r) => [r.section_id, r.n]));
  // Published comments on each section (issue 20's targets `section:DOCUMENT/SECTION`).
  const discussed = await q.query<{ target: string; n: number }>(
    "SELECT target, count(*)::int AS n FROM comments WHERE consultation_id = $1 AND status = 'published' AND starts_with(target, $2) GROUP BY target",
    [consultationId, `section:${documentId}/`],
  );
  const comments = new Map(discussed.map((r) => [r.target.slice(`section:${documentId}/`.length), r.n]));
  const versions = await q.query<{ number: number; published_at: unknown; changes: number }>(
    'SELECT number, published_at, jsonb_array_length(changelog)::int AS changes FROM document_versions WHERE document_id = $1 ORDER BY number',
    [documentId],
  );
  return {
    id: row.id,
    consultationId: row.consultation_id,
    title: row.title,
    voteModel: row.vote_model,
    amendmentPhases: row.amendment_phases,
    oneOpenPerSection: row.one_open_per_section,
    version: row.current_version,
    sections: current.sections.map((s) => ({ ...s, openAmendments: open.get(s.id) ?? 0, comments: comments.get(s.id) ?? 0 })),
    versions: versions.map((v) => ({ number: v.number, publishedAt: iso(v.published_at), changes: v.changes })),
  };
}

/** A new document, version 1, from a Markdown draft (the organisers' import). */
export async function importDocument(q: Queryable, consultation: Consultation, input: MarkdownImport, at: number): Promise<string> {
  const sections = sectionsFromMarkdown(input.markdown);
  if (!sections.length) {
    fail('validation', 'The draft has no text', {
      fieldErrors: [{ field: 'markdown', code: 'required', message: 'Paste the draft, with headings for its sections' }],
    });
  }
  const id = input.id ?? newId('d');
  const title = input.title?.trim() || sections.find((s) => s.level === 1 && s.title)?.title || consultation.title;
  const inserted = await q.query(
    `INSERT INTO documents (id, consultation_id, title, vote_model, amendment_phases, one_open_per_section, current_version, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 1, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      id,
      consultation.id,
      title,
      input.voteModel ?? 'for-against-mixed',
      JSON.stringify(input.amendmentPhases ?? defaultAmendmentPhases(consultation)),
      input.oneOpenPerSection ?? true,
      new Date(at),
    ],
  );
  if (!inserted.length) fail('conflict', 'A document with this id exists');
  await q.query('INSERT INTO document_versions (document_id, number, sections, changelog, published_at) VALUES ($1, 1, $2, $3, $4)', [
    id,
    JSON.stringify(sections),
    '[]',
    new Date(at),
  ]);
  return id;
}

/**
 * Version n+1: the amendments accepted since version n (not yet applied), in decision order. Under the
 * document's row lock, so two publications never build on the same version. Open amendments stay open
 * and readable against their base; they now say they are outdated.
 */
export async function publishVersion(q: Queryable, consultationId: string, documentId: string, at: number): Promise<DocumentVersion> {
  const row = await documentRow(q, consultationId, documentId, true);
  const current = await versionOf(q, documentId, row.current_version);
  const accepted = await q.query<{
    id: string;
    section_id: string;
    kind: Accepted['amendment']['kind'];
    title: string;
    text: string;
    state: Accepted['state'];
    decision_text: string | null;
  }>(
    `SELECT id, section_id, kind, title, text, state, decision_text FROM amendments
     WHERE document_id = $1 AND state IN ('accepted', 'accepted-with-changes') AND applied_in IS NULL ORDER BY decided_at, id FOR UPDATE`,
    [documentId],
  );
  if (!accepted.length) fail('conflict', 'No accepted amendment to publish', { detail: 'Decide on amendments first' });
  const known = await q.query<{ id: string }>(
    "SELECT DISTINCT s->>'id' AS id FROM document_versions v, jsonb_array_elements(v.sections) s WHERE v.document_id = $1",
    [documentId],
  );
  const ids = known.map((k) => k.id);
  const batch: Accepted[] = accepted.map((a) => {
    const entry: Accepted = {
      amendment: { id: a.id, sectionId: a.section_id, kind: a.kind, title: a.title, text: a.text },
      state: a.state,
      text: a.decision_text ?? a.text,
    };
    if (a.kind === 'add-after') ids.push((entry.newSectionId = nextSectionId(ids)));
    return entry;
  });
  const { sections, changelog } = applyAmendments(current.sections, batch);
  const number = row.current_version + 1;
  await q.query('INSERT INTO document_versions (document_id, number, sections, changelog, published_at) VALUES ($1, $2, $3, $4, $5)', [
    documentId,
    number,
    JSON.stringify(sections),
    JSON.stringify(changelog),
    new Date(at),
  ]);
  await q.query('UPDATE documents SET current_version = $2 WHERE id = $1', [documentId, number]);
  await q.query('UPDATE amendments SET applied_in = $2 WHERE id = ANY($1)', [accepted.map((a) => a.id), number]);
  return { documentId, number, publishedAt: new Date(at).toISOString(), sections, changelog };
}

export async function listDocuments(q: Queryable, consultationId: string): Promise<{ id: string; title: string; version: number }[]> {
  const rows = await q.query<{ id: string; title: string; current_version: number }>(
    'SELECT id, title, current_version FROM documents WHERE consultation_id = $1 ORDER BY created_at, id',
    [consultationId],
  );
  return rows.map((r) => ({ id: r.id, title: r.title, version: r.current_version }));
}

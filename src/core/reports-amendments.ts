/**
 * A relay-workshop report's amendment rows (issues 22 and 21): how a row becomes an amendment of the
 * collaborative text, and its errors against that text. Shared by the memory backend and the reference
 * server (the form does not load it: the text's sections are the server's to check).
 */
import type { WorkshopContributionInput, WorkshopReportDraft } from './reports.js';
import type { FieldError } from './schemas.js';
import type { AmendmentDraft, Section } from './text.js';
import { validateAmendmentDraft } from './text-rules.js';

/**
 * An amendment row of a report as the #21 amendment it becomes: the room's new text of the section
 * (`body`), with its title as the reason. A room's row modifies a section (no additions or deletions).
 */
export function amendmentOfRow(row: WorkshopContributionInput): AmendmentDraft {
  return { kind: 'modify', sectionId: (row.sectionId ?? '').trim(), text: row.body ?? '', reason: row.title ?? '' };
}

/** Where each field of an amendment draft comes from in its report row. */
const ROW_FIELD: Record<string, string> = { sectionId: 'sectionId', text: 'body', reason: 'title' };

/**
 * The text each amendment row amends (its `documentId`, else the consultation's only text) and the row's
 * errors against that text's current version, named after the row's fields (`contributions.N.…`). The
 * memory backend and the server give it the consultation's texts (id and current sections).
 */
export function amendmentRows(
  draft: WorkshopReportDraft,
  texts: readonly { id: string; sections: readonly Section[] }[],
): { errors: FieldError[]; documents: (string | null)[] } {
  const errors: FieldError[] = [];
  const documents = (draft.contributions ?? []).map((row, index) => {
    if (row.kind !== 'amendment') return null;
    const at = `contributions.${index}`;
    const wanted = row.documentId?.trim();
    const text = wanted ? texts.find((t) => t.id === wanted) : texts.length === 1 ? texts[0] : undefined;
    if (!text) {
      const code = wanted || !texts.length ? 'invalid' : 'required';
      errors.push({ field: `${at}.documentId`, code, message: `${at}.documentId must name a text of this consultation` });
      return null;
    }
    for (const e of validateAmendmentDraft(text.sections, amendmentOfRow(row)))
      errors.push({
        ...e,
        field: `${at}.${ROW_FIELD[e.field] ?? e.field}`,
        message: e.message.replace(e.field, `${at}.${ROW_FIELD[e.field] ?? e.field}`),
      });
    return text.id;
  });
  return { errors, documents };
}

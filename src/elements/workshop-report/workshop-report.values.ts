/**
 * The report as the form holds it: flat values keyed by the paths the validators name (`heldOn`,
 * `contributions.2.title`...), a row count, and the step; turned into the `WorkshopReportDraft` sent.
 */
import type { WorkshopContributionInput, WorkshopReportDraft } from '../../core/reports.js';
import { HONEYPOT, type FormValues } from '../../forms/form-controller.js';

export const STEPS = ['facts', 'contributions', 'review'] as const;
export type Step = (typeof STEPS)[number];
export const ROW_FIELDS = ['title', 'body', 'categoryId', 'roomSupport'] as const;
export const FACT_FIELDS = ['heldOn', 'attendees', 'organisations', 'summary'] as const;

export const rowCount = (values: FormValues) => Math.max(0, Number.parseInt(String(values.rows ?? '0'), 10) || 0);
export const rowKey = (index: number, field: string) => `contributions.${index}.${field}`;

/** The step a field (or an error's field) is on. */
export function stepOf(field: string): Step {
  if (field.startsWith('contributions')) return 'contributions';
  if ((FACT_FIELDS as readonly string[]).includes(field)) return 'facts';
  return 'review';
}

export function draftOf(values: FormValues, hostKey: string): WorkshopReportDraft {
  const text = (name: string) => String(values[name] ?? '').trim();
  const count = (name: string) => (text(name) === '' ? null : Number(text(name)));
  const contributions: WorkshopContributionInput[] = [];
  for (let i = 0; i < rowCount(values); i++) {
    contributions.push({
      kind: 'proposal',
      title: text(rowKey(i, 'title')),
      body: text(rowKey(i, 'body')),
      categoryId: text(rowKey(i, 'categoryId')) || null,
      roomSupport: count(rowKey(i, 'roomSupport')),
    });
  }
  return {
    heldOn: text('heldOn'),
    attendees: count('attendees'),
    organisations: text('organisations'),
    summary: text('summary'),
    contributions,
    consent: values.consent === true,
    ...(hostKey ? { hostKey } : {}),
    website: String(values[HONEYPOT] ?? ''),
  };
}

/** The values after rows are appended (pasted rows, or one blank row). */
export function withRows(values: FormValues, rows: WorkshopContributionInput[]): FormValues {
  const out = { ...values };
  let n = rowCount(values);
  for (const row of rows) {
    out[rowKey(n, 'title')] = row.title;
    out[rowKey(n, 'body')] = row.body;
    out[rowKey(n, 'categoryId')] = row.categoryId ?? '';
    out[rowKey(n, 'roomSupport')] = row.roomSupport === null || row.roomSupport === undefined ? '' : String(row.roomSupport);
    n++;
  }
  out.rows = String(n);
  return out;
}

/** The values without row `index` (the rows after it move up). */
export function withoutRow(values: FormValues, index: number): FormValues {
  const out = { ...values };
  const n = rowCount(values);
  for (let i = index; i < n; i++) {
    for (const field of ROW_FIELDS) {
      if (i + 1 < n) out[rowKey(i, field)] = values[rowKey(i + 1, field)] ?? '';
      else delete out[rowKey(i, field)];
    }
  }
  out.rows = String(Math.max(0, n - 1));
  return out;
}

/**
 * The rules of a relay-workshop report, shared by the form (before sending), the memory backend and the
 * reference server (authoritative): field errors with stable codes the element translates. Also the
 * reading of rows pasted from a spreadsheet (tab-separated).
 */
import { foldText } from './query.js';
import type { WorkshopContributionInput, WorkshopReportDraft } from './reports.js';
import type { Consultation, ConsultationEvent, FieldError } from './schemas.js';
import { ErrorList } from './validate.js';

/** Limits of a report (the form, the memory backend and the server share them). */
export const REPORT_LIMITS = {
  contributions: 200,
  attendees: 100_000,
  roomSupport: 100_000,
  summary: { min: 20, max: 4000 },
  organisations: 1000,
  sectionId: 120,
} as const;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A title as compared for duplicates: accents, case and spacing ignored. */
export function titleKey(title: string): string {
  return foldText(title)
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();
}

/** The calendar day an instant falls on in a time zone (`YYYY-MM-DD`). */
export function dayIn(instant: string | number, timeZone: string): string {
  // From the parts: engines disagree on how a locale writes a whole date (WebKit's en-CA is not ISO).
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    new Date(instant),
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** The event may take its report: it has started (the host files it during or after the workshop). */
export function reportOpen(event: Pick<ConsultationEvent, 'startsAt' | 'status'>, now: number): boolean {
  return event.status !== 'cancelled' && Date.parse(event.startsAt) <= now;
}

export function validateWorkshopReport(
  consultation: Consultation,
  draft: WorkshopReportDraft,
  event: Pick<ConsultationEvent, 'startsAt' | 'timeZone'>,
  now: number,
): FieldError[] {
  const list = new ErrorList();
  const day = DAY_PATTERN.exec(draft.heldOn ?? '');
  if (!draft.heldOn) list.add('heldOn', 'required', 'heldOn is required');
  else if (!day || Number.isNaN(Date.parse(`${draft.heldOn}T12:00:00Z`)))
    list.add('heldOn', 'invalid', 'heldOn must be a date (YYYY-MM-DD)');
  else if (draft.heldOn < dayIn(event.startsAt, event.timeZone)) list.add('heldOn', 'before_event', 'heldOn is before the event starts');
  else if (draft.heldOn > dayIn(now, event.timeZone)) list.add('heldOn', 'future', 'heldOn is in the future');
  const attendees = draft.attendees;
  if (attendees === null || attendees === undefined) list.add('attendees', 'required', 'attendees is required');
  else if (!Number.isInteger(attendees) || attendees < 1 || attendees > REPORT_LIMITS.attendees) {
    list.add('attendees', 'invalid', `attendees must be a whole number from 1 to ${REPORT_LIMITS.attendees}`);
  }
  list.text('organisations', draft.organisations, 0, REPORT_LIMITS.organisations, false);
  list.text('summary', draft.summary, REPORT_LIMITS.summary.min, REPORT_LIMITS.summary.max);
  const rows = draft.contributions ?? [];
  if (!rows.length) list.add('contributions', 'required', 'A report needs at least one contribution');
  else if (rows.length > REPORT_LIMITS.contributions)
    list.add('contributions', 'too_many', `At most ${REPORT_LIMITS.contributions} contributions`, { max: REPORT_LIMITS.contributions });
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    contributionErrors(list, consultation, row, `contributions.${index}`);
    const key = titleKey(row.title ?? '');
    if (!key) return;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else
      list.add(`contributions.${index}.title`, 'duplicate', `contributions.${index}.title repeats the title of contribution ${first + 1}`, {
        row: first + 1,
      });
  });
  list.consent('consent', draft.consent);
  return list.errors;
}

function contributionErrors(list: ErrorList, consultation: Consultation, row: WorkshopContributionInput, at: string): void {
  const rules = consultation.settings.proposalFields;
  const kind = row.kind ?? 'proposal';
  if (kind !== 'proposal' && kind !== 'amendment') list.add(`${at}.kind`, 'invalid', `${at}.kind must be proposal or amendment`);
  list.text(`${at}.title`, row.title, rules.title.min, rules.title.max);
  list.text(`${at}.body`, row.body, rules.body.min, rules.body.max);
  const categoryId = row.categoryId ?? '';
  if (kind === 'proposal') {
    if (!categoryId) {
      if (rules.categoryRequired && consultation.categories.length)
        list.add(`${at}.categoryId`, 'required', `${at}.categoryId is required`);
    } else if (!consultation.categories.some((c) => c.id === categoryId)) {
      list.add(`${at}.categoryId`, 'invalid', `${at}.categoryId is not one of the consultation categories`);
    }
  } else {
    list.text(`${at}.sectionId`, row.sectionId ?? '', 1, REPORT_LIMITS.sectionId);
  }
  const support = row.roomSupport;
  if (support !== null && support !== undefined && (!Number.isInteger(support) || support < 0 || support > REPORT_LIMITS.roomSupport)) {
    list.add(`${at}.roomSupport`, 'invalid', `${at}.roomSupport must be a whole number from 0 to ${REPORT_LIMITS.roomSupport}`);
  }
}

/**
 * Rows pasted from a spreadsheet: one per line, cells separated by tabs: title, text, category (its
 * title or id), support in the room. A first line naming the columns ("titre", "title") is skipped.
 */
export function parseContributionRows(text: string, consultation: Pick<Consultation, 'categories'>): WorkshopContributionInput[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => line.trim());
  if (lines[0] && /^(titre|title)\b/i.test(lines[0].split('\t')[0]!.trim())) lines.shift();
  return lines.map((line) => {
    const [title = '', body = '', category = '', support = ''] = line.split('\t').map((cell) => cell.trim().replace(/^"(.*)"$/s, '$1'));
    const wanted = foldText(category);
    const found = wanted ? consultation.categories.find((c) => c.id === category || foldText(c.title) === wanted) : undefined;
    const count = /^\d+$/.test(support) ? Number(support) : null;
    return { kind: 'proposal', title, body, categoryId: found?.id ?? null, roomSupport: count };
  });
}

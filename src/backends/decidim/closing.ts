/**
 * A Decidim meeting's closing, read as the event's workshop report (issue 22), read-only. decidim-meetings'
 * GraphQL meeting type (lib/decidim/api/meeting_type.rb) gives `closed`, `closingReport` (HTML, null while
 * the closing is not visible), `attendeeCount`, `attendingOrganizations` (free text) and `contributionCount`.
 * A closing is written through Decidim's own pages: this backend never files one (`workshopReports: false`).
 * Proposals linked to the meeting (`proposalsFromMeeting`) exist only where an installation enables proposal
 * linking, so they are not asked for: the report carries the meeting's count of contributions instead.
 */
import { dayIn } from '../../core/reports-rules.js';
import type { WorkshopReport } from '../../core/reports.js';
import { decidimInstant, type MapContext } from './mapping.js';
import { htmlToText, translatedText, type TranslatedField } from './text.js';

export interface RawClosing {
  id: string;
  closed: boolean;
  startTime: string;
  endTime: string;
  closingReport?: TranslatedField | null;
  attendeeCount?: number | null;
  attendingOrganizations?: string | null;
  contributionCount?: number | null;
}

const count = (value: number | null | undefined) => (Number.isInteger(value) && value! >= 0 ? value! : null);

/** The closing as a published report; null while the meeting is not closed or its closing is not visible. */
export function toWorkshopReport(raw: RawClosing, ctx: MapContext): WorkshopReport | null {
  const summary = raw.closed ? translatedText(raw.closingReport, ctx.locale, 4000) : '';
  const start = decidimInstant(raw.startTime, ctx.timeZone, 'start');
  if (!summary || !start) return null;
  const contributions = count(raw.contributionCount);
  return {
    id: `decidim-meeting-${raw.id}`,
    consultationId: ctx.consultationId,
    eventId: raw.id,
    heldOn: dayIn(start, ctx.timeZone),
    attendees: count(raw.attendeeCount) ?? 0,
    organisations: (raw.attendingOrganizations ?? '')
      .split(/[\n,;]+/)
      .map((name) => htmlToText(name).slice(0, 200))
      .filter(Boolean)
      .slice(0, 50),
    summary,
    status: 'published',
    createdAt: decidimInstant(raw.endTime, ctx.timeZone, 'end') ?? start,
    contributions: [],
    ...(contributions !== null ? { contributionCount: contributions } : {}),
  };
}

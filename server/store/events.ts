/** Events (relay workshops, open-ministry dialogues, sessions) and inline registrations. */
import { matchesPlace } from '../../src/core/query.js';
import type { Address, ConsultationEvent, EventQuery, EventStatus, Page, Registration } from '../../src/core/schemas.js';
import type { Queryable, Row } from '../db/db.js';
import { iso } from './ids.js';

export type Moderation = 'pending' | 'approved' | 'hidden';

export interface EventRow extends Row {
  id: string;
  consultation_id: string;
  title: string;
  format: string;
  description: string;
  starts_at: unknown;
  ends_at: unknown;
  time_zone: string;
  mode: ConsultationEvent['mode'];
  address: Address | null;
  geo: { lat: number; lon: number } | null;
  online_url: string | null;
  organiser_name: string;
  organiser_url: string | null;
  organiser_email: string | null;
  url: string | null;
  status: EventStatus;
  registration_kind: Registration['kind'];
  registration_url: string | null;
  capacity: number | null;
  moderation: Moderation;
  registered: number;
}

export const EVENT_SELECT = `
  SELECT e.*, (SELECT count(*)::int FROM registrations r WHERE r.event_id = e.id) AS registered
  FROM events e`;

function registrationOf(row: EventRow): Registration {
  if (row.registration_kind === 'external') return { kind: 'external', url: row.registration_url! };
  if (row.registration_kind === 'none') return { kind: 'none' };
  return { kind: 'inline', capacity: row.capacity, seatsLeft: row.capacity === null ? null : Math.max(0, row.capacity - row.registered) };
}

export function toEvent(row: EventRow): ConsultationEvent {
  const registration = registrationOf(row);
  const full = registration.kind === 'inline' && registration.seatsLeft === 0 && row.status === 'scheduled';
  return {
    id: row.id,
    consultationId: row.consultation_id,
    title: row.title,
    format: row.format,
    description: row.description,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    timeZone: row.time_zone,
    mode: row.mode,
    ...(row.address ? { address: row.address } : {}),
    ...(row.geo ? { geo: row.geo } : {}),
    ...(row.online_url ? { onlineUrl: row.online_url } : {}),
    organiser: row.organiser_url ? { name: row.organiser_name, url: row.organiser_url } : { name: row.organiser_name },
    status: full ? 'full' : row.status,
    registration,
    ...(row.url ? { url: row.url } : {}),
  };
}

export async function eventRow(q: Queryable, consultationId: string, eventId: string, lock = false): Promise<EventRow | null> {
  if (lock) await q.query('SELECT id FROM events WHERE id = $1 FOR UPDATE', [eventId]);
  const rows = await q.query<EventRow>(`${EVENT_SELECT} WHERE e.id = $1 AND e.consultation_id = $2`, [eventId, consultationId]);
  return rows[0] ?? null;
}

/** Year 0000 is valid ISO 8601 but not a PostgreSQL timestamp: bounds before year 1 become year 1. */
const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00Z');
const pgInstant = (instant: string) => new Date(Math.max(FIRST_INSTANT, Date.parse(instant))).toISOString();

export async function listEvents(q: Queryable, consultationId: string, query: EventQuery, now: number): Promise<Page<ConsultationEvent>> {
  const params: unknown[] = [consultationId, query.from ? pgInstant(query.from) : new Date(now).toISOString()];
  const where = ['e.consultation_id = $1', "e.moderation = 'approved'", 'e.ends_at >= $2'];
  if (query.to) {
    params.push(pgInstant(query.to));
    where.push(`e.starts_at <= $${params.length}`);
  }
  if (query.format) {
    params.push(query.format);
    where.push(`e.format = $${params.length}`);
  }
  if (query.mode) {
    params.push(query.mode);
    where.push(`e.mode = $${params.length}`);
  }
  const rows = await q.query<EventRow>(`${EVENT_SELECT} WHERE ${where.join(' AND ')} ORDER BY e.starts_at, e.id`, params);
  // Place matching folds accents ("Évry" = "evry"): done in JS with the shared helper.
  const items = rows.filter((r) => !query.place || matchesPlace(r.address ?? undefined, query.place)).map(toEvent);
  const start = query.cursor ? Math.max(0, Number.parseInt(query.cursor, 36) || 0) : 0;
  const end = start + (query.limit ?? 20);
  return { items: items.slice(start, end), nextCursor: end < items.length ? end.toString(36) : null, total: items.length };
}

export interface NewEvent extends Omit<ConsultationEvent, 'registration' | 'status'> {
  status: EventStatus;
  registration: { kind: 'none' } | { kind: 'external'; url: string } | { kind: 'inline'; capacity: number | null };
  moderation: Moderation;
  organiserEmail: string | null;
  participantId: string | null;
}

export async function insertEvent(q: Queryable, e: NewEvent): Promise<void> {
  await q.query(
    `INSERT INTO events (id, consultation_id, title, format, description, starts_at, ends_at, time_zone, mode, address, geo, online_url,
       organiser_name, organiser_url, organiser_email, url, status, registration_kind, registration_url, capacity, moderation, participant_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
    [
      e.id,
      e.consultationId,
      e.title,
      e.format,
      e.description,
      e.startsAt,
      e.endsAt,
      e.timeZone,
      e.mode,
      e.address ? JSON.stringify(e.address) : null,
      e.geo ? JSON.stringify(e.geo) : null,
      e.onlineUrl ?? null,
      e.organiser.name,
      e.organiser.url ?? null,
      e.organiserEmail,
      e.url ?? null,
      e.status,
      e.registration.kind,
      e.registration.kind === 'external' ? e.registration.url : null,
      e.registration.kind === 'inline' ? e.registration.capacity : null,
      e.moderation,
      e.participantId,
    ],
  );
}

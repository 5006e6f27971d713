/** The audit log: every organiser action (who, what, when, on what, the reason given). */
import type { AuditEntry } from '../../src/core/organisers.js';
import type { Queryable } from '../db/db.js';
import { csvCell } from '../csv.js';
import { iso } from './ids.js';

/** Who acts: an organiser, the automation token or the one-time setup. */
export interface Actor {
  /** `organiser:<id>`, `token` or `setup`. */
  ref: string;
  name: string;
}

export interface AuditInput {
  action: string;
  consultationId?: string | null;
  target?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export async function audit(q: Queryable, actor: Actor, at: number, entry: AuditInput): Promise<void> {
  await q.query(
    'INSERT INTO audit_log (at, actor, actor_name, action, consultation_id, target, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [
      new Date(at),
      actor.ref,
      actor.name,
      entry.action,
      entry.consultationId ?? null,
      entry.target ?? null,
      entry.reason ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

/** Newest first; `consultationId` undefined: every entry. */
export async function auditEntries(q: Queryable, filter: { consultationId?: string; limit?: number }): Promise<AuditEntry[]> {
  const rows = await q.query<{
    id: string;
    at: unknown;
    actor: string;
    actor_name: string;
    action: string;
    consultation_id: string | null;
    target: string | null;
    reason: string | null;
    details: Record<string, unknown>;
  }>(`SELECT * FROM audit_log WHERE ($1::text IS NULL OR consultation_id = $1) ORDER BY at DESC, id DESC LIMIT $2`, [
    filter.consultationId ?? null,
    filter.limit ?? 1000,
  ]);
  return rows.map((r) => ({
    id: String(r.id),
    at: iso(r.at),
    actor: r.actor,
    actorName: r.actor_name,
    action: r.action,
    consultationId: r.consultation_id,
    target: r.target,
    reason: r.reason,
    details: r.details ?? {},
  }));
}

const CSV_COLUMNS = ['id', 'at', 'actor', 'actorName', 'action', 'consultationId', 'target', 'reason', 'details'] as const;

/** RFC 4180, formula-safe (the open-data export's cells). */
export function auditCsv(entries: AuditEntry[]): string {
  const cell = (value: unknown) =>
    csvCell(value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return [CSV_COLUMNS.join(','), ...entries.map((e) => CSV_COLUMNS.map((k) => cell(e[k])).join(','))].join('\r\n') + '\r\n';
}

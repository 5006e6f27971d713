/** Participants and their bearer tokens (stored as SHA-256 hashes only). */
import { randomBytes } from 'node:crypto';
import type { Participant } from '../../src/core/schemas.js';
import type { Queryable } from '../db/db.js';
import { newId, sha256 } from './ids.js';

interface ParticipantRow {
  id: string;
  display_name: string | null;
  verified: boolean;
  [key: string]: unknown;
}

const toParticipant = (row: ParticipantRow): Participant => ({ id: row.id, displayName: row.display_name, verified: row.verified });

export async function createParticipant(q: Queryable): Promise<Participant> {
  const rows = await q.query<ParticipantRow>('INSERT INTO participants (id) VALUES ($1) RETURNING id, display_name, verified', [
    newId('pt'),
  ]);
  return toParticipant(rows[0]!);
}

/** A fresh token for a participant (several devices may hold one each). */
export async function issueToken(q: Queryable, participantId: string): Promise<string> {
  const token = `pgo_${randomBytes(32).toString('base64url')}`;
  await q.query('INSERT INTO participant_tokens (token_hash, participant_id) VALUES ($1, $2)', [sha256(token), participantId]);
  return token;
}

export async function participantByToken(q: Queryable, token: string): Promise<Participant | null> {
  const rows = await q.query<ParticipantRow>(
    'SELECT p.id, p.display_name, p.verified FROM participant_tokens t JOIN participants p ON p.id = t.participant_id WHERE t.token_hash = $1',
    [sha256(token)],
  );
  return rows[0] ? toParticipant(rows[0]) : null;
}

export async function participantById(q: Queryable, id: string): Promise<Participant | null> {
  const rows = await q.query<ParticipantRow>('SELECT id, display_name, verified FROM participants WHERE id = $1', [id]);
  return rows[0] ? toParticipant(rows[0]) : null;
}

/**
 * The participant a host vouched for (consultation + subject). An anonymous participant who then
 * signs in becomes that verified participant and keeps their votes, unless the subject already has one.
 */
export async function verifiedParticipant(
  q: Queryable,
  consultationId: string,
  subject: string,
  displayName: string | null,
  anonymousId: string | null,
): Promise<Participant> {
  const existing = await q.query<ParticipantRow>(
    'UPDATE participants SET display_name = COALESCE($3, display_name) WHERE identity_consultation = $1 AND identity_subject = $2 RETURNING id, display_name, verified',
    [consultationId, subject, displayName],
  );
  if (existing[0]) return toParticipant(existing[0]);
  if (anonymousId) {
    const upgraded = await q.query<ParticipantRow>(
      `UPDATE participants SET verified = true, display_name = $4, identity_consultation = $2, identity_subject = $3
       WHERE id = $1 AND NOT verified RETURNING id, display_name, verified`,
      [anonymousId, consultationId, subject, displayName],
    );
    if (upgraded[0]) return toParticipant(upgraded[0]);
  }
  const rows = await q.query<ParticipantRow>(
    `INSERT INTO participants (id, display_name, verified, identity_consultation, identity_subject) VALUES ($1, $2, true, $3, $4)
     ON CONFLICT (identity_consultation, identity_subject) DO UPDATE SET display_name = COALESCE(EXCLUDED.display_name, participants.display_name)
     RETURNING id, display_name, verified`,
    [newId('pt'), displayName, consultationId, subject],
  );
  return toParticipant(rows[0]!);
}

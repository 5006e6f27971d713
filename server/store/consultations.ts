/**
 * Consultations in the database (migration 030): the edited document, its revision, and the
 * host-signing keys. Rows become the `LoadedConsultation`s the routes serve (AppContext keeps them
 * in memory and reloads what changed).
 */
import { randomBytes } from 'node:crypto';
import type { ConsultationEdit, SigningKey } from '../../src/core/consultation-edit.js';
import type { Queryable, Row } from '../db/db.js';
import type { LoadedConsultation, SigningKeyRecord } from '../setup/config.js';
import { iso, newId } from './ids.js';

interface ConsultationRow extends Row {
  id: string;
  document: ConsultationEdit | string;
  revision: number;
  from_file: string | null;
  updated_at: unknown;
}
interface KeyRow extends Row {
  id: string;
  consultation_id: string;
  secret: string | null;
  secret_env: string | null;
  created_at: unknown;
  retires_at: unknown;
}

export interface StoredConsultation {
  edit: ConsultationEdit;
  revision: number;
  fromFile: string | null;
  updatedAt: string;
  keys: SigningKeyRecord[];
}

const documentOf = (row: ConsultationRow): ConsultationEdit =>
  (typeof row.document === 'string' ? JSON.parse(row.document) : row.document) as ConsultationEdit;

function keyOf(row: KeyRow, env: Record<string, string | undefined>): SigningKeyRecord {
  const secret = row.secret ?? env[row.secret_env ?? ''] ?? '';
  return {
    id: row.id,
    key: new TextEncoder().encode(secret),
    createdAt: iso(row.created_at),
    retiresAt: row.retires_at ? iso(row.retires_at) : null,
    ...(row.secret_env ? { fromEnv: row.secret_env } : {}),
  };
}

/** What the console shows of a key: never its secret. */
export function publicKey({ id, createdAt, retiresAt, fromEnv }: SigningKeyRecord): SigningKey {
  return { id, createdAt, retiresAt, ...(fromEnv ? { fromEnv } : {}) };
}

/** The edit document of a loaded consultation (what is saved and exported). */
export function editOf(loaded: LoadedConsultation): ConsultationEdit {
  return {
    consultation: loaded.consultation,
    allowedOrigins: loaded.allowedOrigins,
    moderation: loaded.moderation,
    identity: loaded.identitySettings,
  };
}

/** A stored consultation as the routes serve it. */
export function loadedOf(stored: StoredConsultation): LoadedConsultation {
  const { edit, keys } = stored;
  const usable = keys.filter((k) => k.key.length);
  return {
    consultation: edit.consultation,
    allowedOrigins: edit.allowedOrigins,
    moderation: edit.moderation,
    identitySettings: edit.identity,
    identity: edit.identity && usable.length ? { key: usable[0]!.key, keys: usable, ...edit.identity } : null,
    seed: { proposals: [], events: [] },
    file: stored.fromFile ?? 'database',
  };
}

/** Every stored consultation's id and revision (cheap: what changed since the last load). */
export async function consultationRevisions(q: Queryable): Promise<Map<string, number>> {
  const rows = await q.query<{ id: string; revision: number }>('SELECT id, revision FROM consultations');
  return new Map(rows.map((r) => [r.id, r.revision]));
}

export async function storedConsultations(
  q: Queryable,
  ids: string[] | null,
  env: Record<string, string | undefined> = process.env,
): Promise<StoredConsultation[]> {
  const rows = ids
    ? await q.query<ConsultationRow>('SELECT * FROM consultations WHERE id = ANY($1) ORDER BY id', [ids])
    : await q.query<ConsultationRow>('SELECT * FROM consultations ORDER BY id');
  if (!rows.length) return [];
  const keys = await q.query<KeyRow>('SELECT * FROM consultation_keys WHERE consultation_id = ANY($1) ORDER BY created_at DESC, id', [
    rows.map((r) => r.id),
  ]);
  return rows.map((row) => ({
    edit: documentOf(row),
    revision: row.revision,
    fromFile: row.from_file,
    updatedAt: iso(row.updated_at),
    keys: keys.filter((k) => k.consultation_id === row.id).map((k) => keyOf(k, env)),
  }));
}

export async function storedConsultation(q: Queryable, id: string): Promise<StoredConsultation | null> {
  return (await storedConsultations(q, [id]))[0] ?? null;
}

/**
 * A consultation from a configuration file, at start: inserted when new; replaced (times re-resolved,
 * its file key renewed) while it was never edited in the console. Returns true when written.
 */
export async function importFromFile(q: Queryable, loaded: LoadedConsultation, at: number): Promise<boolean> {
  const id = loaded.consultation.id;
  const written = await q.query(
    `INSERT INTO consultations (id, document, from_file, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, from_file = EXCLUDED.from_file, updated_at = EXCLUDED.updated_at
     WHERE consultations.from_file IS NOT NULL RETURNING id`,
    [id, JSON.stringify(editOf(loaded)), loaded.file, new Date(at)],
  );
  if (!written.length) return false;
  await q.query('DELETE FROM consultation_keys WHERE id = $1', [`${id}:file`]);
  const key = loaded.identity?.keys[0];
  if (key) {
    await q.query('INSERT INTO consultation_keys (id, consultation_id, secret, secret_env, created_at) VALUES ($1, $2, $3, $4, $5)', [
      `${id}:file`,
      id,
      key.fromEnv ? null : new TextDecoder().decode(key.key),
      key.fromEnv ?? null,
      new Date(at),
    ]);
  }
  return true;
}

/**
 * Saves an edit. `revision`: the one the editor started from (null: create, refused if the id exists).
 * Returns the new revision, or null when someone saved in between (or the id is taken).
 */
export async function saveConsultation(q: Queryable, edit: ConsultationEdit, revision: number | null, at: number): Promise<number | null> {
  const id = edit.consultation.id;
  const document = JSON.stringify(edit);
  if (revision === null) {
    const rows = await q.query(
      'INSERT INTO consultations (id, document, created_at, updated_at) VALUES ($1, $2, $3, $3) ON CONFLICT (id) DO NOTHING RETURNING revision',
      [id, document, new Date(at)],
    );
    return rows.length ? 1 : null;
  }
  const rows = await q.query<{ revision: number }>(
    'UPDATE consultations SET document = $2, revision = revision + 1, from_file = NULL, updated_at = $4 WHERE id = $1 AND revision = $3 RETURNING revision',
    [id, document, revision, new Date(at)],
  );
  return rows[0]?.revision ?? null;
}

/** A consultation the server knows only from its options (tests, or before the first save): stored as is. */
export async function ensureStored(q: Queryable, loaded: LoadedConsultation, at: number): Promise<void> {
  const exists = await q.query('SELECT 1 FROM consultations WHERE id = $1', [loaded.consultation.id]);
  if (!exists.length) await importFromFile(q, loaded, at);
}

/**
 * A new signing key (its secret returned once); the keys still valid now retire after `overlapHours`.
 * Counts as an edit: the revision moves (other processes reload) and the file no longer rules.
 */
export async function rotateKey(
  q: Queryable,
  consultationId: string,
  overlapHours: number,
  at: number,
): Promise<{ key: SigningKeyRecord; secret: string }> {
  const retire = new Date(at + overlapHours * 3_600_000);
  await q.query('UPDATE consultation_keys SET retires_at = $2 WHERE consultation_id = $1 AND (retires_at IS NULL OR retires_at > $2)', [
    consultationId,
    retire,
  ]);
  const secret = randomBytes(32).toString('base64url');
  const id = newId('key');
  await q.query('INSERT INTO consultation_keys (id, consultation_id, secret, created_at) VALUES ($1, $2, $3, $4)', [
    id,
    consultationId,
    secret,
    new Date(at),
  ]);
  await q.query('UPDATE consultations SET revision = revision + 1, from_file = NULL, updated_at = $2 WHERE id = $1', [
    consultationId,
    new Date(at),
  ]);
  return { key: { id, key: new TextEncoder().encode(secret), createdAt: new Date(at).toISOString(), retiresAt: null }, secret };
}

/** Organiser accounts and their roles per consultation (`*`: every consultation). */
import type { Organiser, OrganiserRole, RoleGrant } from '../../src/core/organisers.js';
import type { Queryable, Row } from '../db/db.js';
import { iso, newId } from './ids.js';

interface OrganiserRow extends Row {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  created_at: unknown;
}

export interface OrganiserRecord extends Organiser {
  passwordHash: string | null;
}

async function withRoles(q: Queryable, rows: OrganiserRow[]): Promise<OrganiserRecord[]> {
  if (!rows.length) return [];
  const grants = await q.query<{ organiser_id: string; consultation_id: string; role: OrganiserRole }>(
    'SELECT organiser_id, consultation_id, role FROM organiser_roles WHERE organiser_id = ANY($1) ORDER BY consultation_id',
    [rows.map((r) => r.id)],
  );
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    createdAt: iso(row.created_at),
    roles: grants.filter((g) => g.organiser_id === row.id).map((g) => ({ consultationId: g.consultation_id, role: g.role })),
    passwordHash: row.password_hash,
  }));
}

export async function organiserByEmail(q: Queryable, email: string): Promise<OrganiserRecord | null> {
  const rows = await q.query<OrganiserRow>('SELECT * FROM organisers WHERE email = $1', [email.trim().toLowerCase()]);
  return (await withRoles(q, rows))[0] ?? null;
}

export async function organiserById(q: Queryable, id: string): Promise<OrganiserRecord | null> {
  return (await withRoles(q, await q.query<OrganiserRow>('SELECT * FROM organisers WHERE id = $1', [id])))[0] ?? null;
}

export async function listOrganisers(q: Queryable): Promise<OrganiserRecord[]> {
  return withRoles(q, await q.query<OrganiserRow>('SELECT * FROM organisers ORDER BY email'));
}

export async function countOrganisers(q: Queryable): Promise<number> {
  return (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM organisers'))[0]!.n;
}

/** Null when the e-mail is taken. */
export async function createOrganiser(
  q: Queryable,
  input: { email: string; displayName: string; passwordHash: string | null; roles: RoleGrant[] },
  at: number,
): Promise<OrganiserRecord | null> {
  const id = newId('org');
  const inserted = await q.query(
    'INSERT INTO organisers (id, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING RETURNING id',
    [id, input.email.trim().toLowerCase(), input.displayName, input.passwordHash, new Date(at)],
  );
  if (!inserted.length) return null;
  await setRoles(q, id, input.roles);
  return organiserById(q, id);
}

export async function setRoles(q: Queryable, organiserId: string, roles: RoleGrant[]): Promise<void> {
  await q.query('DELETE FROM organiser_roles WHERE organiser_id = $1', [organiserId]);
  for (const grant of roles) {
    await q.query(
      'INSERT INTO organiser_roles (organiser_id, consultation_id, role) VALUES ($1, $2, $3) ON CONFLICT (organiser_id, consultation_id) DO UPDATE SET role = EXCLUDED.role',
      [organiserId, grant.consultationId, grant.role],
    );
  }
}

export async function setPasswordHash(q: Queryable, organiserId: string, passwordHash: string): Promise<boolean> {
  return (await q.query('UPDATE organisers SET password_hash = $2 WHERE id = $1 RETURNING id', [organiserId, passwordHash])).length > 0;
}

/** The role an organiser holds on a consultation (its own grant, else the `*` one). */
export function roleOn(organiser: Pick<Organiser, 'roles'>, consultationId: string): OrganiserRole | null {
  const own = organiser.roles.find((g) => g.consultationId === consultationId)?.role;
  const all = organiser.roles.find((g) => g.consultationId === '*')?.role;
  return own === 'admin' || all === 'admin' ? 'admin' : (own ?? all ?? null);
}

export function publicOrganiser({ passwordHash: _, ...organiser }: OrganiserRecord): Organiser {
  return organiser;
}

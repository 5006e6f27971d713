/**
 * Consultations set up by organisers (issue 19) for the OpenAPI document: every console action on a
 * consultation is one of these operations (server/routes/organisers/consultations.ts).
 */
import type * as z from 'zod/mini';
import * as edit from '../../src/core/consultation-edit.js';
import { EXAMPLES } from './examples.js';
import type { RouteDoc } from './route-doc.js';

const C = '/admin/consultations/{id}';
const DENIED: RouteDoc['refusals'] = {
  forbidden: 'the caller is not an admin of this consultation, or a cookie write without a valid `X-CSRF-Token`',
};
const SERVER_ADMIN: RouteDoc['refusals'] = {
  forbidden: 'the caller is not a server admin (role `admin` on `*`), or a cookie write without a valid `X-CSRF-Token`',
};
const INVALID = 'a field breaks its rule (`fieldErrors`, paths such as `consultation.phases.1.endsAt`)';

export const CONSULTATION_ROUTES: RouteDoc[] = [
  {
    id: 'getConsultationSettings',
    method: 'get',
    path: `${C}/settings`,
    tag: 'Organisers',
    summary: 'A consultation as its admins edit it',
    description:
      'The public consultation plus its host origins, the moderation mode of each kind of contribution other than proposals (theirs is `settings.moderation`), host-signed identities (issuer, audience, keys without their secrets) and the revision to send back when saving.',
    auth: 'organiser',
    ok: { status: 200, description: 'The consultation’s settings', schema: 'ConsultationAdmin' },
    refusals: { ...DENIED, 'not-found': 'no such consultation' },
  },
  {
    id: 'saveConsultationSettings',
    method: 'put',
    path: `${C}/settings`,
    tag: 'Organisers',
    summary: 'Save a consultation’s settings',
    description:
      'Validated by the shared schema and rules (unique ids, phases in order, phase lists naming phases, origins). Applies at once: the public document (`GET /consultations/{id}`, revalidated at every load) changes its ETag. Audited.',
    auth: 'organiser',
    body: 'ConsultationSave',
    ok: { status: 200, description: 'The saved settings, with the next revision', schema: 'ConsultationAdmin' },
    refusals: {
      ...DENIED,
      validation: `${INVALID}; the id cannot change`,
      conflict: 'someone saved a newer revision in the meantime',
      'not-found': 'no such consultation',
    },
  },
  {
    id: 'createConsultation',
    method: 'post',
    path: '/admin/consultations',
    tag: 'Organisers',
    summary: 'Create a consultation (server admins)',
    description: 'Same document and rules as a save, without a revision.',
    auth: 'organiser',
    body: 'ConsultationEdit',
    ok: { status: 201, description: 'The new consultation’s settings (revision 1)', schema: 'ConsultationAdmin' },
    refusals: { ...SERVER_ADMIN, validation: INVALID, conflict: 'a consultation has this id already' },
  },
  {
    id: 'exportConsultation',
    method: 'get',
    path: `${C}/export`,
    tag: 'Organisers',
    summary: 'A consultation as a JSON file (the server/config format)',
    description:
      'Times absolute, no secret, no participation data (that is the open-data export). Imported elsewhere, it gives an equal consultation.',
    auth: 'organiser',
    ok: { status: 200, description: 'The file (Content-Disposition: attachment)', schema: 'ConsultationExport' },
    refusals: { ...DENIED, 'not-found': 'no such consultation' },
  },
  {
    id: 'importConsultation',
    method: 'post',
    path: '/admin/consultations/import',
    tag: 'Organisers',
    summary: 'Import a JSON file (server admins): creates the consultation or replaces its settings',
    description:
      'Any file of the server/config format: relative times (`{"relativeDays": -3}`) are resolved now; an `identity.secret` becomes a signing key; a `seed` is not imported (demo data is written at start only).',
    auth: 'organiser',
    body: 'ConsultationExport',
    ok: { status: 201, description: 'Created (200: replaced)', schema: 'ConsultationAdmin' },
    refusals: { ...SERVER_ADMIN, validation: INVALID },
  },
  {
    id: 'rotateSigningKey',
    method: 'post',
    path: `${C}/keys`,
    tag: 'Organisers',
    summary: 'A new host-signing key; the previous ones retire after an overlap',
    description:
      'The secret is in this answer only. Assertions signed with a previous key are accepted for `overlapHours` more (72 by default), while the host site switches. Audited.',
    auth: 'organiser',
    body: 'KeyRotationInput',
    ok: { status: 201, description: 'The new key and its secret', schema: 'KeyRotation' },
    refusals: {
      ...DENIED,
      validation: INVALID,
      conflict: 'the consultation takes no host-signed identities',
      'not-found': 'no such consultation',
    },
  },
];

export const CONSULTATION_ANSWERS: Record<string, z.ZodMiniType> = {
  ConsultationAdmin: edit.ConsultationAdmin,
  ConsultationExport: edit.ConsultationExport,
  KeyRotation: edit.KeyRotation,
  SigningKey: edit.SigningKey,
};
export const CONSULTATION_REQUESTS: Record<string, z.ZodMiniType> = {
  ConsultationEdit: edit.ConsultationEdit,
  ConsultationSave: edit.ConsultationSave,
  KeyRotationInput: edit.KeyRotationInput,
};

const AT = '2026-03-02T09:00:00.000Z';
const key = { id: 'key-Qm3vR8xT1kL0', createdAt: AT, retiresAt: null };
const document = {
  consultation: EXAMPLES.Consultation,
  allowedOrigins: ['https://www.ville.example.fr'],
  moderation: { event: 'pre' },
  identity: { issuer: 'https://www.ville.example.fr' },
};

export const CONSULTATION_EXAMPLES: Record<string, unknown> = {
  ConsultationAdmin: { ...document, revision: 4, updatedAt: AT, keys: [key] },
  ConsultationExport: document,
  KeyRotation: { key, secret: 'c2VjcmV0LXNob3duLW9uY2UtZXhhbXBsZS1rZXk' },
  SigningKey: key,
  ConsultationEdit: document,
  ConsultationSave: { ...document, revision: 4 },
  KeyRotationInput: { overlapHours: 72 },
};

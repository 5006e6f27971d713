/** Test helpers: serving an app on a free port, a small HTTP client, test consultations, JWTs. */
import { SignJWT } from 'jose';
import { createApp } from '../app.js';
import type { AppOptions } from '../context.js';
import { listen } from '../http/listen.js';
import { parseConsultationFile, type LoadedConsultation } from '../setup/config.js';

export interface Served {
  url: string;
  close(): Promise<void>;
}

/**
 * Bounds that never shed (issue 25): for suites that fire bursts at PGlite and check every answer. Shedding
 * sheds by time waited, which a loaded machine changes; it has tests of its own (db/db.test.ts, shed.test.ts).
 */
export const NO_SHEDDING = { queue: 1e9, waitMs: 1e9 };

export async function serveApp(options: AppOptions): Promise<Served> {
  const { app } = createApp(options);
  const { server, port } = await listen(app, { port: 0, hostname: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}
export interface CallOptions {
  token?: string | null;
  body?: unknown;
  raw?: string;
  key?: string;
  headers?: Record<string, string>;
}

/** `call('PUT', '/consultations/x/proposals/p/vote', { token, body, key })` against /api/v1. */
export function client(base: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.key) headers['idempotency-key'] = options.key;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${base}/api/v1${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (CSV, HTML).
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  };
}
export type Call = ReturnType<typeof client>;

export const IDENTITY_SECRET = 'a-test-key-shared-with-the-host-cms-0123456789';

export async function signIdentity(
  claims: { sub: string; name?: string },
  options: { secret?: string; expiresIn?: string | number } = {},
): Promise<string> {
  return new SignJWT({ ...(claims.name ? { name: claims.name } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(new TextEncoder().encode(options.secret ?? IDENTITY_SECRET));
}

const rel = (relativeDays: number, time?: string) => (time ? { relativeDays, time } : { relativeDays });

function consultationFile(
  id: string,
  overrides: { settings?: Record<string, unknown>; phases?: unknown[]; extra?: Record<string, unknown> } = {},
) {
  return {
    consultation: {
      id,
      title: `Consultation ${id}`,
      description: 'Une consultation de test.',
      timeZone: 'Europe/Paris',
      phases: overrides.phases ?? [
        { id: 'ideation', title: 'Idéation', kind: 'ideation', startsAt: rel(-10), endsAt: rel(21) },
        { id: 'redaction', title: 'Co-rédaction', kind: 'collaborative-writing', startsAt: rel(82), endsAt: rel(112) },
      ],
      categories: [
        { id: 'donnees', title: 'Ouvrir plus de données' },
        { id: 'participation', title: 'Augmenter la participation' },
      ],
      settings: {
        proposalPhases: ['ideation'],
        votePhases: ['ideation'],
        eventProposalPhases: ['ideation'],
        voteModel: 'support',
        votesPerParticipant: null,
        voteWithdrawal: true,
        supportThreshold: null,
        hideCountsUntilEnd: false,
        moderation: 'post',
        proposalFields: {
          title: { min: 10, max: 120 },
          body: { min: 30, max: 3000 },
          categoryRequired: true,
          authorName: 'optional',
          email: 'optional',
          extraFields: [],
          consent: { text: 'J’accepte.' },
        },
        eventFormats: [
          { id: 'atelier-relais', label: 'Atelier-relais' },
          { id: 'ministere-ouvert', label: 'Ministère ouvert' },
        ],
        ...overrides.settings,
      },
    },
    allowedOrigins: ['https://ville.example.fr'],
    ...overrides.extra,
  };
}

const address = {
  placeName: 'Forum de Grenelle',
  street: '5 rue de la Croix Nivert',
  postalCode: '75015',
  locality: 'Paris',
  country: 'FR',
};

/**
 * Test consultations: `open` (ideation open, 3 votes each, identities), `final` (for/against/mixed,
 * votes final), `closed` (between phases), `hidden` (counts hidden, pre-moderation, a required
 * select field, interest votes, any origin).
 */
export function testConsultations(now = Date.now()): LoadedConsultation[] {
  const proposals = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      title: `Proposition numéro ${i} pour ouvrir les données`,
      body: `Le corps de la proposition ${i}, assez long pour un test.`,
      categoryId: i % 2 ? 'participation' : 'donnees',
      authorName: i % 2 ? 'Claire' : null,
      createdAt: rel(-5 + i, '10:00'),
      votes: { support: i },
    }));
  const files = {
    open: consultationFile('open', {
      settings: { votesPerParticipant: 3 },
      extra: {
        identity: { secret: IDENTITY_SECRET },
        seed: {
          proposals: [
            ...proposals(5),
            {
              id: 'pending-1',
              title: 'Une proposition en attente',
              body: 'Elle attend un modérateur depuis hier soir.',
              categoryId: 'donnees',
              createdAt: rel(-1),
              status: 'pending',
            },
          ],
          events: [
            {
              id: 'past',
              title: 'Ministère ouvert passé',
              format: 'ministere-ouvert',
              description: 'Déjà eu lieu.',
              startsAt: rel(-3, '18:00'),
              endsAt: rel(-3, '20:00'),
              mode: 'in-person',
              address,
              organiser: { name: 'Etalab' },
              registration: { kind: 'inline', capacity: 10 },
            },
            {
              id: 'small',
              title: 'Atelier-relais à Paris',
              format: 'atelier-relais',
              description: 'Deux places.',
              startsAt: rel(2, '18:00'),
              endsAt: rel(2, '20:00'),
              mode: 'in-person',
              address,
              organiser: { name: 'Etalab' },
              registration: { kind: 'inline', capacity: 2 },
            },
            {
              id: 'evry',
              title: 'Atelier-relais à Évry',
              format: 'atelier-relais',
              description: 'En Essonne.',
              startsAt: rel(3, '18:00'),
              endsAt: rel(3, '20:00'),
              mode: 'in-person',
              address: { locality: 'Évry-Courcouronnes', postalCode: '91000' },
              organiser: { name: 'Ville d’Évry' },
              registration: { kind: 'inline', capacity: null },
            },
            {
              id: 'online',
              title: 'Ministère ouvert en ligne',
              format: 'ministere-ouvert',
              description: 'En visio.',
              startsAt: rel(4, '12:00'),
              endsAt: rel(4, '13:00'),
              mode: 'online',
              onlineUrl: 'https://visio.example.fr/mo',
              organiser: { name: 'Etalab' },
              registration: { kind: 'external', url: 'https://inscription.example.fr/mo' },
            },
            {
              id: 'cancelled',
              title: 'Atelier annulé',
              format: 'atelier-relais',
              description: 'Annulé.',
              startsAt: rel(5, '18:00'),
              endsAt: rel(5, '20:00'),
              mode: 'in-person',
              address,
              organiser: { name: 'Etalab' },
              status: 'cancelled',
              registration: { kind: 'inline', capacity: 20 },
            },
            {
              id: 'waiting',
              title: 'Atelier proposé',
              format: 'atelier-relais',
              description: 'En attente.',
              startsAt: rel(6, '18:00'),
              endsAt: rel(6, '20:00'),
              mode: 'in-person',
              address,
              organiser: { name: 'Habitants' },
              registration: { kind: 'none' },
              moderation: 'pending',
            },
          ],
        },
      },
    }),
    final: consultationFile('final', {
      settings: { voteModel: 'for-against-mixed', voteWithdrawal: false, comments: { stance: 'off' } },
      extra: { seed: { proposals: proposals(2).map((p) => ({ ...p, id: `f${p.id}`, votes: {} })) } },
    }),
    closed: consultationFile('closed', {
      settings: { proposalPhases: ['ideation', 'redaction'] },
      phases: [
        { id: 'ideation', title: 'Idéation', kind: 'ideation', startsAt: rel(-40), endsAt: rel(-10) },
        { id: 'redaction', title: 'Co-rédaction', kind: 'collaborative-writing', startsAt: rel(10), endsAt: rel(40) },
      ],
      extra: { seed: { proposals: proposals(1).map((p) => ({ ...p, id: `c${p.id}` })) } },
    }),
    hidden: consultationFile('hidden', {
      settings: {
        voteModel: 'interest',
        hideCountsUntilEnd: true,
        moderation: 'pre',
        comments: { moderation: 'pre', stance: 'required', phases: ['ideation'] },
        proposalFields: {
          title: { min: 10, max: 120 },
          body: { min: 30, max: 3000 },
          categoryRequired: false,
          authorName: 'required',
          email: 'required',
          extraFields: [
            {
              id: 'format',
              label: 'Format',
              type: 'select',
              required: true,
              options: [
                { value: 'atelier', label: 'Atelier' },
                { value: 'pitch', label: 'Pitch' },
              ],
            },
          ],
          consent: null,
        },
      },
      extra: {
        allowedOrigins: ['*'],
        // Amendments wait for a moderator here (issue 21; the default is post-moderation).
        moderation: { amendment: 'pre' },
        seed: {
          proposals: [
            {
              id: 'h0',
              title: '=HYPERLINK("x") formule',
              body: 'Un corps, avec "guillemets"\net une ligne.',
              extra: { format: 'pitch' },
              createdAt: rel(-2),
              votes: { interest: 4 },
            },
          ],
        },
      },
    }),
  };
  return Object.entries(files).map(([name, file]) => parseConsultationFile(JSON.stringify(file), `${name}.json`, { now }));
}

export const validDraft = {
  title: 'Publier les budgets des communes',
  body: 'Chaque commune publierait son budget en données ouvertes.',
  categoryId: 'donnees',
  consent: true,
};

export function eventProposal(now = Date.now()) {
  const start = new Date(now + 5 * 86_400_000);
  return {
    title: 'Atelier-relais à Lyon',
    format: 'atelier-relais',
    description: 'Un atelier pour nourrir la consultation en ligne, ouvert à toutes et tous.',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    mode: 'in-person',
    address: { placeName: 'Hôtel de Ville', postalCode: '69001', locality: 'Lyon' },
    capacity: 20,
    organiserName: 'Camille',
    organiserEmail: 'camille@example.fr',
    consent: true,
  };
}

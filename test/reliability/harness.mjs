// Shared by the reliability suites (issue 9): loading the server's TypeScript, test consultations written
// as configuration files, an HTTP client, the problem+json check and a tally of checks that prints its
// figures. Every suite reports REAL counts: one case = one request or scenario actually tried.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ADMIN_TOKEN = 'reliability-admin-token-0123456789';
export const IDENTITY_SECRET = 'a-reliability-key-shared-with-the-host-0123456789';
export const ALLOWED_ORIGIN = 'https://ville.example.fr';
/** Limits high enough that only the limits suite ever meets a 429. */
export const OPEN_LIMITS = { writesPerMinute: 1e9, writesPerIpPerMinute: 1e9, participantsPerMinute: 1e9 };

const modules = new Map();
/** A TypeScript module of the repository (through tsx, which registers nothing globally). */
export async function loadTs(path) {
  if (!modules.has(path)) {
    const { tsImport } = await import('tsx/esm/api');
    modules.set(path, tsImport(pathToFileURL(join(ROOT, path)).href, import.meta.url));
  }
  return modules.get(path);
}

export const schemas = () => loadTs('src/core/schemas.ts');

const rel = (relativeDays, time) => (time ? { relativeDays, time } : { relativeDays });

function consultation(id, { settings = {}, fields = {}, extra = {} } = {}) {
  return {
    consultation: {
      id,
      title: `Consultation ${id}`,
      description: 'Une consultation de test.',
      timeZone: 'Europe/Paris',
      phases: [
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
          categoryRequired: false,
          authorName: 'optional',
          email: 'optional',
          extraFields: [{ id: 'commune', label: 'Commune', type: 'text', required: false, maxLength: 200 }],
          consent: { text: 'J’accepte.' },
          ...fields,
        },
        eventFormats: [
          { id: 'atelier-relais', label: 'Atelier-relais' },
          { id: 'ministere-ouvert', label: 'Ministère ouvert' },
        ],
        ...settings,
      },
    },
    allowedOrigins: [ALLOWED_ORIGIN],
    identity: { secret: IDENTITY_SECRET },
    ...extra,
  };
}

const address = { placeName: 'Forum', street: '5 rue de la Croix Nivert', postalCode: '75015', locality: 'Paris', country: 'FR' };

/**
 * `open`: post-moderation, 3 votes each, seeded proposals and events; `unlimited`: no vote limit;
 * `pre`: pre-moderation, for/against/mixed, final votes, a required select, name and e-mail required.
 */
export function consultationFiles() {
  return [
    consultation('open', {
      settings: { votesPerParticipant: 3 },
      extra: {
        seed: {
          proposals: Array.from({ length: 4 }, (_, i) => ({
            id: `s${i}`,
            title: `Proposition numéro ${i} pour ouvrir les données`,
            body: `Le corps de la proposition ${i}, assez long pour un test.`,
            categoryId: 'donnees',
            createdAt: rel(-3 + i, '10:00'),
          })),
          events: [
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
              id: 'big',
              title: 'Ministère ouvert',
              format: 'ministere-ouvert',
              description: 'Sans limite.',
              startsAt: rel(3, '18:00'),
              endsAt: rel(3, '20:00'),
              mode: 'in-person',
              address,
              organiser: { name: 'Etalab' },
              registration: { kind: 'inline', capacity: null },
            },
          ],
        },
      },
    }),
    consultation('unlimited'),
    consultation('pre', {
      settings: { voteModel: 'for-against-mixed', voteWithdrawal: false, moderation: 'pre' },
      fields: {
        authorName: 'required',
        email: 'required',
        categoryRequired: true,
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
      },
      extra: { allowedOrigins: ['*'], identity: undefined },
    }),
  ].map((file) => JSON.parse(JSON.stringify(file)));
}

/** Writes consultation files to a temporary folder; returns it and a cleanup. */
export function writeConfig(files = consultationFiles()) {
  const dir = mkdtempSync(join(tmpdir(), 'pgo-reliability-config-'));
  files.forEach((file, i) => writeFileSync(join(dir, `${String(i).padStart(2, '0')}.json`), JSON.stringify(file, null, 2)));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The reference server in this process (`startServer` of server/server.ts); `db` is its database. */
export async function startTestServer({ files, limits = OPEN_LIMITS, dataDir = 'memory://', databaseUrl, staticDirs, log } = {}) {
  const { startServer } = await loadTs('server/server.ts');
  const config = writeConfig(files);
  try {
    const server = await startServer({
      port: 0,
      dataDir,
      databaseUrl,
      configDir: config.dir,
      adminToken: ADMIN_TOKEN,
      limits,
      staticDirs,
      log,
      // These suites fire bursts at PGlite and check every answer: PGlite's queue must not shed them by time
      // waited, which a loaded machine changes (shedding is tested on its own: server/shed.test.ts).
      ...(databaseUrl ? {} : { database: { queue: 1e9, waitMs: 1e9 } }),
    });
    const { loadConsultations } = await loadTs('server/setup/config.ts');
    // The same files, loaded as the server did: consultation id -> Consultation.
    const consultations = new Map(loadConsultations(config.dir).map((c) => [c.consultation.id, c.consultation]));
    return {
      ...server,
      consultations,
      async close() {
        await server.close();
        config.remove();
      },
    };
  } catch (error) {
    config.remove();
    throw error;
  }
}

/** `call('PUT', '/consultations/x/proposals/p/vote', { token, body, key, headers, raw })` against /api/v1. */
export function client(base, { fetchImpl = fetch } = {}) {
  return async function call(method, path, options = {}) {
    const headers = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.key !== undefined) headers['idempotency-key'] = options.key;
    let body = options.raw;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    const res = await fetchImpl(`${base}/api/v1${path}`, { method, headers, body, signal: options.signal });
    const text = await res.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // CSV, HTML.
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
}

/**
 * The same client on node:http with its own connection pool: `connections` sockets at most (a burst of
 * 1,000 requests queues on them instead of overflowing the server's accept backlog of 511), optionally
 * from another loopback address (`localAddress: '127.0.0.2'`: another client IP).
 */
export function pooledClient(base, { connections = 256, localAddress } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections, localAddress });
  const call = (method, path, options = {}) =>
    new Promise((resolve, reject) => {
      const headers = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.key !== undefined) headers['idempotency-key'] = options.key;
      const body = options.body !== undefined ? JSON.stringify(options.body) : options.raw;
      if (body !== undefined) {
        headers['content-type'] ??= 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = httpRequest(`${base}/api/v1${path}`, { method, agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // Not JSON.
          }
          resolve({
            status: res.statusCode,
            headers: new Headers(
              Object.entries(res.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, String(v)]])),
            ),
            body: parsed,
            text,
          });
        });
      });
      // A kept-alive socket that the server closed while it sat idle (its keep-alive timeout) resets when
      // reused: the server never saw the request, so sending it again on a fresh socket is what Node's docs
      // prescribe (`request.reusedSocket`); each such reset discards one stale socket, so this ends. Any other
      // error, or a reset on a fresh socket, is the server's and fails the call.
      req.on('error', (error) => {
        if (req.reusedSocket && error.code === 'ECONNRESET') call(method, path, options).then(resolve, reject);
        else reject(Object.assign(error, { message: `${error.message} (${method} ${path})` }));
      });
      req.end(body);
    });
  call.close = () => agent.destroy();
  return call;
}

/** Why an answer is not a proper problem+json refusal (null when it is one). */
export function problemDefect(ApiError, answer) {
  const type = answer.headers.get('content-type') ?? '';
  if (!/^application\/problem\+json/.test(type))
    return `content-type ${type || '(none)'} for ${answer.status}: ${answer.text.slice(0, 120)}`;
  const parsed = ApiError.safeParse(answer.body);
  if (!parsed.success) return `not an ApiError: ${answer.text.slice(0, 200)}`;
  const problem = parsed.data;
  if (problem.status !== answer.status) return `status ${problem.status} in the body, ${answer.status} on the wire`;
  if (!problem.title.trim() || problem.title.length < 5) return `unclear title “${problem.title}”`;
  if (answer.status === 429 && !answer.headers.get('retry-after')) return '429 without Retry-After';
  return null;
}

/** Counts checks; `report()` prints the figures and returns `{ passed, failed }`. */
export class Tally {
  constructor(name) {
    this.name = name;
    this.passed = 0;
    this.failed = 0;
    this.failures = [];
    this.started = performance.now();
  }

  /** `problem`: null/false/undefined when fine, else a description of what went wrong. */
  check(title, problem) {
    if (problem) {
      this.failed++;
      if (this.failures.length < 40) this.failures.push(`${title}: ${problem}`);
      console.log(`  ✗ ${title}: ${problem}`);
    } else {
      this.passed++;
    }
    return !problem;
  }

  /** A check whose passing is printed too (scenario-level checks). */
  say(title, problem) {
    const ok = this.check(title, problem);
    if (ok) console.log(`  ✓ ${title}`);
    return ok;
  }

  report(figures = {}) {
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    const lines = Object.entries(figures).map(([k, v]) => `${k}: ${v}`);
    console.log(
      `  ${this.name}: ${lines.join(', ')}${lines.length ? ', ' : ''}checks: ${this.passed + this.failed}, failures: ${this.failed}, ${seconds} s`,
    );
    // The failures travel to `npm test`'s closing `Failures:` block: CI keeps only the log's tail.
    const context = this.context ? `[${this.context}] ` : '';
    return { passed: this.passed, failed: this.failed, failures: this.failures.map((failure) => context + failure.slice(0, 800)) };
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

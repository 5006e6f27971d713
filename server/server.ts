/**
 * `startServer`: opens the database (PGlite in a folder by default, PostgreSQL with `databaseUrl`),
 * runs the migrations, loads and validates the consultation files, seeds them on first run, and
 * listens. Returns the address and a `close()` that stops everything it started.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { DEFAULT_LIMITS, type AppOptions, type Limits } from './context.js';
import { openDatabase, type DatabaseBounds, type Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { listen } from './http/listen.js';
import { loadConsultations, type LoadedConsultation } from './setup/config.js';
import { seedConsultations } from './setup/seed.js';
import { adminTokenRotated, newSetupToken } from './store/admin-tokens.js';
import { importFromFile, loadedOf, storedConsultations } from './store/consultations.js';
import { countOrganisers } from './store/organisers.js';

export const DEFAULT_DATA_DIR = '.data/pglite';
/** The demo consultations, found from this module so any working directory will do. */
export const DEFAULT_CONFIG_DIR = fileURLToPath(new URL('./config/', import.meta.url));

export interface ServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** PGlite data folder (default .data/pglite); `memory://` for a throw-away database. */
  dataDir?: string;
  /** A PostgreSQL connection string; wins over dataDir. */
  databaseUrl?: string;
  configDir?: string;
  /** Generated (and logged) when not given. */
  adminToken?: string;
  log?: (line: string) => void;
  staticDirs?: Record<string, string>;
  limits?: Partial<Limits>;
  /** false in the workers of a cluster: the primary issues the one setup token (cluster.ts). */
  issueSetupToken?: boolean;
  /** Pool size and how long / how many requests may wait for the database (db/db.ts, DEFAULT_BOUNDS). */
  database?: Partial<DatabaseBounds>;
  clock?: () => number;
  trustProxy?: boolean;
  sessionPolicy?: AppOptions['sessionPolicy'];
  passwordParams?: AppOptions['passwordParams'];
  live?: AppOptions['live'];
  /** OpenID Connect sign-in for organisers (OIDC_* in main.ts). */
  oidc?: AppOptions['oidc'];
}

export interface RunningServer {
  url: string;
  adminToken: string;
  /** While no organiser exists: the one-time token that creates the first admin. */
  setupToken: string | null;
  db: Db;
  close(): Promise<void>;
}

/**
 * Migrations, the consultation files imported into the database (new ones, and those never edited in
 * the console), then the demo seed of consultations seen for the first time. Returns every stored
 * consultation: the database is the one truth once a consultation has been edited.
 */
export async function prepareDatabase(
  db: Db,
  consultations: LoadedConsultation[],
  log: (line: string) => void,
  now = Date.now(),
): Promise<LoadedConsultation[]> {
  const applied = await migrate(db);
  if (applied.length) log(`database: applied ${applied.join(', ')}`);
  const imported: string[] = [];
  for (const loaded of consultations)
    if (await db.transaction((tx) => importFromFile(tx, loaded, now))) imported.push(loaded.consultation.id);
  if (imported.length) log(`consultations imported from files: ${imported.join(', ')}`);
  const seeded = await seedConsultations(db, consultations);
  if (seeded.length) log(`demo data seeded for ${seeded.join(', ')}`);
  return (await storedConsultations(db, null)).map(loadedOf);
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? (() => {});
  const now = options.clock?.() ?? Date.now();
  // Configuration first: a bad file fails fast, before any database work.
  const files = loadConsultations(options.configDir ?? DEFAULT_CONFIG_DIR, { now });
  const db = await openDatabase({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir: options.dataDir ?? DEFAULT_DATA_DIR }),
    bounds: options.database,
  });
  let consultations: LoadedConsultation[];
  try {
    consultations = await prepareDatabase(db, files, log, now);
  } catch (error) {
    await db.close();
    throw error;
  }
  // Once rotated (POST /api/v1/admin/token), the stored token is the one: none is generated any more.
  const rotated = !options.adminToken && (await adminTokenRotated(db));
  const adminToken = options.adminToken ?? (rotated ? '' : randomBytes(24).toString('base64url'));
  if (!options.adminToken) log(rotated ? 'admin token: the last rotated one' : `admin token (generated for this run): ${adminToken}`);
  // No organiser yet: a one-time token to create the first admin (main.ts prints the command).
  const setupToken = options.issueSetupToken !== false && (await countOrganisers(db)) === 0 ? await newSetupToken(db) : null;
  const appOptions: AppOptions = {
    db,
    consultations,
    adminToken,
    log,
    clock: options.clock,
    limits: options.limits,
    staticDirs: options.staticDirs,
    trustProxy: options.trustProxy,
    sessionPolicy: options.sessionPolicy,
    passwordParams: options.passwordParams,
    live: options.live,
    oidc: options.oidc,
    // PostgreSQL may be shared by several processes (a cluster): edits made by one reach the others.
    ...(options.databaseUrl ? { reloadConsultationsMs: 1000 } : {}),
  };
  const { app, ctx } = createApp(appOptions);
  const host = options.host ?? '127.0.0.1';
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = { ...DEFAULT_LIMITS, ...options.limits };
  // Slow clients (slowloris) are cut off: Node checks the timeouts every connectionsCheckingInterval.
  const serverOptions = {
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
  };
  const { server, port } = await listen(app, { port: options.port ?? 8080, hostname: host, serverOptions });
  server.keepAliveTimeout = keepAliveTimeoutMs;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log(`consultations: ${consultations.map((c) => c.consultation.id).join(', ')} (${db.kind})`);
  let closing: Promise<void> | null = null;
  return {
    url,
    adminToken,
    setupToken,
    db,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open.
        server.closeAllConnections();
      })
        .then(() => ctx.live.close())
        .then(() => db.close());
      return closing;
    },
  };
}

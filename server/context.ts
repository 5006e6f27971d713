/** What every route needs: the database, the consultations, the clock, limits and logging. */
import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type { Db } from './db/db.js';
import { DEFAULT_BODY_BYTES, DEFAULT_JSON_DEPTH } from './http/body.js';
import { fail } from './http/problem.js';
import { RateLimiter } from './http/rate-limit.js';
import { LiveHub, REAL_CLOCK, type LiveSettings } from './live/hub.js';
import type { LoadedConsultation } from './setup/config.js';
import { consultationRevisions, loadedOf, storedConsultations } from './store/consultations.js';
import { OidcProvider, type OidcSettings } from './routes/organisers/oidc-settings.js';
import { SCRYPT, type ScryptParams } from './store/passwords.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './store/sessions.js';

export interface Limits {
  /** Largest accepted request body, in bytes (413 beyond). */
  bodyBytes: number;
  /** Deepest accepted JSON nesting. */
  jsonDepth: number;
  /** Writes per participant per minute (429 beyond). */
  writesPerMinute: number;
  /** Writes per client IP per minute, all participants together. */
  writesPerIpPerMinute: number;
  /** New participants (anonymous or verified) per client IP per minute. */
  participantsPerMinute: number;
  /** A client that has not sent its whole request head by then gets 408 and is disconnected (slowloris). */
  headersTimeoutMs: number;
  /** The same for the whole request, body included. */
  requestTimeoutMs: number;
  /**
   * How long an idle kept-alive connection stays open. Longer than a load balancer's idle timeout
   * (60 s for most), and than any pause of a busy process: a shorter one closes sockets on which the
   * next request is already waiting to be read ("socket hang up" at the client).
   */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: DEFAULT_BODY_BYTES,
  jsonDepth: DEFAULT_JSON_DEPTH,
  writesPerMinute: 60,
  writesPerIpPerMinute: 600,
  participantsPerMinute: 30,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
};

export interface AppOptions {
  db: Db;
  consultations: LoadedConsultation[];
  /** Bearer token of the admin routes. */
  adminToken: string;
  /** The server's clock (ms since epoch); tests move it. */
  clock?: () => number;
  log?: (line: string) => void;
  limits?: Partial<Limits>;
  /** URL prefix -> folder served as static files (`{ '/': 'demo', '/dist': 'dist' }`). */
  staticDirs?: Record<string, string>;
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  trustProxy?: boolean;
  /** Organiser sessions and sign-in throttling (store/sessions.ts); scrypt cost of new password hashes. */
  sessionPolicy?: Partial<SessionPolicy>;
  passwordParams?: ScryptParams;
  /**
   * Look for consultations saved by another process at most this often (ms): set when several
   * processes share one PostgreSQL (server.ts does with DATABASE_URL). Unset: never (one process).
   */
  reloadConsultationsMs?: number;
  /** The organiser console's built files, served at /admin/ (default dist/admin). */
  consoleDir?: string;
  /** Live streams (issue 23): coalescing interval, heartbeat, streams per address. */
  live?: Partial<LiveSettings>;
  /** Organisers may also sign in with this OpenID Connect provider (routes/organisers/oidc.ts). */
  oidc?: OidcSettings;
}

export type Env = { Bindings: HttpBindings };

export class AppContext {
  readonly db: Db;
  readonly adminToken: string;
  readonly limits: Limits;
  readonly trustProxy: boolean;
  readonly now: () => number;
  readonly log: (line: string) => void;
  readonly participantWrites: RateLimiter;
  readonly ipWrites: RateLimiter;
  readonly newParticipants: RateLimiter;
  readonly sessionPolicy: SessionPolicy;
  readonly passwordParams: ScryptParams;
  /** This process's live streams (server/live/hub.ts). */
  readonly live: LiveHub;
  /** The OpenID Connect provider organisers may sign in with, if the server has one. */
  readonly oidc: OidcProvider | null;
  private readonly byId: Map<string, LoadedConsultation>;
  /** Revisions of the stored consultations last loaded, and when (performance.now()) they were checked. */
  private readonly revisions = new Map<string, number>();
  private checkedAt = -Infinity;
  private readonly reloadMs: number | undefined;
  private checking: Promise<void> | null = null;

  constructor(options: AppOptions) {
    this.db = options.db;
    this.adminToken = options.adminToken;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.trustProxy = options.trustProxy ?? false;
    this.now = options.clock ?? Date.now;
    this.log = options.log ?? (() => {});
    this.sessionPolicy = { ...DEFAULT_SESSION_POLICY, ...options.sessionPolicy };
    this.passwordParams = options.passwordParams ?? SCRYPT;
    this.reloadMs = options.reloadConsultationsMs;
    this.oidc = options.oidc ? new OidcProvider(options.oidc) : null;
    this.byId = new Map(options.consultations.map((c) => [c.consultation.id, c]));
    // The vote function counts the same `w:p` and `w:ip` keys (migration 041).
    this.participantWrites = new RateLimiter('w:p', this.limits.writesPerMinute);
    this.ipWrites = new RateLimiter('w:ip', this.limits.writesPerIpPerMinute);
    this.newParticipants = new RateLimiter('n:ip', this.limits.participantsPerMinute);
    this.live = new LiveHub(this.db, options.live, { now: this.now, after: REAL_CLOCK.after }, this.log);
  }

  get consultations(): LoadedConsultation[] {
    return [...this.byId.values()];
  }

  /** The configured consultation, or a 404 problem. */
  consultation(id: string): LoadedConsultation {
    const found = this.byId.get(id);
    if (!found) fail('not-found', `No consultation “${id}”`);
    return found;
  }

  find(id: string): LoadedConsultation | undefined {
    return this.byId.get(id);
  }

  /** After a save in this process: serve the new version at once. */
  replaceConsultation(loaded: LoadedConsultation, revision: number): void {
    this.byId.set(loaded.consultation.id, loaded);
    this.revisions.set(loaded.consultation.id, revision);
  }

  /**
   * Loads the consultations saved by another process (several workers on one PostgreSQL): at most one
   * check per `reloadConsultationsMs` (one small query), so an edit reaches every worker within that
   * time. The process that saves serves its edit at once (replaceConsultation). `force`: check now.
   * Once loaded, the periodic check runs in the background (issue 25): under load its query waits for a
   * connection behind every other, and every request of that moment would have waited with it.
   */
  async refreshConsultations(force = false): Promise<void> {
    if (!force && (this.reloadMs === undefined || performance.now() - this.checkedAt < this.reloadMs)) return;
    const waited = force || this.checkedAt === -Infinity;
    const running = this.checking;
    const check = (this.checking ??= (async () => {
      try {
        const revisions = await consultationRevisions(this.db);
        const changed = [...revisions].filter(([id, revision]) => this.revisions.get(id) !== revision).map(([id]) => id);
        for (const stored of changed.length ? await storedConsultations(this.db, changed) : [])
          this.replaceConsultation(loadedOf(stored), stored.revision);
        this.checkedAt = performance.now();
      } finally {
        this.checking = null;
      }
    })());
    if (waited) return check;
    // The copy in memory serves meanwhile; a failed check is logged once and tried again by a later request.
    if (!running) check.catch((error: unknown) => this.log(`consultations not reloaded: ${(error as Error).message}`));
  }

  clientIp(c: Context<Env>): string {
    if (this.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
  }

  /** The origin this server is reached at (for same-origin checks). */
  ownOrigin(c: Context<Env>): string {
    const url = new URL(c.req.url);
    const proto = this.trustProxy ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
    return proto ? `${proto}://${url.host}` : url.origin;
  }
}

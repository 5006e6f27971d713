/**
 * The console's one door to the server: the organiser API (/api/v1/admin, same origin, session cookie,
 * `X-CSRF-Token` on writes) and the public proposal list. Elements never call `fetch`: they call this.
 * Failures are the core `BackendError`s.
 */
import { backendError, BackendError } from '../core/errors.js';
import type {
  AnswerInput,
  AuditEntry,
  ModerationAction,
  Organiser,
  OrganiserInput,
  RoleGrant,
  ModerationQueuePage,
  ModerationTab,
  OrganiserRole,
  OrganiserSession,
  ProposalAnswer,
  SignInOptions,
} from '../core/organisers.js';
import type { ConsultationAdmin, ConsultationEdit, ConsultationSave, KeyRotation } from '../core/consultation-edit.js';
import type { Page, Proposal } from '../core/schemas.js';
import { problemFrom } from '../backends/http.js';

export interface ConsoleConsultation {
  id: string;
  title: string;
  role: OrganiserRole;
}

export class ConsoleClient {
  private csrf = '';

  /** `base`: the server's origin ('' for the page's own). */
  constructor(
    readonly base = '',
    private readonly fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
  ) {}

  /** One request to /api/v1 (also used by documents-client.ts, issue 21). */
  async send<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (error) {
      throw backendError(
        globalThis.navigator?.onLine === false ? 'offline' : 'network',
        error instanceof Error ? error.message : 'The network request failed',
      );
    }
    const text = await response.text();
    if (!response.ok) throw problemFrom(response, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The current session, or null when signed out. */
  async session(): Promise<OrganiserSession | null> {
    try {
      const session = await this.send<OrganiserSession>('GET', '/admin/session');
      this.csrf = session.csrfToken;
      return session;
    } catch (error) {
      if (error instanceof BackendError && error.code === 'unauthorized') return null;
      throw error;
    }
  }

  async signIn(email: string, password: string): Promise<OrganiserSession> {
    const session = await this.send<OrganiserSession>('POST', '/admin/session', { email, password });
    this.csrf = session.csrfToken;
    return session;
  }

  /** Passwords, and the OpenID Connect provider when the server has one. */
  signInOptions(): Promise<SignInOptions> {
    return this.send('GET', '/admin/sign-in-options');
  }

  /** Where the browser goes to sign in with the OpenID Connect provider (a navigation, not a fetch). */
  oidcStartUrl(): string {
    return `${this.base}/api/v1/admin/oidc/start`;
  }

  async signOut(everywhere = false): Promise<void> {
    await this.send('DELETE', everywhere ? '/admin/sessions' : '/admin/session');
    this.csrf = '';
  }

  async consultations(): Promise<ConsoleConsultation[]> {
    return (await this.send<{ consultations: ConsoleConsultation[] }>('GET', '/admin/consultations')).consultations;
  }

  queue(consultationId: string, tab: ModerationTab): Promise<ModerationQueuePage> {
    return this.send('GET', `/admin/consultations/${encodeURIComponent(consultationId)}/queue?tab=${tab}`);
  }

  decide(
    consultationId: string,
    targets: string[],
    action: ModerationAction,
    reason: string,
  ): Promise<{ decided: { target: string; status: string }[] }> {
    return this.send('POST', `/admin/consultations/${encodeURIComponent(consultationId)}/decisions`, { targets, action, reason });
  }

  answer(consultationId: string, proposalId: string, input: AnswerInput): Promise<ProposalAnswer> {
    return this.send(
      'PUT',
      `/admin/consultations/${encodeURIComponent(consultationId)}/proposals/${encodeURIComponent(proposalId)}/answer`,
      input,
    );
  }

  /** Published proposals, newest first (the public list, with their answers). */
  proposals(consultationId: string, cursor?: string | null): Promise<Page<Proposal>> {
    const query = new URLSearchParams({ limit: '50', sort: 'newest', ...(cursor ? { cursor } : {}) });
    return this.send('GET', `/consultations/${encodeURIComponent(consultationId)}/proposals?${query}`);
  }

  async audit(consultationId: string): Promise<AuditEntry[]> {
    return (await this.send<{ entries: AuditEntry[] }>('GET', `/admin/audit?consultation=${encodeURIComponent(consultationId)}`)).entries;
  }

  /** Every organiser (server admins). */
  async organisers(): Promise<Organiser[]> {
    return (await this.send<{ organisers: Organiser[] }>('GET', '/admin/organisers')).organisers;
  }

  createOrganiser(input: OrganiserInput): Promise<Organiser> {
    return this.send('POST', '/admin/organisers', input);
  }

  setRoles(organiserId: string, roles: RoleGrant[]): Promise<Organiser> {
    return this.send('PUT', `/admin/organisers/${encodeURIComponent(organiserId)}/roles`, { roles });
  }

  /** Ends the organiser's sessions too. */
  async resetPassword(organiserId: string, password: string): Promise<void> {
    await this.send('PUT', `/admin/organisers/${encodeURIComponent(organiserId)}/password`, { password });
  }

  /** A consultation's settings as its admins edit them (with the revision to send back). */
  settings(consultationId: string): Promise<ConsultationAdmin> {
    return this.send('GET', `/admin/consultations/${encodeURIComponent(consultationId)}/settings`);
  }

  saveSettings(consultationId: string, save: ConsultationSave): Promise<ConsultationAdmin> {
    return this.send('PUT', `/admin/consultations/${encodeURIComponent(consultationId)}/settings`, save);
  }

  createConsultation(edit: ConsultationEdit): Promise<ConsultationAdmin> {
    return this.send('POST', '/admin/consultations', edit);
  }

  /** A file of the server/config format (parsed JSON): creates the consultation or replaces its settings. */
  importConsultation(file: unknown): Promise<ConsultationAdmin> {
    return this.send('POST', '/admin/consultations/import', file);
  }

  rotateKey(consultationId: string, overlapHours: number): Promise<KeyRotation> {
    return this.send('POST', `/admin/consultations/${encodeURIComponent(consultationId)}/keys`, { overlapHours });
  }

  /** Where the consultation's JSON file downloads from (a plain link: the cookie goes with it). */
  exportUrl(consultationId: string): string {
    return `${this.base}/api/v1/admin/consultations/${encodeURIComponent(consultationId)}/export`;
  }

  /** Where the CSV export downloads from (a plain link: the cookie goes with it). */
  auditCsvUrl(consultationId: string): string {
    return `${this.base}/api/v1/admin/audit?consultation=${encodeURIComponent(consultationId)}&format=csv`;
  }
}

/** A browser-like client for the organiser routes: keeps the session cookie and sends the CSRF token. */
import type { Answer } from './helpers.js';

export interface OrganiserClient {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call<T = any>(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; csrf?: boolean; bearer?: string },
  ): Promise<Answer<T>>;
  signIn(email: string, password: string): Promise<Answer<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  cookie: string | null;
  csrf: string | null;
  /** The raw Set-Cookie of the last answer that had one. */
  setCookie: string | null;
}

export function organiserClient(base: string, defaults: Record<string, string> = {}): OrganiserClient {
  const self: OrganiserClient = {
    cookie: null,
    csrf: null,
    setCookie: null,
    async call(method, path, { body, headers = {}, csrf = true, bearer } = {}) {
      const h: Record<string, string> = { ...defaults, ...headers };
      if (self.cookie) h.cookie = self.cookie;
      if (bearer) h.authorization = `Bearer ${bearer}`;
      if (csrf && self.csrf && method !== 'GET') h['x-csrf-token'] = self.csrf;
      if (body !== undefined) h['content-type'] = 'application/json';
      // Redirects (the OpenID Connect navigations) are answers to look at, not to follow.
      const res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: h,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
      });
      // The session cookie only (the OpenID Connect pending-sign-in cookie is another one).
      const set = res.headers.getSetCookie().find((c) => /^(__Host-)?pgo-organiser=/.test(c));
      if (set) {
        self.setCookie = set;
        const [pair] = set.split(';');
        self.cookie = /max-age=0/i.test(set) ? null : pair!;
      }
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // CSV.
      }
      return { status: res.status, headers: res.headers, body: parsed as never, text };
    },
    async signIn(email, password) {
      const answer = await self.call('POST', '/admin/session', { body: { email, password } });
      if (answer.status === 200) self.csrf = (answer.body as { csrfToken: string }).csrfToken;
      return answer;
    },
  };
  return self;
}

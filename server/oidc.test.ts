/**
 * Issue 19, organisers' OpenID Connect sign-in against a real local provider (`oidc-provider`, started here):
 * authorization code + PKCE, state and nonce checked, mapping by verified e-mail, the refusals the console
 * explains, and the cookie that binds a sign-in to one browser. A small browser follows redirects with a
 * cookie jar per origin, as a browser would; the server's clock is moved, never waited for.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from './server.js';
import { CALLBACK_PATH, OidcProvider, type OidcSettings } from './routes/organisers/oidc-settings.js';
import { OIDC_LOGIN_MS } from './routes/organisers/oidc.js';
import { organiserClient } from './test/organiser-client.js';
import { LIGHT, PASSWORD } from './test/organiser-suite.js';
import { startTestProvider, type TestProvider } from './test/oidc-provider.js';

/** Follows redirects across origins, keeping each origin's cookies (path and SameSite are not modelled). */
class Browser {
  readonly jar = new Map<string, Map<string, string>>();
  /** Set-Cookie headers seen, by cookie name. */
  readonly seen = new Map<string, string>();

  cookies(origin: string): Map<string, string> {
    if (!this.jar.has(origin)) this.jar.set(origin, new Map());
    return this.jar.get(origin)!;
  }

  /** One request; stores its cookies. */
  async request(url: string, headers: Record<string, string> = {}): Promise<Response> {
    const { origin } = new URL(url);
    const cookie = [...this.cookies(origin)].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { redirect: 'manual', headers: { ...headers, ...(cookie ? { cookie } : {}) } });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const name = pair!.slice(0, pair!.indexOf('='));
      this.seen.set(name, set);
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(set)) this.cookies(origin).delete(name);
      else this.cookies(origin).set(name, pair!.slice(name.length + 1));
    }
    return res;
  }

  /** Follows redirects from `url` until `stop(url)` says so or an answer is not a redirect; returns that URL. */
  async follow(url: string, stop: (url: URL) => boolean = () => false): Promise<{ url: URL; res: Response | null }> {
    let at = new URL(url);
    for (let hops = 0; hops < 20; hops++) {
      if (stop(at)) return { url: at, res: null };
      const res = await this.request(at.href);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: at, res };
      at = new URL(location, at);
    }
    throw new Error('too many redirects');
  }
}

const ACCOUNTS = {
  anne: { email: 'Anne.Martin@ville.example.fr', email_verified: true },
  bruno: { email: 'bruno@ville.example.fr', email_verified: false },
  chloe: { email: 'chloe@ailleurs.example.fr', email_verified: true },
  denis: {},
};

const ADMIN = '/admin/';
const atConsole = (url: URL) => url.pathname === ADMIN;
const refusal = (url: URL) => /^#signin-error=(.+)$/.exec(url.hash)?.[1] ?? null;

describe('organiser sign-in with OpenID Connect (local oidc-provider)', () => {
  let provider: TestProvider;
  let server: RunningServer;
  let trusting: RunningServer;
  let now = Date.now();
  const settings = (extra: Partial<OidcSettings> = {}): OidcSettings => ({
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    label: 'ProConnect (test)',
    ...extra,
  });
  const start = (oidc: OidcSettings) =>
    startServer({ port: 0, dataDir: 'memory://', adminToken: 'oidc-admin-token', passwordParams: LIGHT, clock: () => now, oidc });
  const organisers = async (at: RunningServer) => {
    const admin = organiserClient(at.url);
    await admin.call('POST', '/admin/setup', {
      body: { setupToken: at.setupToken, email: 'admin@ville.example.fr', displayName: 'Admin', password: PASSWORD },
    });
    await admin.signIn('admin@ville.example.fr', PASSWORD);
    // Anne and Bruno have no password: OpenID Connect is their only way in.
    for (const [email, displayName] of [
      ['anne.martin@ville.example.fr', 'Anne'],
      ['bruno@ville.example.fr', 'Bruno'],
    ]) {
      const made = await admin.call('POST', '/admin/organisers', {
        body: { email, displayName, roles: [{ consultationId: 'plan-action-2017', role: 'moderator' }] },
      });
      assert.equal(made.status, 201, made.text);
    }
    return admin;
  };
  /** A whole sign-in: the console's button, the provider, back to the console. */
  const signIn = async (at: RunningServer, account: string, browser = new Browser()) => {
    provider.nextAccount = account;
    const { url } = await browser.follow(`${at.url}/api/v1/admin/oidc/start`, atConsole);
    return { browser, url, cookie: browser.cookies(at.url).get('pgo-organiser') };
  };
  /** Up to the provider's redirect back, without following it (the callback URL and the browser holding the state). */
  const untilCallback = async (at: RunningServer, account: string, browser = new Browser()) => {
    provider.nextAccount = account;
    const { url } = await browser.follow(`${at.url}/api/v1/admin/oidc/start`, (u) => u.pathname === CALLBACK_PATH);
    assert.equal(url.pathname, CALLBACK_PATH);
    return { browser, callback: url };
  };
  const sessionOf = async (at: RunningServer, cookie: string | undefined) =>
    fetch(`${at.url}/api/v1/admin/session`, { headers: cookie ? { cookie: `pgo-organiser=${cookie}` } : {} });

  before(async () => {
    provider = await startTestProvider(ACCOUNTS);
    server = await start(settings());
    trusting = await start(settings({ trustEmail: true, label: undefined }));
    provider.register(`${server.url}${CALLBACK_PATH}`);
    provider.register(`${trusting.url}${CALLBACK_PATH}`);
    await organisers(server);
    await organisers(trusting);
  });
  after(async () => {
    await server?.close();
    await trusting?.close();
    await provider?.close();
  });

  it('the sign-in page is offered the provider by name', async () => {
    const options = await (await fetch(`${server.url}/api/v1/admin/sign-in-options`)).json();
    assert.deepEqual(options, { password: true, oidc: { label: 'ProConnect (test)' } });
    const unnamed = await (await fetch(`${trusting.url}/api/v1/admin/sign-in-options`)).json();
    assert.deepEqual(unnamed, { password: true, oidc: { label: 'OpenID Connect' } });
  });

  it('starts an authorization code request with PKCE S256, state and nonce, bound to this browser by a Lax cookie', async () => {
    const browser = new Browser();
    const res = await browser.request(`${server.url}/api/v1/admin/oidc/start`);
    assert.equal(res.status, 302);
    const to = new URL(res.headers.get('location')!);
    assert.equal(to.origin, provider.issuer);
    const q = Object.fromEntries(to.searchParams);
    assert.equal(q.response_type, 'code');
    assert.equal(q.client_id, provider.clientId);
    assert.equal(q.redirect_uri, `${server.url}${CALLBACK_PATH}`);
    assert.equal(q.code_challenge_method, 'S256');
    assert.match(q.code_challenge!, /^[\w-]{43}$/);
    assert.ok(q.state && q.nonce && q.state !== q.nonce);
    assert.equal(q.scope, 'openid email');
    const set = browser.seen.get('pgo-oidc')!;
    assert.match(set, /HttpOnly/i);
    assert.match(set, /SameSite=Lax/i);
    assert.match(set, /Path=\//);
    assert.ok(!browser.seen.has('pgo-organiser'), 'no session before the provider answered');
    // Another request starts another state.
    const again = new URL((await new Browser().request(`${server.url}/api/v1/admin/oidc/start`)).headers.get('location')!);
    assert.notEqual(again.searchParams.get('state'), q.state);
  });

  it('signs in an organiser whose verified e-mail matches (case aside), with a fresh session, audited', async () => {
    const browser = new Browser();
    // A session id planted before sign-in is not kept (fixation).
    browser.cookies(server.url).set('pgo-organiser', 'planted-by-an-attacker');
    const { url, cookie } = await signIn(server, 'anne', browser);
    assert.equal(url.href, `${server.url}${ADMIN}`);
    assert.ok(cookie && cookie !== 'planted-by-an-attacker');
    assert.match(browser.seen.get('pgo-organiser')!, /HttpOnly; SameSite=Strict/i);
    assert.ok(!browser.cookies(server.url).has('pgo-oidc'), 'the pending sign-in is spent');
    const session = await sessionOf(server, cookie);
    assert.equal(session.status, 200);
    const body = await session.json();
    assert.equal(body.organiser.email, 'anne.martin@ville.example.fr');
    assert.deepEqual(body.organiser.roles, [{ consultationId: 'plan-action-2017', role: 'moderator' }]);
    const admin = organiserClient(server.url);
    await admin.signIn('admin@ville.example.fr', PASSWORD);
    const audit = (await admin.call('GET', '/admin/audit')).body.entries as {
      action: string;
      actorName: string;
      details: Record<string, string>;
    }[];
    const entry = audit.find((e) => e.action === 'session.sign-in' && e.actorName === 'Anne');
    assert.deepEqual(entry?.details, { method: 'oidc', issuer: provider.issuer, subject: 'anne' });
  });

  it('refuses an unverified e-mail, an unknown one and a user without e-mail, with a code the console explains', async () => {
    for (const [account, code] of [
      ['bruno', 'unverified-email'],
      ['chloe', 'unknown-email'],
      ['denis', 'no-email'],
    ] as const) {
      const { url, cookie } = await signIn(server, account);
      assert.equal(url.pathname, ADMIN, account);
      assert.equal(refusal(url), code, account);
      assert.equal(cookie, undefined, `${account}: no session`);
    }
  });

  it('a provider trusted for its e-mails (trustEmail) lets the unverified one in; never an unknown one', async () => {
    assert.equal(refusal((await signIn(trusting, 'bruno')).url), null);
    assert.equal((await sessionOf(trusting, (await signIn(trusting, 'bruno')).cookie)).status, 200);
    assert.equal(refusal((await signIn(trusting, 'chloe')).url), 'unknown-email');
  });

  it('checks the state: a callback delivered to another browser (login CSRF) or without a pending sign-in is refused', async () => {
    const { callback } = await untilCallback(server, 'anne');
    // The victim's browser has a pending sign-in of its own: another state.
    const victim = new Browser();
    await victim.request(`${server.url}/api/v1/admin/oidc/start`);
    const forged = await victim.follow(callback.href, atConsole);
    assert.equal(refusal(forged.url), 'failed');
    assert.equal(victim.cookies(server.url).get('pgo-organiser'), undefined);
    // No pending sign-in at all.
    assert.equal(refusal((await new Browser().follow(callback.href, atConsole)).url), 'expired');
  });

  it('checks the nonce of the ID token and the PKCE verifier at the token endpoint', async () => {
    for (const field of ['nonce', 'verifier'] as const) {
      const { browser, callback } = await untilCallback(server, 'anne');
      const jar = browser.cookies(server.url);
      const pending = JSON.parse(Buffer.from(jar.get('pgo-oidc')!, 'base64url').toString());
      pending[field] = field === 'nonce' ? 'another-nonce' : 'another-verifier-another-verifier-another-verifier';
      jar.set('pgo-oidc', Buffer.from(JSON.stringify(pending)).toString('base64url'));
      const { url } = await browser.follow(callback.href, atConsole);
      assert.equal(refusal(url), 'failed', field);
      assert.equal(browser.cookies(server.url).get('pgo-organiser'), undefined, field);
    }
  });

  it('a callback works once: replayed with the same pending cookie, the code is refused', async () => {
    const { browser, callback } = await untilCallback(server, 'anne');
    const pending = browser.cookies(server.url).get('pgo-oidc')!;
    assert.equal(refusal((await browser.follow(callback.href, atConsole)).url), null);
    const replay = new Browser();
    replay.cookies(server.url).set('pgo-oidc', pending);
    assert.equal(refusal((await replay.follow(callback.href, atConsole)).url), 'failed');
  });

  it('a sign-in left at the provider longer than 10 minutes has expired', async () => {
    const { browser, callback } = await untilCallback(server, 'anne');
    now += OIDC_LOGIN_MS + 1000;
    try {
      assert.equal(refusal((await browser.follow(callback.href, atConsole)).url), 'expired');
    } finally {
      now = Date.now();
    }
  });

  it('a refusal at the provider (access_denied) says the sign-in was cancelled', async () => {
    const browser = new Browser();
    const to = new URL((await browser.request(`${server.url}/api/v1/admin/oidc/start`)).headers.get('location')!);
    const back = `${server.url}${CALLBACK_PATH}?error=access_denied&state=${to.searchParams.get('state')}`;
    assert.equal(refusal((await browser.follow(back, atConsole)).url), 'cancelled');
  });

  it('the callback accepts the cross-site navigation back from the provider; the start refuses cross-site requests', async () => {
    const { browser, callback } = await untilCallback(server, 'anne');
    const res = await browser.request(callback.href, { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), ADMIN);
    const start = await fetch(`${server.url}/api/v1/admin/oidc/start`, { redirect: 'manual', headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(start.status, 403);
  });

  it('a provider that cannot be reached sends the organiser back with "unavailable"; plain http only on loopback', async () => {
    const dead = await startTestProvider({});
    await dead.close();
    const unreachable = await start({ issuer: dead.issuer, clientId: 'x', clientSecret: 'y' });
    try {
      const { url } = await new Browser().follow(`${unreachable.url}/api/v1/admin/oidc/start`, atConsole);
      assert.equal(refusal(url), 'unavailable');
    } finally {
      await unreachable.close();
    }
    assert.throws(() => new OidcProvider({ issuer: 'http://idp.example.fr', clientId: 'x' }), /https is required/);
    assert.ok(new OidcProvider({ issuer: 'https://idp.example.fr', clientId: 'x' }));
  });
});

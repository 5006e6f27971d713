// Issue 19, the organiser routes' access table: every route × {no session, participant token, moderator of
// another consultation, moderator, admin, admin token}, every cell tested; then CSRF from a foreign origin,
// session fixation, expired sessions and brute-force throttling. Its clock is moved, never waited for.
// scrypt runs with N=2^12 here (sixty sign-ins at 32 MiB each would take minutes on a shared machine): the
// default parameters are checked by server/organisers.test.ts.
import { ADMIN_TOKEN, OPEN_LIMITS, loadTs, problemDefect, writeConfig } from './harness.mjs';

const ROLES = ['none', 'participant', 'otherModerator', 'moderator', 'admin', 'token'];
const LABEL = {
  none: 'no session',
  participant: 'participant token',
  otherModerator: 'moderator of another consultation',
  moderator: 'moderator',
  admin: 'admin',
  token: 'admin token',
};
const PASSWORD = 'une phrase de passe pour les tests';

export async function organiserAccess(tally, { ApiError, printTable }) {
  const { startServer } = await loadTs('server/server.ts');
  const { organiserClient } = await loadTs('server/test/organiser-client.ts');
  const { startTestProvider } = await loadTs('server/test/oidc-provider.ts');
  const browser = (base, headers) => {
    const b = organiserClient(base, headers);
    const signIn = b.signIn;
    b.signIn = (email, password = PASSWORD) => signIn(email, password);
    return b;
  };
  const { DEFAULT_SESSION_POLICY: policy } = await loadTs('server/store/sessions.ts');
  const config = writeConfig();
  let now = Date.now();
  // OpenID Connect sign-in on, against a real local provider (its rows: sign-in options, start, callback).
  const provider = await startTestProvider({});
  const server = await startServer({
    port: 0,
    dataDir: 'memory://',
    configDir: config.dir,
    adminToken: ADMIN_TOKEN,
    limits: OPEN_LIMITS,
    clock: () => now,
    passwordParams: { N: 4096, r: 8, p: 1 },
    oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, label: 'ProConnect' },
  });
  provider.register(`${server.url}/api/v1/admin/oidc/callback`);
  let cases = 0;
  try {
    const base = server.url;
    const setup = await browser(base).call('POST', '/admin/setup', {
      body: { setupToken: server.setupToken, email: 'admin@ville.example.fr', displayName: 'Admin', password: PASSWORD },
    });
    tally.check(
      'organisers: the first admin is created with the printed setup token',
      setup.status === 201 ? null : `${setup.status} ${setup.text}`,
    );
    const admin = browser(base);
    await admin.signIn('admin@ville.example.fr');
    for (const [email, roles] of [
      ['mod@ville.example.fr', [{ consultationId: 'open', role: 'moderator' }]],
      ['other@ville.example.fr', [{ consultationId: 'unlimited', role: 'moderator' }]],
      ['spare@ville.example.fr', []],
    ]) {
      const a = await admin.call('POST', '/admin/organisers', {
        body: { email, displayName: email.split('@')[0], password: PASSWORD, roles },
      });
      tally.check(`organisers: ${email} created`, a.status === 201 ? null : `${a.status} ${a.text}`);
    }
    const spareId = (await admin.call('GET', '/admin/organisers')).body.organisers.find((o) => o.email === 'spare@ville.example.fr').id;
    const participantToken = (await browser(base).call('POST', '/participants')).body.token;
    const sessions = { otherModerator: 'other@ville.example.fr', moderator: 'mod@ville.example.fr', admin: 'admin@ville.example.fr' };
    const clients = {};
    const tokens = { token: ADMIN_TOKEN, participant: participantToken };
    const connect = async () => {
      for (const role of ROLES) {
        clients[role] = browser(base);
        if (sessions[role]) await clients[role].signIn(sessions[role]);
      }
    };
    await connect();

    let n = 0;
    // Consultation settings (read with the automation token before each cell: a save sends the current revision).
    const automation = browser(base);
    const settingsOf = async (id) => {
      const {
        revision,
        keys: _k,
        updatedAt: _u,
        ...edit
      } = (await automation.call('GET', `/admin/consultations/${id}/settings`, { bearer: ADMIN_TOKEN })).body;
      return { edit, revision };
    };
    const open = await settingsOf('open');
    const identityOn = await automation.call('PUT', '/admin/consultations/open/settings', {
      bearer: ADMIN_TOKEN,
      body: { ...open.edit, identity: {}, revision: open.revision },
    });
    tally.check(
      'consultations: host-signed identities turned on for the key row',
      identityOn.status === 200 ? null : `${identityOn.status} ${identityOn.text}`,
    );
    const saveBody = async () => {
      const { edit, revision } = await settingsOf('open');
      return { ...edit, consultation: { ...edit.consultation, title: `Titre ${n++}` }, revision };
    };
    const newConsultation = async () => {
      const { edit } = await settingsOf('open');
      return { ...edit, consultation: { ...edit.consultation, id: `copy-${n++}` } };
    };
    const hostLinkId = (
      await automation.call('POST', '/admin/consultations/open/events/small/host-links', {
        bearer: ADMIN_TOKEN,
        body: { eventId: 'small' },
      })
    ).body.link.id;
    const staff = (ok) => ({ none: 401, participant: 401, otherModerator: ok, moderator: ok, admin: ok, token: ok });
    const moderators = (ok) => ({ ...staff(ok), otherModerator: 403 });
    const admins = (ok) => ({ ...staff(ok), otherModerator: 403, moderator: 403 });
    const sessionOnly = (ok) => ({ ...staff(ok), token: 401 });
    const everyone = (ok) => Object.fromEntries(ROLES.map((r) => [r, ok]));
    const rows = [
      [
        'POST /admin/setup (setup closed)',
        'POST',
        '/admin/setup',
        () => ({ setupToken: 'x', email: `s${n++}@ville.example.fr`, displayName: 'S', password: PASSWORD }),
        Object.fromEntries(ROLES.map((r) => [r, 403])),
      ],
      [
        'POST /admin/session (sign in)',
        'POST',
        '/admin/session',
        { email: 'spare@ville.example.fr', password: PASSWORD },
        Object.fromEntries(ROLES.map((r) => [r, 200])),
        'throwaway',
      ],
      ['GET /admin/session', 'GET', '/admin/session', undefined, sessionOnly(200)],
      ['GET /admin/sign-in-options', 'GET', '/admin/sign-in-options', undefined, everyone(200)],
      // Public navigations: to the provider (302); back from it with no sign-in pending in this browser (303, refused).
      ['GET /admin/oidc/start', 'GET', '/admin/oidc/start', undefined, everyone(302)],
      ['GET /admin/oidc/callback (none pending)', 'GET', '/admin/oidc/callback?code=forged&state=forged', undefined, everyone(303)],
      ['GET /admin/consultations', 'GET', '/admin/consultations', undefined, staff(200)],
      ['GET /admin/consultations/{id}/queue', 'GET', '/admin/consultations/open/queue?tab=pending', undefined, moderators(200)],
      [
        'POST /admin/consultations/{id}/decisions',
        'POST',
        '/admin/consultations/open/decisions',
        { targets: ['proposal:s0'], action: 'approve', reason: 'Conforme' },
        moderators(200),
      ],
      [
        'PUT /admin/consultations/{id}/proposals/{id}/answer',
        'PUT',
        '/admin/consultations/open/proposals/s1/answer',
        { state: 'under-study', text: '' },
        moderators(200),
      ],
      ['GET /admin/audit?consultation={id}', 'GET', '/admin/audit?consultation=open', undefined, admins(200)],
      ['GET /admin/audit', 'GET', '/admin/audit', undefined, admins(200)],
      ['GET /admin/organisers', 'GET', '/admin/organisers', undefined, admins(200)],
      [
        'POST /admin/organisers',
        'POST',
        '/admin/organisers',
        () => ({ email: `new${n++}@ville.example.fr`, displayName: 'New', roles: [] }),
        admins(201),
      ],
      [
        'PUT /admin/organisers/{id}/roles',
        'PUT',
        `/admin/organisers/${spareId}/roles`,
        { roles: [{ consultationId: 'pre', role: 'moderator' }] },
        admins(200),
      ],
      ['PUT /admin/organisers/{id}/password', 'PUT', `/admin/organisers/${spareId}/password`, { password: PASSWORD }, admins(204)],
      ['GET /admin/consultations/{id}/settings', 'GET', '/admin/consultations/open/settings', undefined, admins(200)],
      ['PUT /admin/consultations/{id}/settings', 'PUT', '/admin/consultations/open/settings', saveBody, admins(200)],
      ['POST /admin/consultations (create)', 'POST', '/admin/consultations', newConsultation, admins(201)],
      ['GET /admin/consultations/{id}/export', 'GET', '/admin/consultations/open/export', undefined, admins(200)],
      [
        'POST /admin/consultations/import',
        'POST',
        '/admin/consultations/import',
        async () => ({ ...(await newConsultation()), identity: undefined }),
        admins(201),
      ],
      ['POST /admin/consultations/{id}/keys', 'POST', '/admin/consultations/open/keys', { overlapHours: 1 }, admins(201)],
      // Issue 22: host links are issued and revoked by the consultation's admins only.
      [
        'GET /admin/consultations/{id}/events/{id}/host-links',
        'GET',
        '/admin/consultations/open/events/small/host-links',
        undefined,
        admins(200),
      ],
      [
        'POST /admin/consultations/{id}/events/{id}/host-links',
        'POST',
        '/admin/consultations/open/events/small/host-links',
        { eventId: 'small' },
        admins(201),
      ],
      [
        'DELETE /admin/consultations/{id}/host-links/{id}',
        'DELETE',
        `/admin/consultations/open/host-links/${hostLinkId}`,
        undefined,
        admins(200),
      ],
      ['POST /admin/token (rotate)', 'POST', '/admin/token', undefined, admins(201)],
      ['DELETE /admin/session (sign out)', 'DELETE', '/admin/session', undefined, sessionOnly(204), 'throwaway'],
      // Last: it ends every session of each account.
      ['DELETE /admin/sessions (everywhere)', 'DELETE', '/admin/sessions', undefined, sessionOnly(204)],
    ];
    const table = [];
    for (const [label, method, path, body, expected, throwaway] of rows) {
      const cells = [];
      for (const role of ROLES) {
        // Signing in or out in the cell: a browser of its own (same account), so the next rows keep theirs.
        const who = throwaway ? browser(base) : clients[role];
        if (throwaway && sessions[role]) await who.signIn(sessions[role]);
        const a = await who.call(method, path, { body: typeof body === 'function' ? await body() : body, bearer: tokens[role] });
        // A rotation by the admin's session revokes the token the next cell uses: follow it.
        if (path === '/admin/token' && a.status === 201) tokens.token = a.body.token;
        cases++;
        const want = expected[role];
        let problem = a.status === want ? null : `expected ${want}, got ${a.status}: ${a.text.slice(0, 160)}`;
        if (!problem && a.status >= 400) problem = problemDefect(ApiError, a);
        // The sign-in navigations: to the provider, or back to the console with the refusal.
        const location = a.headers.get('location') ?? '';
        if (!problem && a.status === 302 && !location.startsWith(`${provider.issuer}/`)) problem = `302 to ${location}`;
        if (!problem && a.status === 303 && location !== '/admin/#signin-error=expired') problem = `303 to ${location}`;
        tally.check(`${label} as ${LABEL[role]}`, problem);
        cells.push(`${a.status}${a.status === want ? '' : `≠${want}`}`);
      }
      table.push([label, ...cells]);
    }
    printTable(['organiser route', ...ROLES.map((r) => LABEL[r])], table);
    await connect();

    // CSRF: a session's writes from a foreign origin, a cross-site fetch, or without the token: refused, no effect.
    const csrfCases = [
      ['Origin: another site', { headers: { origin: 'https://evil.example' } }],
      ['Origin: null', { headers: { origin: 'null' } }],
      ['Sec-Fetch-Site: cross-site', { headers: { 'sec-fetch-site': 'cross-site' } }],
      ['no X-CSRF-Token (a plain form post)', { csrf: false, headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
      ['another session’s X-CSRF-Token', { csrf: false, headers: { 'x-csrf-token': clients.admin.csrf } }],
    ];
    for (const [what, options] of csrfCases) {
      const a = await clients.moderator.call('POST', '/admin/consultations/open/decisions', {
        ...options,
        body: { targets: ['proposal:s2'], action: 'hide', reason: 'CSRF' },
      });
      cases++;
      tally.check(
        `CSRF: a moderator's decision with ${what}`,
        a.status === 403 ? problemDefect(ApiError, a) : `${a.status} ${a.text.slice(0, 120)}`,
      );
    }
    const visible = (await browser(base).call('GET', '/consultations/open/proposals/s2')).status;
    cases++;
    tally.say(
      `CSRF: ${csrfCases.length} forged decisions refused (403), none took effect`,
      visible === 200 ? null : `s2 answers ${visible}`,
    );

    // Session fixation: a planted cookie is replaced at sign-in and never becomes a session.
    const planted = browser(base);
    planted.cookie = 'pgo-organiser=planted-by-an-attacker-0123456789abcdef';
    await planted.signIn('mod@ville.example.fr');
    const plantedNow = await browser(base, { cookie: 'pgo-organiser=planted-by-an-attacker-0123456789abcdef' }).call(
      'GET',
      '/admin/session',
    );
    const earlier = clients.moderator.cookie;
    await clients.moderator.signIn('mod@ville.example.fr');
    const earlierNow = await browser(base, { cookie: earlier }).call('GET', '/admin/session');
    cases += 2;
    tally.say(
      'session fixation: a planted cookie and the cookie from before sign-in are refused after sign-in (401)',
      planted.cookie !== 'pgo-organiser=planted-by-an-attacker-0123456789abcdef' && plantedNow.status === 401 && earlierNow.status === 401
        ? null
        : `planted ${plantedNow.status}, earlier ${earlierNow.status}`,
    );
    const attributes = /^pgo-organiser=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/.test(planted.setCookie);
    cases++;
    tally.say(
      'the session cookie is HttpOnly, SameSite=Strict, Path=/ (Secure and __Host- under HTTPS: server/organisers.test.ts)',
      attributes ? null : planted.setCookie,
    );

    // Expired sessions: idle, then absolute.
    now += policy.idleMs + 1000;
    let expired = 0;
    for (const [, method, path] of rows.filter(([, m, , , expected]) => m === 'GET' && expected.none === 401)) {
      const a = await clients.admin.call(method, path);
      cases++;
      if (a.status === 401) expired++;
      else tally.check(`expired session: GET ${path}`, `${a.status}`);
    }
    await clients.admin.signIn('admin@ville.example.fr');
    for (let spent = 0; spent < policy.absoluteMs; spent += policy.idleMs / 2) {
      now += policy.idleMs / 2;
      await clients.admin.call('GET', '/admin/session');
    }
    const absolute = await clients.admin.call('GET', '/admin/session');
    cases++;
    tally.say(
      `expired sessions: idle ${policy.idleMs / 60_000} min → ${expired} GET routes answer 401; absolute ${policy.absoluteMs / 3_600_000} h however busy → ${absolute.status}`,
      absolute.status === 401 ? null : `absolute: ${absolute.status}`,
    );

    // Brute force: per account, then per address; one generic error before the limit.
    const failures = [];
    for (let i = 0; i < policy.failuresPerAccount; i++)
      failures.push((await browser(base).signIn('mod@ville.example.fr', `guess number ${i} guess`)).status);
    const blockedRight = await browser(base).signIn('mod@ville.example.fr');
    const unknown = await browser(base).signIn('nobody@ville.example.fr', 'guess number 0 guess');
    cases += failures.length + 2;
    tally.say(
      `brute force: ${policy.failuresPerAccount} wrong passwords (401, the same problem as an unknown e-mail), then even the right one is throttled (429, Retry-After ${blockedRight.headers.get('retry-after')} s)`,
      failures.every((s) => s === 401) &&
        blockedRight.status === 429 &&
        blockedRight.headers.get('retry-after') &&
        unknown.status === 401 &&
        unknown.body.title === 'Wrong e-mail or password'
        ? null
        : `${failures} then ${blockedRight.status}`,
    );
    for (let i = 0; i < policy.failuresPerAddress; i++) await browser(base).signIn(`user${i}@ville.example.fr`, 'guess guess guess');
    const byAddress = await browser(base).signIn('admin@ville.example.fr');
    cases += policy.failuresPerAddress + 1;
    tally.say(
      `brute force: ${policy.failuresPerAddress} failures from one address over many accounts throttle that address (${byAddress.status})`,
      byAddress.status === 429 ? null : `${byAddress.status}`,
    );
    now += policy.failureWindowMs;
    const later = await browser(base).signIn('mod@ville.example.fr');
    cases++;
    tally.say('brute force: the throttle lifts after its window', later.status === 200 ? null : `${later.status}`);
    return cases;
  } finally {
    await server.close();
    await provider.close();
    config.remove();
  }
}

// A local stand-in for a Decidim instance, behind a Web Test Runner middleware at /__decidim/: graphql-js
// executes every document against the pinned schema of the store's Decidim version (versions.mjs; the
// data and its rules are in graph.mjs and comments.mjs), and logs it so tests can assert what the backend
// sent. It also plays Decidim's OAuth server (authorisation code + PKCE S256, a new participant per sign-in).
// It behaves like Decidim, not like our schema: each rule below names the Decidim file behind it.
//
//   POST /__decidim/seed            body: a fixture (see test/decidim/fixture.ts) -> { base }
//   POST {base}/api                 GraphQL (CORS open, as decidim-api engine.rb allows)
//   GET  {base}/log                 every GraphQL request received: [{ query, variables, errors, token, aud }]
//   GET  {base}/stats               { requests, throttled, tokenRequests }
//   POST {base}/revoke              forgets every token (a Decidim restart with a new JWT secret, say)
//   GET  {base}/oauth/authorize     302 to redirect_uri?code&state
//   POST {base}/oauth/token         code + code_verifier -> { access_token } (NO CORS, like Decidim)
//   GET  /__decidim/callback        a blank redirect page; /__decidim/callback-relay runs relayDecidimLogin()
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { URL, URLSearchParams } from 'node:url';
import { buildSchema, execute, parse, validate } from 'graphql';
import { codeFor, DecidimError, rootValue } from './graph.mjs';
import { composeSdl, SDL_FILES, stagesOf, VERSIONS } from './versions.mjs';

const SCHEMA_DIR = new URL('../../src/backends/decidim/', import.meta.url);
const files = Object.fromEntries(SDL_FILES.map((name) => [name, readFileSync(new URL(name, SCHEMA_DIR), 'utf8')]));
const schemas = Object.fromEntries(VERSIONS.map((v) => [v, buildSchema(composeSdl(files, v))]));

/** decidim-core config: `throttling_max_requests` 100 per `throttling_period` 1 minute, per IP (rack_attack.rb). */
const RATE_LIMIT = 100;
const RATE_PERIOD_MS = 60_000;

const stores = new Map();
let sequence = 0;

function createStore(fixture) {
  const id = `s${++sequence}-${randomBytes(4).toString('hex')}`;
  const version = fixture.version ?? '0.32';
  if (!schemas[version]) throw new Error(`unknown Decidim version ${version}`);
  const store = {
    id,
    fixture: JSON.parse(JSON.stringify(fixture)),
    version,
    stages: stagesOf(version),
    log: [],
    votes: new Map(),
    commentVotes: new Map(),
    codes: new Map(),
    tokens: new Map(),
    users: 0,
    created: 0,
    window: { start: 0, count: 0 },
    stats: { requests: 0, throttled: 0, tokenRequests: 0 },
  };
  store.fixture.proposals ??= [];
  for (const p of store.fixture.proposals) {
    for (let i = 0; i < (p.votes ?? 0); i++) store.votes.set(`other-${i}|${p.id}`, true);
  }
  stores.set(id, store);
  return store;
}

/** Rack::Attack (decidim-core config/initializers/rack_attack.rb, "requests by ip"): a fixed window. */
function throttled(store) {
  const now = Date.now();
  const windowStart = now - (now % RATE_PERIOD_MS);
  if (store.window.start !== windowStart) store.window = { start: windowStart, count: 0 };
  store.window.count++;
  return store.window.count > (store.fixture.rateLimit ?? RATE_LIMIT);
}

function formatError(store, error) {
  const original = error.originalError;
  const path = error.path ? { path: error.path } : {};
  if (original instanceof DecidimError)
    return { message: original.decidimMessage, ...path, extensions: { code: codeFor(store, original.code) } };
  return { message: error.message, ...(error.locations ? { locations: error.locations } : {}), ...path };
}

/**
 * The caller. decidim-core lib/decidim/oauth/token_generator.rb: the token names a user (`scp: user`) only
 * when the `user` scope was granted, and its audience is the client id, which warden-jwt_auth checks
 * against the `X-Jwt-Aud` header (decidim-api config/initializers/devise.rb `jwt.aud_header`). Any
 * mismatch, an unknown or revoked token: the request runs as nobody, still HTTP 200.
 */
function callerOf(store, token, aud) {
  const grant = token ? store.tokens.get(token) : null;
  if (!grant) return { user: null, scopes: [] };
  const user = grant.scopes.includes('user') && aud === grant.aud ? grant.user : null;
  return { user, scopes: grant.scopes };
}

async function runGraphQL(store, body, token, aud) {
  const entry = { query: body.query, variables: body.variables ?? {}, token: token ?? null, aud: aud ?? null, errors: [] };
  store.log.push(entry);
  if (store.fixture.failNext) {
    const status = store.fixture.failNext;
    delete store.fixture.failNext;
    return { status, json: { error: 'injected' } };
  }
  let document;
  try {
    document = parse(body.query);
  } catch (error) {
    entry.errors = [error.message];
    return { status: 200, json: { errors: [{ message: error.message }] } };
  }
  const schema = schemas[store.version];
  const invalid = validate(schema, document);
  if (invalid.length) {
    entry.errors = invalid.map((e) => e.message);
    return { status: 200, json: { errors: invalid.map((e) => formatError(store, e)) } };
  }
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')?.operation;
  const context = { ...callerOf(store, token, aud), operation };
  const result = await execute({
    schema,
    document,
    rootValue: rootValue(store, context),
    contextValue: context,
    variableValues: body.variables ?? {},
  });
  entry.errors = (result.errors ?? []).map((e) => e.message);
  // Unauthorised mutations included: graphql-ruby answers HTTP 200 with `errors`, never 401.
  return {
    status: 200,
    json: { data: result.data ?? null, ...(result.errors ? { errors: result.errors.map((e) => formatError(store, e)) } : {}) },
  };
}

const readBody = (req) =>
  new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
const b64url = (buffer) => buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const RELAY_PAGE = `<!doctype html><meta charset="utf-8"><title>Sign-in</title>
<script type="module">import { relayDecidimLogin } from '/src/backends/decidim/oauth-callback.ts'; relayDecidimLogin();</script>`;

function authorize(store, url, ctx) {
  const q = url.searchParams;
  const redirect = new URL(q.get('redirect_uri'));
  const answer = (params) => {
    for (const [k, v] of Object.entries(params)) redirect.searchParams.set(k, v);
    ctx.status = 302;
    ctx.redirect(redirect.href);
    return true;
  };
  if (
    q.get('client_id') !== store.fixture.clientId ||
    q.get('response_type') !== 'code' ||
    q.get('code_challenge_method') !== 'S256' ||
    !q.get('code_challenge')
  ) {
    return answer({ error: 'invalid_request', state: q.get('state') ?? '' });
  }
  if (store.fixture.denySignIn)
    return answer({ error: 'access_denied', error_description: 'The participant refused', state: q.get('state') ?? '' });
  const code = b64url(randomBytes(16));
  const n = ++store.users;
  const scopes = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
  store.codes.set(code, {
    challenge: q.get('code_challenge'),
    redirectUri: q.get('redirect_uri'),
    user: { id: `user-${n}`, name: `Participant ${n}` },
    scopes,
  });
  return answer({ code, state: store.fixture.tamperState ? 'forged-state' : q.get('state') });
}

async function exchange(store, ctx) {
  store.stats.tokenRequests++;
  const form = new URLSearchParams(await readBody(ctx.req));
  const grant = store.codes.get(form.get('code'));
  store.codes.delete(form.get('code'));
  const verified =
    grant &&
    form.get('grant_type') === 'authorization_code' &&
    form.get('client_id') === store.fixture.clientId &&
    form.get('redirect_uri') === grant.redirectUri &&
    b64url(
      createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest(),
    ) === grant.challenge;
  if (!verified) return [400, { error: 'invalid_grant', error_description: 'The code or its verifier is invalid' }];
  const token = b64url(randomBytes(24));
  store.tokens.set(token, { user: grant.user, scopes: grant.scopes, aud: store.fixture.clientId });
  return [
    200,
    {
      access_token: token,
      token_type: 'Bearer',
      expires_in: 7200,
      scope: grant.scopes.join(' '),
      created_at: Math.floor(Date.now() / 1000),
    },
  ];
}

/** Handles a request to /__decidim/...; returns false when the path is not its own. */
export async function handleDecidim(ctx) {
  const url = new URL(ctx.url, 'http://localhost');
  if (!url.pathname.startsWith('/__decidim/')) return false;
  const send = (status, body, type = 'application/json') => {
    ctx.status = status;
    ctx.type = type;
    ctx.body = typeof body === 'string' ? body : JSON.stringify(body);
    return true;
  };
  if (url.pathname === '/__decidim/callback') return send(200, '<!doctype html><title>Sign-in</title><p>Signed in.</p>', 'text/html');
  if (url.pathname === '/__decidim/callback-relay') return send(200, RELAY_PAGE, 'text/html');
  if (url.pathname === '/__decidim/seed' && ctx.method === 'POST') {
    const store = createStore(JSON.parse(await readBody(ctx.req)));
    return send(200, { base: `/__decidim/s/${store.id}` });
  }
  const match = /^\/__decidim\/s\/([^/]+)\/(.*)$/.exec(url.pathname);
  const store = match && stores.get(match[1]);
  if (!store) return send(404, { error: 'no such store' });
  const route = match[2];
  // Test-only routes: not Decidim's, never throttled.
  if (route === 'log') return send(200, store.log);
  if (route === 'stats') return send(200, store.stats);
  if (route === 'revoke' && ctx.method === 'POST') {
    store.tokens.clear();
    return send(200, {});
  }
  // decidim-api lib/decidim/api/engine.rb: Rack::Cors (first middleware) allows any origin on `/api` only,
  // any header, POST and OPTIONS. `/oauth/token` has no CORS rule: a browser on another site cannot read
  // its answer (unless the Decidim host added one: `corsOnToken`).
  const cors = route === 'api' || (route === 'oauth/token' && store.fixture.corsOnToken);
  if (cors) {
    ctx.set('access-control-allow-origin', '*');
    if (ctx.method === 'OPTIONS') {
      ctx.set('access-control-allow-methods', 'POST, OPTIONS');
      ctx.set('access-control-allow-headers', ctx.get('access-control-request-headers') || '*');
      ctx.set('access-control-max-age', '7200');
      ctx.status = 200;
      ctx.body = '';
      return true;
    }
  }
  store.stats.requests++;
  if (throttled(store)) {
    // Rack::Attack's default throttled answer: 429, text, no Retry-After the page could read.
    store.stats.throttled++;
    return send(429, 'Retry later\n', 'text/plain');
  }
  if (route === 'api' && ctx.method === 'POST') {
    const token = /^Bearer (.+)$/.exec(ctx.get('authorization') ?? '')?.[1];
    const { status, json } = await runGraphQL(store, JSON.parse(await readBody(ctx.req)), token, ctx.get('x-jwt-aud') || null);
    return send(status, json);
  }
  if (route === 'oauth/authorize') return authorize(store, url, ctx);
  if (route === 'oauth/token' && ctx.method === 'POST') return send(...(await exchange(store, ctx)));
  return send(404, { error: 'not found' });
}

/** The Web Test Runner (dev server) middleware, in the config's `middleware` list. */
export async function decidimMiddleware(ctx, next) {
  if (!(await handleDecidim(ctx))) await next();
}

// A local stand-in for a Decidim instance, built from the pinned schema (src/backends/decidim/schema.graphql):
// graphql-js's executor over fixture data, behind a Web Test Runner middleware at /__decidim/.
// Every document it receives is parsed and validated against the pinned schema (or its `phases` variant)
// and logged, so tests can assert what the backend sent. It also plays Decidim's OAuth server
// (authorisation code + PKCE S256, auto-approving a new participant per sign-in).
//
//   POST /__decidim/seed            body: a fixture (see test/decidim/fixture.ts) -> { base }
//   POST {base}/api                 GraphQL
//   GET  {base}/log                 every request received: [{ query, variables, errors, token }]
//   GET  {base}/oauth/authorize     302 to redirect_uri?code&state
//   POST {base}/oauth/token         code + code_verifier -> { access_token }
//   GET  /__decidim/callback        a blank redirect page; /__decidim/callback-relay runs relayDecidimLogin()
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { URL, URLSearchParams } from 'node:url';
import { buildSchema, execute, parse, validate } from 'graphql';

const SCHEMA_DIR = new URL('../../src/backends/decidim/', import.meta.url);
const BASE_SDL = readFileSync(new URL('schema.graphql', SCHEMA_DIR), 'utf8');
const RENAMES_SDL = readFileSync(new URL('renames.graphql', SCHEMA_DIR), 'utf8');

/** The pinned schema (`steps`), or the later variant where the process's stages are `phases`. */
export function decidimSchema(stages = 'steps') {
  if (stages === 'steps') return buildSchema(BASE_SDL);
  return buildSchema(`${BASE_SDL.replace(/^\s*steps: .*$/m, '')}\n${RENAMES_SDL}`);
}
const schemas = { steps: decidimSchema('steps'), phases: decidimSchema('phases') };

const stores = new Map();
let sequence = 0;

class DecidimError extends Error {
  constructor(code, message) {
    super(Array.isArray(message) ? message.map((m) => m.message).join(', ') : message);
    this.code = code;
    this.decidimMessage = message;
  }
}

/** Decidim's TranslatedField over its stored JSON ({ fr, en, machine_translations: { de } }). */
function translated(value) {
  if (value === null || value === undefined) return null;
  const stored = typeof value === 'string' ? { fr: value } : value;
  const { machine_translations: machine = {}, ...defined } = stored;
  const locales = [...new Set([...Object.keys(defined), ...Object.keys(machine)])];
  const display = Object.fromEntries(locales.map((l) => [l, defined[l] || machine[l]]));
  return {
    locales: () => locales,
    translation: ({ locale }) => display[locale] ?? null,
    translations: ({ locales: only }) => locales.filter((l) => !only || only.includes(l))
      .map((locale) => ({ locale, text: display[locale], machineTranslated: !defined[locale] })),
  };
}

const cursorOf = (index) => Buffer.from(`i${index}`).toString('base64');
const indexOf = (cursor) => (cursor ? Number(Buffer.from(cursor, 'base64').toString().slice(1)) + 1 : 0);

function connection(items, { first, after }) {
  const start = indexOf(after);
  const end = first ? start + first : items.length;
  const slice = items.slice(start, end);
  return {
    edges: slice.map((node, i) => ({ cursor: cursorOf(start + i), node })),
    nodes: slice,
    pageInfo: { hasNextPage: end < items.length, hasPreviousPage: start > 0, startCursor: slice.length ? cursorOf(start) : null, endCursor: slice.length ? cursorOf(start + slice.length - 1) : null },
  };
}

function createStore(fixture) {
  const id = `s${++sequence}-${randomBytes(4).toString('hex')}`;
  const store = {
    id, fixture: JSON.parse(JSON.stringify(fixture)), stages: fixture.stages ?? 'steps', log: [],
    votes: new Map(), // `${userId}|${proposalId}` -> true
    codes: new Map(), tokens: new Map(), users: 0, created: 0,
  };
  for (const p of store.fixture.proposals ?? []) {
    for (let i = 0; i < (p.votes ?? 0); i++) store.votes.set(`other-${i}|${p.id}`, true);
  }
  stores.set(id, store);
  return store;
}

function processOf(store, componentId) {
  return store.fixture.processes.find((p) => p.components.some((c) => String(c.id) === String(componentId)));
}

function voteCount(store, proposal) {
  const process = processOf(store, proposal.componentId);
  if (process?.rules?.votesHidden) return null;
  let count = 0;
  for (const key of store.votes.keys()) if (key.endsWith(`|${proposal.id}`)) count++;
  return count;
}

function proposalNode(store, p) {
  return {
    id: p.id, title: translated(p.title), body: translated(p.body), address: p.address ?? null, reference: `P-${p.id}`,
    state: p.state ?? null, withdrawn: !!p.withdrawn, official: !p.authorName, publishedAt: p.publishedAt, createdAt: p.publishedAt, updatedAt: p.publishedAt,
    voteCount: voteCount(store, p), author: p.authorName ? { __typename: 'User', id: `u-${p.id}`, name: p.authorName, nickname: 'x', deleted: false } : null, authorsCount: 1,
  };
}

function visibleProposals(store, componentId) {
  return (store.fixture.proposals ?? []).filter((p) => String(p.componentId) === String(componentId) && p.published !== false && !p.hidden);
}

function sortProposals(store, items, order) {
  // graphql-js hands the input object in schema order; apply the keys by a fixed priority instead.
  const keys = ['voteCount', 'publishedAt', 'id'].filter((k) => order?.[k]).map((k) => [k, order[k]]);
  const value = (p, key) => (key === 'voteCount' ? voteCount(store, p) ?? 0 : key === 'publishedAt' ? Date.parse(p.publishedAt) : key === 'id' ? String(p.id) : 0);
  return [...items].sort((a, b) => {
    for (const [key, direction] of keys) {
      if (key === 'voteCount' && processOf(store, a.componentId)?.rules?.votesHidden) continue; // Decidim ignores it then
      const x = value(a, key);
      const y = value(b, key);
      if (x !== y) return (x < y ? -1 : 1) * (String(direction).toLowerCase() === 'desc' ? -1 : 1);
    }
    return 0;
  });
}

function meetingNode(m) {
  return {
    ...m, title: translated(m.title), description: translated(m.description), location: translated(m.location), locationHints: null,
    coordinates: m.coordinates ?? { latitude: null, longitude: null }, closed: false, privateMeeting: false,
    onlineMeetingUrl: m.onlineMeetingUrl ?? '', registrationsEnabled: m.registrationsEnabled ?? m.registrationType === 'on_this_platform',
    author: m.authorName ? { __typename: 'User', id: `u-${m.id}`, name: m.authorName, nickname: 'x', deleted: false } : null,
  };
}

function componentNode(store, process, c) {
  const base = { __typename: c.type, id: String(c.id), weight: c.weight ?? 0, url: c.url, name: translated(c.name ?? { fr: c.type, en: c.type }) };
  if (c.type === 'Proposals') {
    return {
      ...base,
      proposals: ({ first, after, order }) => connection(sortProposals(store, visibleProposals(store, c.id), order).map((p) => proposalNode(store, p)), { first, after }),
      proposal: ({ id }) => {
        const p = visibleProposals(store, c.id).find((x) => String(x.id) === String(id));
        return p ? proposalNode(store, p) : null;
      },
    };
  }
  if (c.type === 'Meetings') {
    const meetings = () => (store.fixture.meetings ?? []).filter((m) => String(m.componentId) === String(c.id) && m.published !== false);
    return {
      ...base,
      meetings: ({ first, after }) => connection(meetings().map(meetingNode), { first, after }),
      meeting: ({ id }) => {
        const m = meetings().find((x) => String(x.id) === String(id));
        return m ? meetingNode(m) : null;
      },
    };
  }
  return { ...base, __typename: 'Component' };
}

function processNode(store, p) {
  const stage = (s) => ({ ...s, title: translated(s.title), description: translated(s.description), callToActionPath: null, callToActionText: null });
  return {
    id: p.id, slug: p.slug, title: translated(p.title), subtitle: null, shortDescription: translated(p.shortDescription), description: translated(p.description),
    type: 'Decidim::ParticipatoryProcess', startDate: p.startDate ?? null, endDate: p.endDate ?? null, publishedAt: '2026-01-01T00:00:00Z',
    [store.stages]: p.steps.map(stage),
    components: () => p.components.map((c) => componentNode(store, p, c)),
  };
}

function requireUser(context) {
  if (!context.user) throw new DecidimError('UNAUTHORIZED', 'You must sign in (api:write scope required)');
  return context.user;
}

function mutationComponent(store, context, id) {
  const process = processOf(store, id);
  const component = process?.components.find((c) => String(c.id) === String(id));
  if (!component || component.type !== 'Proposals') throw new DecidimError('NOT_FOUND', 'Component not found');
  const rules = process.rules ?? {};
  const proposalMutation = (proposalId) => {
    const p = visibleProposals(store, id).find((x) => String(x.id) === String(proposalId));
    if (!p) return null;
    return {
      vote: () => {
        const user = requireUser(context);
        if (rules.votesEnabled === false) throw new DecidimError('MUTATION_NOT_AUTHORIZED', 'You are not authorized to perform this action');
        const key = `${user}|${p.id}`;
        if (store.votes.has(key)) throw new DecidimError('VALIDATION_ERROR', 'There was a problem supporting the proposal.');
        const mine = [...store.votes.keys()].filter((k) => k.startsWith(`${user}|`)).length;
        if (rules.voteLimit && mine >= rules.voteLimit) throw new DecidimError('MUTATION_NOT_AUTHORIZED', 'You are not authorized to perform this action');
        store.votes.set(key, true);
        return proposalNode(store, p);
      },
      unvote: () => {
        const user = requireUser(context);
        if (rules.votesEnabled === false || rules.unvoteEnabled === false) throw new DecidimError('MUTATION_NOT_AUTHORIZED', 'You are not authorized to perform this action');
        store.votes.delete(`${user}|${p.id}`);
        return proposalNode(store, p);
      },
    };
  };
  return {
    __typename: 'ProposalsMutation', id: String(id),
    proposal: ({ id: proposalId }) => proposalMutation(proposalId),
    createProposal: ({ input }) => {
      requireUser(context);
      if (rules.creationEnabled === false) throw new DecidimError('MUTATION_NOT_AUTHORIZED', 'You are not authorized to perform this action');
      const { title, body } = input.attributes;
      const errors = [];
      if (title.length < 15) errors.push({ path: ['attributes', 'title'], message: 'Title is too short (minimum is 15 characters)' });
      if (title.length > 150) errors.push({ path: ['attributes', 'title'], message: 'Title is too long (maximum is 150 characters)' });
      if (body.length < 15) errors.push({ path: ['attributes', 'body'], message: 'Body is too short (minimum is 15 characters)' });
      if (errors.length) throw new DecidimError('ATTRIBUTE_VALIDATION_ERROR', errors);
      const proposal = { id: `new-${++store.created}`, componentId: String(id), title: { fr: title }, body: { fr: body }, publishedAt: new Date().toISOString(), authorName: `Participant ${context.user}` };
      store.fixture.proposals.push(proposal);
      return proposalNode(store, proposal);
    },
  };
}

function rootValue(store, context) {
  return {
    organization: () => ({ name: store.fixture.organization?.name ?? 'Ville Exemple' }),
    session: () => (context.user ? { user: { __typename: 'User', id: context.user, name: `Participant ${context.user}`, nickname: context.user, deleted: false } } : null),
    participatoryProcess: ({ id, slug }) => {
      const p = store.fixture.processes.find((x) => (id == null || String(x.id) === String(id)) && (slug == null || x.slug === slug));
      return p && p.published !== false ? processNode(store, p) : null;
    },
    component: ({ id }) => {
      if (context.operation === 'mutation') return mutationComponent(store, context, id);
      const process = processOf(store, id);
      const c = process?.components.find((x) => String(x.id) === String(id));
      return c ? componentNode(store, process, c) : null;
    },
  };
}

function formatError(error) {
  const original = error.originalError;
  if (original instanceof DecidimError) return { message: original.decidimMessage, path: error.path, extensions: { code: original.code } };
  return { message: error.message, ...(error.locations ? { locations: error.locations } : {}), ...(error.path ? { path: error.path } : {}) };
}

async function runGraphQL(store, body, token) {
  const user = token ? store.tokens.get(token) ?? null : null;
  if (token && !user) return { status: 401, json: { error: 'invalid_token' } };
  const entry = { query: body.query, variables: body.variables ?? {}, token: token ?? null, errors: [] };
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
  const invalid = validate(schemas[store.stages], document);
  if (invalid.length) {
    entry.errors = invalid.map((e) => e.message);
    return { status: 200, json: { errors: invalid.map(formatError) } };
  }
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')?.operation;
  const context = { user, operation };
  const result = await execute({ schema: schemas[store.stages], document, rootValue: rootValue(store, context), contextValue: context, variableValues: body.variables ?? {} });
  entry.errors = (result.errors ?? []).map((e) => e.message);
  return { status: 200, json: { data: result.data ?? null, ...(result.errors ? { errors: result.errors.map(formatError) } : {}) } };
}

const readBody = (req) => new Promise((resolve, reject) => {
  let data = '';
  req.on('data', (chunk) => (data += chunk));
  req.on('end', () => resolve(data));
  req.on('error', reject);
});
const b64url = (buffer) => buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const RELAY_PAGE = `<!doctype html><meta charset="utf-8"><title>Sign-in</title>
<script type="module">import { relayDecidimLogin } from '/src/backends/decidim/oauth-callback.ts'; relayDecidimLogin();</script>`;

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
  if (route === 'api' && ctx.method === 'POST') {
    const token = /^Bearer (.+)$/.exec(ctx.get('authorization') ?? '')?.[1];
    const { status, json } = await runGraphQL(store, JSON.parse(await readBody(ctx.req)), token);
    return send(status, json);
  }
  if (route === 'log') return send(200, store.log);
  if (route === 'oauth/authorize') {
    const q = url.searchParams;
    const redirect = new URL(q.get('redirect_uri'));
    const answer = (params) => {
      for (const [k, v] of Object.entries(params)) redirect.searchParams.set(k, v);
      ctx.status = 302;
      ctx.redirect(redirect.href);
      return true;
    };
    if (q.get('client_id') !== store.fixture.clientId || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
      return answer({ error: 'invalid_request', state: q.get('state') ?? '' });
    }
    if (store.fixture.denySignIn) return answer({ error: 'access_denied', error_description: 'The participant refused', state: q.get('state') ?? '' });
    const code = b64url(randomBytes(16));
    store.codes.set(code, { challenge: q.get('code_challenge'), redirectUri: q.get('redirect_uri'), user: `user-${++store.users}` });
    const state = store.fixture.tamperState ? 'forged-state' : q.get('state');
    return answer({ code, state });
  }
  if (route === 'oauth/token' && ctx.method === 'POST') {
    const form = new URLSearchParams(await readBody(ctx.req));
    const grant = store.codes.get(form.get('code'));
    store.codes.delete(form.get('code'));
    const verified = grant && form.get('grant_type') === 'authorization_code' && form.get('client_id') === store.fixture.clientId
      && form.get('redirect_uri') === grant.redirectUri && b64url(createHash('sha256').update(form.get('code_verifier') ?? '').digest()) === grant.challenge;
    if (!verified) return send(400, { error: 'invalid_grant', error_description: 'The code or its verifier is invalid' });
    const token = b64url(randomBytes(24));
    store.tokens.set(token, grant.user);
    return send(200, { access_token: token, token_type: 'Bearer', expires_in: 7200, scope: 'api:read api:write', created_at: Math.floor(Date.now() / 1000) });
  }
  return send(404, { error: 'not found' });
}

/** The Web Test Runner (dev server) middleware, in the config's `middleware` list. */
export async function decidimMiddleware(ctx, next) {
  if (!(await handleDecidim(ctx))) await next();
}

// The organiser console's browser tests need the API on the page's own origin (SameSite=Strict cookie,
// same-origin-only admin routes): this Web Test Runner plugin starts a reference server in a child process
// (`executeServerCommand('pgo-console-start')`, then poll `pgo-console-ready`), sets it up (first admin,
// a moderator, a pending proposal, a report) through its API, and proxies the test page's `/api/v1/*`
// to it with the page's Host, so the server sees a same-origin call exactly as under /admin/.
import { request } from 'node:http';
import { spawnReferenceServer } from './reference-server.mjs';

export const CONSOLE_PASSWORD = 'une phrase de passe pour la console';
let current = null;

async function prepare(server) {
  const api = (method, path, body, headers = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, body: await res.json().catch(() => null) }));
  const admin = { authorization: `Bearer ${server.adminToken}` };
  await api('POST', '/admin/setup', {
    setupToken: server.setupToken,
    email: 'admin@ville.example.fr',
    displayName: 'Anne Admin',
    password: CONSOLE_PASSWORD,
  });
  await api(
    'POST',
    '/admin/organisers',
    {
      email: 'mod@ville.example.fr',
      displayName: 'Marc Modérateur',
      password: CONSOLE_PASSWORD,
      roles: [{ consultationId: 'plan-action-2017', role: 'moderator' }],
    },
    admin,
  );
  // Something in every tab: the demo's pending proposals, a reported one, a hidden one.
  const participant = (await api('POST', '/participants')).body.token;
  const list = (await api('GET', '/consultations/plan-action-2017/proposals?limit=3&sort=newest')).body.items;
  await api(
    'POST',
    `/consultations/plan-action-2017/proposals/${list[0].id}/reports`,
    { reason: 'Propos hors sujet' },
    { authorization: `Bearer ${participant}` },
  );
  await api(
    'POST',
    '/admin/consultations/plan-action-2017/decisions',
    { targets: [`proposal:${list[1].id}`], action: 'hide', reason: 'Doublon' },
    admin,
  );
  return { proposals: list.map((p) => p.id) };
}

export function consoleServerPlugin() {
  return {
    name: 'pgo-console-server',
    async executeCommand({ command }) {
      if (command === 'pgo-console-start') {
        await current?.server?.close();
        const entry = { server: null, error: null, data: null };
        entry.started = spawnReferenceServer({})
          .then(async (server) => {
            entry.data = await prepare(server);
            entry.server = server;
          })
          .catch((error) => {
            entry.error = error;
          });
        current = entry;
        return true;
      }
      if (command === 'pgo-console-ready') {
        if (!current) return { error: 'not started' };
        await Promise.race([current.started, new Promise((r) => setTimeout(r, 10_000))]);
        if (current.error) return { error: String(current.error.message ?? current.error) };
        return current.server ? { ready: true, ...current.data, password: CONSOLE_PASSWORD } : { pending: true };
      }
      if (command === 'pgo-console-stop') {
        const entry = current;
        current = null;
        await entry?.started;
        await entry?.server?.close();
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await current?.started;
      await current?.server?.close();
      current = null;
    },
  };
}

/** Koa middleware: the page's `/api/v1/*` to the console's server while one runs. */
export async function consoleProxyMiddleware(ctx, next) {
  const target = current?.server?.url;
  if (!target || !ctx.path.startsWith('/api/v1/')) return next();
  const url = new URL(ctx.url, target);
  const body = ['GET', 'HEAD'].includes(ctx.method)
    ? null
    : await new Promise((resolve) => {
        const chunks = [];
        ctx.req.on('data', (c) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
      });
  await new Promise((resolve, reject) => {
    const req = request(url, { method: ctx.method, headers: { ...ctx.req.headers, host: ctx.req.headers.host } }, (res) => {
      ctx.status = res.statusCode;
      for (const [name, value] of Object.entries(res.headers))
        if (value !== undefined && name !== 'transfer-encoding' && name !== 'connection') ctx.set(name, value);
      const chunks = [];
      res
        .on('data', (c) => chunks.push(c))
        .on('end', () => {
          ctx.body = Buffer.concat(chunks);
          resolve();
        });
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

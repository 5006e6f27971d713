/**
 * Listening: the Hono app behind Node's HTTP server, with the checks that must run before anything
 * reads the request URL. An absolute-form target (`GET http://other.example/…`) would become the
 * request URL that the admin same-origin check compares with `Origin`, and two `Host` lines leave the
 * authority ambiguous: both are refused with 400 here, before Hono builds the request.
 */
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { backendError } from './problem.js';

/** Why the request line or head is refused, or null. */
export function framingProblem(req: IncomingMessage): string | null {
  const target = req.url ?? '';
  if (!target.startsWith('/') && !(target === '*' && req.method === 'OPTIONS'))
    return 'The request target must be a path (origin-form), not an absolute URL';
  let hosts = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === 'host') hosts++;
  if (hosts > 1) return 'The request has more than one Host line';
  return null;
}

function refuse(res: ServerResponse, detail: string): void {
  const body = JSON.stringify(backendError('validation', 'Malformed request', { status: 400, detail }).problem);
  res.writeHead(400, {
    'content-type': 'application/problem+json; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export interface ListenOptions {
  port: number;
  hostname: string;
  serverOptions?: ServerOptions;
}

/** Serves `app`; resolves once listening, with the Node server and its port. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function listen(app: Hono<any>, options: ListenOptions): Promise<{ server: Server; port: number }> {
  const guarded = (serverOptions: ServerOptions, listener: (req: IncomingMessage, res: ServerResponse) => void) =>
    createServer(serverOptions, (req, res) => {
      const problem = framingProblem(req);
      if (problem) refuse(res, problem);
      else listener(req, res);
    });
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: options.port,
        hostname: options.hostname,
        serverOptions: options.serverOptions ?? {},
        createServer: guarded as typeof createServer,
      },
      () => resolve({ server: server as Server, port: (server.address() as AddressInfo).port }),
    );
    server.once('error', reject);
  });
}

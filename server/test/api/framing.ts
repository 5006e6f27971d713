/**
 * What arrives before any route: methods a path does not have (405 + Allow), request targets and Host
 * lines (400), and clients that go away mid-body (told apart from database outages). Raw sockets where
 * fetch cannot send the request. Part of the route suite (server/test/suite.ts).
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../../../src/core/schemas.js';
import { validDraft } from '../helpers.js';
import { ADMIN, assertProblem, OPEN, type ApiTestContext } from './context.js';

/** Sends `request` as written on a new connection; resolves with what the server answered (until it closes). */
function raw(url: string, request: string, { cut = false } = {}): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(Number(port), hostname, () => {
      socket.write(request);
      // A client that goes away mid-body: the half-close is not enough, the connection is reset.
      if (cut) setImmediate(() => socket.resetAndDestroy());
    });
    socket.on('data', (data) => (answer += data));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error) => (cut ? resolve(answer) : reject(error)));
  });
}

/** Status line and JSON body of a raw HTTP/1.1 answer. */
function parse(answer: string): { status: number; head: string; body: unknown } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), head, body: body ? JSON.parse(body) : null };
}

export function framingTests({ call, token, logs, url }: ApiTestContext): void {
  describe('methods and request framing', () => {
    it('a method a path does not have is 405 with Allow, under /admin too (before any token check)', async () => {
      const cases: [string, string, string][] = [
        ['PATCH', '/time', 'GET, HEAD, OPTIONS'],
        ['DELETE', `${OPEN}/proposals`, 'GET, HEAD, POST, OPTIONS'],
        ['GET', `${OPEN}/proposals/s0/vote`, 'PUT, DELETE, OPTIONS'],
        ['POST', `${OPEN}/export.csv`, 'GET, HEAD, OPTIONS'],
        ['GET', '/admin/proposals/s0/hide', 'POST, OPTIONS'],
        ['DELETE', '/admin/consultations/open/moderation', 'GET, HEAD, OPTIONS'],
      ];
      for (const [method, path, allow] of cases) {
        const answer = await call(method, path);
        assertProblem(answer, 405, 'unsupported');
        assert.equal(answer.headers.get('allow'), allow, `${method} ${path}`);
      }
      // Same-origin OPTIONS on a known path says what it allows; unknown paths stay 404.
      const options = await call('OPTIONS', `${OPEN}/proposals/s0/vote`);
      assert.equal(options.status, 204);
      assert.equal(options.headers.get('allow'), 'PUT, DELETE, OPTIONS');
      assertProblem(await call('PATCH', '/nowhere'), 404, 'not-found');
      assertProblem(await call('GET', '/admin/nowhere'), 404, 'not-found');
    });

    it('refuses an absolute-form request target (400) before the admin same-origin check reads the URL', async () => {
      const hide =
        `POST http://evil.example/api/v1/admin/proposals/s2/hide HTTP/1.1\r\nHost: ${new URL(url()).host}\r\n` +
        `Origin: http://evil.example\r\nAuthorization: Bearer ${ADMIN}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;
      const answer = parse(await raw(url(), hide));
      assert.equal(answer.status, 400, answer.head);
      assert.equal(ApiError.parse(answer.body).status, 400);
      assert.equal((await call('GET', `${OPEN}/proposals/s2`)).body.status, 'published');
      const read = parse(
        await raw(url(), `GET http://127.0.0.1/api/v1/time HTTP/1.1\r\nHost: ${new URL(url()).host}\r\nConnection: close\r\n\r\n`),
      );
      assert.equal(read.status, 400);
    });

    it('refuses two Host lines (400)', async () => {
      const host = new URL(url()).host;
      const answer = parse(
        await raw(url(), `GET /api/v1/time HTTP/1.1\r\nHost: ${host}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`),
      );
      assert.equal(answer.status, 400, answer.head);
      assert.equal(ApiError.parse(answer.body).code, 'validation');
      assert.equal(parse(await raw(url(), `GET /api/v1/time HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).status, 200);
    });

    it('a client that goes away mid-body or breaks its chunk framing is not logged as a database outage', async () => {
      const t = await token();
      const host = new URL(url()).host;
      const head = (framing: string) =>
        `POST /api/v1${OPEN}/proposals HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${t}\r\nContent-Type: application/json\r\n${framing}\r\n`;
      const body = JSON.stringify(validDraft);
      const from = logs.length;
      await raw(url(), `${head(`Content-Length: ${body.length + 100}\r\n`)}${body}`, { cut: true });
      await raw(url(), `${head('Transfer-Encoding: chunked\r\n')}zz\r\n${body}\r\n`);
      // Both requests are logged once the server has answered them (the log line carries the status).
      const answered = () => logs.slice(from).filter((l) => l.startsWith(`POST /api/v1${OPEN}/proposals `));
      while (answered().length < 2) await sleep(10);
      const lines = logs.slice(from);
      assert.deepEqual(
        lines.filter((l) => /database unavailable/.test(l)),
        [],
      );
      assert.equal(lines.filter((l) => /^client went away: POST /.test(l)).length, 2, lines.join('\n'));
      assert.deepEqual(
        answered().map((l) => l.split(' ')[2]),
        ['400', '400'],
      );
      assert.equal((await call('GET', '/time')).status, 200);
    });
  });
}

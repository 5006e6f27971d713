/** What every part of the route suite shares: clients of the served app, helpers, and the problem check. */
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/schemas.js';
import type { Db } from '../../db/db.js';
import type { Answer, Call } from '../helpers.js';

export const ADMIN = 'test-admin-token';
export const OPEN = '/consultations/open';

export interface ApiTestContext {
  /** The app with limits out of the way. */
  call: Call;
  /** The same database behind an app with tight rate limits. */
  strictCall: Call;
  /** A new participant's token. */
  token(c?: Call): Promise<string>;
  /** `count('votes WHERE proposal_id = $1', [id])`. */
  count(sql: string, params?: unknown[]): Promise<number>;
  /** A call with the admin token. */
  admin(method: string, path: string, headers?: Record<string, string>): Promise<Answer<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  query: Db['query'];
  db(): Db;
  /** The served app's origin (`http://127.0.0.1:port`), for raw requests. */
  url(): string;
  /** Log lines the served app wrote since the suite started. */
  logs: string[];
}

export function assertProblem(answer: { status: number; headers: Headers; body: unknown }, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const problem = ApiError.parse(answer.body);
  assert.equal(problem.code, code);
  assert.equal(problem.status, status);
}

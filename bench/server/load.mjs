// The HTTP load of the server benchmark and the checks after it: autocannon on loopback, every request
// a new vote (its own participant x proposal pair); then the vote rows once they stop moving, and the
// sum of the tallies the API reports.
import autocannon from 'autocannon';
import { CONSULTATION, HTTP_PARTICIPANTS, PROPOSALS } from './population.mjs';

const api = (url, path) => `${url}/api/v1${path}`;

/**
 * Autocannon for `seconds` at `connections`. Request k is participant (k mod P) + 1 voting on proposal
 * (k + k div P) mod N + 1: consecutive requests have different participants and proposals (no hot
 * row), and every pair is new while k < P x N (P + 1 and N have no common factor).
 */
export async function load(url, { seconds, connections, sequence }) {
  const result = await autocannon({
    // A generous timeout: a saturated server's answers still count (and their latency shows).
    url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'PUT',
        setupRequest: (request) => {
          const k = sequence.next++;
          const participant = (k % HTTP_PARTICIPANTS) + 1;
          const proposal = ((k + Math.floor(k / HTTP_PARTICIPANTS)) % PROPOSALS) + 1;
          return {
            ...request,
            path: `/api/v1/consultations/${CONSULTATION}/proposals/bp${proposal}/vote`,
            body: '{"choice":"support"}',
            headers: {
              authorization: `Bearer bench-token-${participant}`,
              'content-type': 'application/json',
              'idempotency-key': `bench-${k}`,
            },
          };
        },
      },
    ],
  });
  if (sequence.next >= HTTP_PARTICIPANTS * PROPOSALS)
    throw new Error('the run went past the distinct participant x proposal pairs: raise HTTP_PARTICIPANTS');
  return {
    rps: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    refused: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses: result.statusCodeStats,
  };
}

/** The vote rows once the count has not moved for a second (at most a minute). */
export async function settledCount(count) {
  let last = await count();
  for (let stable = 0, waited = 0; stable < 4 && waited < 240; waited++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await count();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return last;
}

/** The sum of the tallies the API reports, every page. */
export async function tallySum(url) {
  let sum = 0;
  let cursor = '';
  for (;;) {
    const res = await fetch(api(url, `/consultations/${CONSULTATION}/proposals?limit=100${cursor ? `&cursor=${cursor}` : ''}`));
    const page = await res.json();
    for (const p of page.items) sum += p.tally.total;
    if (!page.nextCursor) return sum;
    cursor = page.nextCursor;
  }
}

/** One vote by participant 1 on proposal 1 while the server records its SQL. */
export async function captureVote(server, key) {
  await server.call('start');
  const res = await fetch(api(server.url, `/consultations/${CONSULTATION}/proposals/bp1/vote`), {
    method: 'PUT',
    headers: { authorization: 'Bearer bench-token-1', 'content-type': 'application/json', 'idempotency-key': key },
    body: '{"choice":"support"}',
  });
  const statements = await server.call('stop');
  if (res.status !== 200) throw new Error(`the probe vote answered ${res.status}: ${await res.text()}`);
  return statements;
}

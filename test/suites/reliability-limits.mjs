// Issue 9, limits: oversized bodies (413), deeply nested JSON (refused, no stack overflow), slow clients
// (slowloris: cut off by the server's header and request timeouts) and floods (429 + Retry-After per
// participant, per address, for new participants). In every case a concurrent normal request from
// someone else is served.
import { request as httpRequest, Agent } from 'node:http';
import { connect } from 'node:net';
import { Tally, client, problemDefect, schemas, sleep, startTestServer } from '../reliability/harness.mjs';

export const name = 'reliability-limits';

const LIMITS = {
  writesPerMinute: 10,
  writesPerIpPerMinute: 120,
  participantsPerMinute: 40,
  headersTimeoutMs: 2_000,
  requestTimeoutMs: 4_000,
};

/** A request from a given loopback address (the whole 127/8 reaches this host): another client IP. */
function fromAddress(base, localAddress) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64, localAddress });
  return (method, path, { token, body } = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = httpRequest(
        `${base}/api/v1${path}`,
        {
          method,
          agent,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () =>
            resolve({ status: res.statusCode, headers: new Headers(res.headers), text, body: text ? safeJson(text) : null }),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

/**
 * An abusive request on its own connection (`Connection: close`), as an abuser would send it: the
 * server may cut that connection off without harming the pooled ones of normal clients.
 * `chunks`: the body is sent chunked, without Content-Length.
 */
function oneShot(base, method, path, { token, raw, chunks } = {}) {
  return new Promise((resolve) => {
    const req = httpRequest(
      `${base}/api/v1${path}`,
      {
        method,
        agent: false,
        headers: {
          connection: 'close',
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(raw !== undefined ? { 'content-length': Buffer.byteLength(raw) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: new Headers(res.headers), text, body: text ? safeJson(text) : null }),
        );
      },
    );
    req.on('error', (error) => resolve({ status: `connection error ${error.code}`, headers: new Headers(), text: '', body: null }));
    if (chunks) {
      for (const chunk of chunks) req.write(chunk);
      req.end();
    } else {
      req.end(raw);
    }
  });
}

const safeJson = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const draft = (i) => ({
  title: `Proposition de charge ${i}`,
  body: 'Un texte assez long pour passer la validation du serveur.',
  categoryId: 'donnees',
  consent: true,
});

export async function run() {
  const tally = new Tally(name);
  const { ApiError } = await schemas();
  const server = await startTestServer({ limits: LIMITS });
  const call = client(server.url);
  const { port } = new URL(server.url);
  let cases = 0;
  /** A normal request by someone else while the abuse goes on: a read, and a write from another address. */
  const other = fromAddress(server.url, '127.0.0.2');
  let otherToken = (await other('POST', '/participants')).body.token;
  let otherWrites = 0;
  const normal = async (label) => {
    const read = await call('GET', '/consultations/open/proposals?limit=5');
    // A fresh participant every few writes, so this normal user stays under their own limit.
    if (++otherWrites % (LIMITS.writesPerMinute - 2) === 0) otherToken = (await other('POST', '/participants')).body.token;
    const write = await other('PUT', `/consultations/unlimited/proposals/${unlimitedProposal}/vote`, {
      token: otherToken,
      body: { choice: 'support' },
    });
    cases += 2;
    tally.check(
      `${label}: a normal read by someone else is served`,
      read.status === 200 ? null : `${read.status} ${read.text.slice(0, 120)}`,
    );
    tally.check(
      `${label}: a normal write by someone else is served`,
      write.status === 200 ? null : `${write.status} ${write.text.slice(0, 120)}`,
    );
    return read.status === 200 && write.status === 200;
  };
  const unlimitedProposal = (await other('POST', '/consultations/unlimited/proposals', { token: otherToken, body: draft('cible') })).body
    .proposal.id;
  const mustBeProblem = (label, answer, status) =>
    tally.check(
      label,
      answer.status === status
        ? problemDefect(ApiError, answer)
        : `expected ${status}, got ${answer.status}: ${String(answer.text).slice(0, 160)}`,
    );

  try {
    // 1. Oversized bodies: Content-Length, chunked (no length), and a 5 MB one, with someone else served meanwhile.
    const t = (await call('POST', '/participants')).body.token;
    const big = JSON.stringify({ ...draft(1), body: 'x'.repeat(70 * 1024) });
    const abuse = (method, path, options) => oneShot(server.url, method, path, { token: t, ...options });
    const [sized] = await Promise.all([abuse('POST', '/consultations/open/proposals', { raw: big }), normal('oversized body')]);
    cases++;
    mustBeProblem('a 70 KB body with Content-Length → 413', sized, 413);
    const [chunked] = await Promise.all([
      abuse('POST', '/consultations/open/proposals', { chunks: Array.from({ length: 100 }, () => 'x'.repeat(1024)) }),
      normal('chunked body'),
    ]);
    cases++;
    mustBeProblem('a 100 KB chunked body (no Content-Length) → 413', chunked, 413);
    const [huge] = await Promise.all([
      abuse('POST', '/consultations/open/proposals', { raw: `{"title":"${'y'.repeat(5 * 1024 * 1024)}"}` }),
      normal('5 MB body'),
    ]);
    cases++;
    mustBeProblem('a 5 MB body → 413', huge, 413);
    const countBig = (
      await server.db.query('SELECT count(*)::int AS n FROM proposals WHERE length(body) > 60000 OR length(title) > 60000')
    )[0].n;
    tally.say(
      'oversized bodies: 413 problem+json (length, chunked, 5 MB), nothing stored, others served',
      countBig === 0 ? null : `${countBig} oversized rows stored`,
    );

    // 2. Deep JSON: 10,000 nested arrays / objects and 30,000 arrays, refused without a stack overflow.
    const deep = [
      ['10,000 nested arrays', '['.repeat(10_000) + ']'.repeat(10_000)],
      ['10,000 nested objects', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
      ['30,000 nested arrays in a field', `{"title":${'['.repeat(30_000)}${']'.repeat(30_000)}}`],
      ['10,000 unclosed arrays', '['.repeat(10_000)],
    ];
    for (const [what, raw] of deep) {
      for (const path of ['/consultations/open/proposals', '/consultations/open/proposals/s0/vote', '/consultations/open/events']) {
        const method = path.endsWith('/vote') ? 'PUT' : 'POST';
        // A fresh participant each time, so the body is read (not refused earlier by the rate limit).
        const fresh = (await call('POST', '/participants')).body.token;
        const [answer] = await Promise.all([abuse(method, path, { raw, token: fresh }), normal(what)]);
        cases++;
        tally.check(
          `${what} to ${method} ${path}`,
          [400, 413, 422].includes(answer.status) ? problemDefect(ApiError, answer) : `got ${answer.status}: ${answer.text.slice(0, 160)}`,
        );
      }
    }
    console.log(`  ✓ deep JSON: ${deep.length} shapes × 3 routes refused (400/413/422 problem+json), the server still answers`);

    // 3. Slow clients: sockets that trickle the request head or body; the server cuts them off.
    const slow = [];
    const SLOW = 40;
    const trickle = (kind, token) =>
      new Promise((resolve) => {
        const socket = connect({ host: '127.0.0.1', port: Number(port) });
        const started = performance.now();
        let answer = '';
        let timer;
        const head =
          kind === 'head'
            ? 'POST /api/v1/consultations/open/proposals HTTP/1.1\r\nHost: x\r\nX-Slow: '
            : `POST /api/v1/consultations/open/proposals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nAuthorization: Bearer ${token}\r\n\r\n{"title":"`;
        socket.on('connect', () => {
          socket.write(head);
          // One byte a second for up to 60 s: far longer than the server lets it.
          let sent = 0;
          timer = setInterval(() => {
            if (++sent > 60) return socket.destroy();
            socket.write('a');
          }, 1000);
        });
        socket.on('data', (d) => (answer += d));
        const done = (how) => {
          clearInterval(timer);
          resolve({ kind, how, seconds: (performance.now() - started) / 1000, answer: answer.split('\r\n')[0] });
        };
        socket.on('close', () => done('closed'));
        socket.on('error', () => {});
      });
    // Body tricklers authenticate as participants still under their write limit, so the server waits for the body.
    const slowTokens = [(await call('POST', '/participants')).body.token, (await call('POST', '/participants')).body.token];
    for (let i = 0; i < SLOW; i++) slow.push(trickle(i % 2 ? 'head' : 'body', slowTokens[i % 4 ? 1 : 0]));
    await sleep(300);
    let servedMeanwhile = 0;
    for (let i = 0; i < 5; i++) {
      if (await normal(`slow clients (${SLOW} trickling sockets), round ${i + 1}`)) servedMeanwhile++;
      await sleep(200);
    }
    const ended = await Promise.all(slow);
    cases += ended.length;
    for (const end of ended) {
      // The client would trickle for 60 s; being cut off before that is the server's doing.
      tally.check(
        `a slow client trickling its ${end.kind} is cut off by the server`,
        end.seconds >= 55
          ? `still connected after ${end.seconds.toFixed(1)} s`
          : end.answer && !/ 408 /.test(end.answer)
            ? `answered “${end.answer}” instead of 408`
            : null,
      );
    }
    const slowest = Math.max(...ended.map((e) => e.seconds));
    const answers = [...new Set(ended.map((e) => e.answer || '(closed without an answer)'))];
    tally.say(
      `slow clients: ${SLOW} trickling sockets cut off (after at most ${slowest.toFixed(1)} s: ${answers.join(', ')}); ${servedMeanwhile}/5 rounds of normal requests served meanwhile`,
      servedMeanwhile === 5 ? null : 'others were not served',
    );

    // 4. Floods: one participant's burst of writes, one address's, and new participants.
    const flooder = (await call('POST', '/participants')).body.token;
    const burst = Array.from({ length: 60 }, (_, i) =>
      call('POST', '/consultations/unlimited/proposals', { token: flooder, body: draft(`flood-${i}`) }),
    );
    const [floodAnswers] = await Promise.all([Promise.all(burst), normal('one participant’s flood')]);
    cases += floodAnswers.length;
    const accepted = floodAnswers.filter((a) => a.status === 201).length;
    const limited = floodAnswers.filter((a) => a.status === 429);
    for (const a of limited)
      tally.check(
        'flood: 429 refusal',
        problemDefect(ApiError, a) ??
          (Number(a.headers.get('retry-after')) >= 1 && a.body.retryAfter === Number(a.headers.get('retry-after'))
            ? null
            : `Retry-After ${a.headers.get('retry-after')} / ${a.body.retryAfter}`),
      );
    tally.say(
      `flood: one participant sends 60 proposals at once: ${accepted} accepted (limit ${LIMITS.writesPerMinute}/min), ${limited.length} refused 429 with Retry-After`,
      accepted === LIMITS.writesPerMinute && limited.length === 60 - accepted
        ? null
        : `accepted ${accepted}, 429 ${limited.length}, others ${floodAnswers.filter((a) => a.status !== 201 && a.status !== 429).map((a) => a.status)}`,
    );
    const stored = (await server.db.query("SELECT count(*)::int AS n FROM proposals WHERE title LIKE 'Proposition de charge flood-%'"))[0]
      .n;
    cases++;
    tally.check('flood: exactly the accepted proposals are stored', stored === accepted ? null : `${stored} stored, ${accepted} accepted`);

    // Many participants from one address (127.0.0.1): the per-address limit.
    const crowd = [];
    for (let i = 0; i < 15; i++) crowd.push((await call('POST', '/participants')).body.token);
    const ipBurst = crowd.flatMap((token, i) =>
      Array.from({ length: 9 }, (_, j) =>
        call('PUT', `/consultations/unlimited/proposals/${unlimitedProposal}/vote`, {
          token,
          body: { choice: 'support' },
          key: `ip-${i}-${j}`,
        }),
      ),
    );
    const [ipAnswers] = await Promise.all([Promise.all(ipBurst), normal('one address’s flood')]);
    cases += ipAnswers.length;
    const ipOk = ipAnswers.filter((a) => a.status === 200).length;
    const ipLimited = ipAnswers.filter((a) => a.status === 429);
    for (const a of ipLimited) tally.check('address flood: 429 refusal', problemDefect(ApiError, a));
    tally.say(
      `flood: ${crowd.length} participants on one address send ${ipAnswers.length} votes: ${ipOk} served, ${ipLimited.length} refused 429 (address limit ${LIMITS.writesPerIpPerMinute}/min, counted with the earlier writes)`,
      ipLimited.length > 0 && ipOk + ipLimited.length === ipAnswers.length
        ? null
        : `served ${ipOk}, 429 ${ipLimited.length}, others ${ipAnswers.filter((a) => a.status !== 200 && a.status !== 429).map((a) => a.status)}`,
    );

    // New participants: 100 at once from one address.
    const newcomers = await Promise.all(Array.from({ length: 100 }, () => call('POST', '/participants')));
    const fromOther = await other('POST', '/participants');
    cases += newcomers.length + 1;
    const created = newcomers.filter((a) => a.status === 201).length;
    const refused = newcomers.filter((a) => a.status === 429);
    for (const a of refused) tally.check('participants flood: 429 refusal', problemDefect(ApiError, a));
    tally.say(
      `flood: 100 new participants at once from one address: ${created} created, ${refused.length} refused 429; another address still gets one (${fromOther.status})`,
      refused.length > 0 && created + refused.length === 100 && fromOther.status === 201
        ? null
        : `created ${created}, refused ${refused.length}, other ${fromOther.status}`,
    );

    // Oversized header (Node's own 16 KB limit): 431, and the server goes on.
    const hugeHeader = await call('GET', '/time', { headers: { 'x-padding': 'p'.repeat(20_000) } }).catch((error) => ({
      status: `error ${error.cause?.code ?? error.message}`,
    }));
    cases++;
    tally.say(
      `a 20 KB header is refused (${hugeHeader.status}) and the server goes on`,
      hugeHeader.status === 431 && (await normal('after a huge header')) ? null : `got ${hugeHeader.status}`,
    );
    return tally.report({ 'cases tried': cases, failures: tally.failed });
  } finally {
    await server.close();
  }
}

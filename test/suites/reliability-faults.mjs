// Issue 9, faults. (a) The server process SIGKILLed while a real browser page's <pgo-proposal-form> sends
// a proposal (on the request's arrival, right after its last byte, and after the server answered), then
// started again on the same PGlite folder: after the element's retry there is exactly one proposal.
// (b) The browser offline while typing and submitting: the draft survives a reload and is sent once the
// network is back: exactly one proposal. (c) PostgreSQL restarted (`pg_ctl restart -m fast`) under a
// stream of votes and proposals: every write answered 2xx is stored, failures are clean 5xx problem+json
// (retried with the same key), and the server recovers without a restart.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, ensureChrome } from '../../scripts/browsers.mjs';
import { ensureBuild } from '../../scripts/size.mjs';
import { DIST, freePort, startChild, startProxy } from '../reliability/child-server.mjs';
import {
  Tally,
  client,
  loadTs,
  pooledClient,
  problemDefect,
  schemas,
  sleep,
  startTestServer,
  writeConfig,
} from '../reliability/harness.mjs';

export const name = 'reliability-faults';

const PAGE = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Faults</title>
<script type="module" src="/dist/cdn/pgo-widgets.js"></script></head>
<body><pgo-consultation backend="rest" endpoint="" consultation="open"><pgo-proposal-form></pgo-proposal-form></pgo-consultation></body></html>`;

const FORM = 'pgo-proposal-form';
const BODY = 'Un texte assez long pour passer la validation, envoyé pendant une panne.';

async function fill(page, title) {
  await page.locator(`${FORM} #f-title`).fill(title);
  await page.locator(`${FORM} #f-body`).fill(BODY);
  await page.locator(`${FORM} #f-consent`).check();
}

/** Waits for the form to end up in success or in a send error with a retry button; returns which. */
async function outcome(page, timeout = 60_000) {
  const success = page.locator(`${FORM} [part~="success"]`);
  const retry = page.locator(`${FORM} [part~="retry"]`);
  await success.or(retry).first().waitFor({ timeout });
  return (await success.count()) ? 'success' : 'retry';
}

export async function run() {
  const tally = new Tally(name);
  ensureBuild();
  const { ApiError } = await schemas();
  let cases = 0;
  const home = mkdtempSync(join(tmpdir(), 'pgo-faults-'));
  const pageDir = join(home, 'page');
  const config = writeConfig();
  mkdirSync(pageDir);
  writeFileSync(join(pageDir, 'index.html'), PAGE);
  const browser = await chromium.launch({ executablePath: ensureChrome(), args: CHROME_ARGS, headless: true });
  const port = await freePort();
  const start = () =>
    startChild({ port, dataDir: join(home, 'pglite'), configDir: config.dir, staticDirs: { '/': pageDir, '/dist': DIST } });
  let server = start();
  const proxy = await startProxy(() => port);
  try {
    await server.ready;
    const api = client(proxy.url);
    const countTitled = async (title) =>
      (await api('GET', `/consultations/open/proposals?limit=100&q=${encodeURIComponent(title)}`)).body.total;

    // (a) Killed mid-send, started again on the same data, retried by the element.
    for (const moment of ['arrival', 'mid-request', 'after-answer']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        await page.goto(`${proxy.url}/`);
        await page.locator(`${FORM} #f-title`).waitFor();
        const title = `Panne du serveur (${moment})`;
        await fill(page, title);
        let restarted;
        proxy.arm(/^POST \/api\/v1\/consultations\/open\/proposals /, moment, async () => {
          await server.kill();
          // Back on the same folder while the browser's own retries run.
          server = start();
          restarted = server.ready;
        });
        await page.locator(`${FORM} [part~="submit"]`).click();
        let first = await outcome(page);
        const killed = !proxy.armed;
        await restarted;
        let clicks = 0;
        while (first === 'retry' && clicks < 3) {
          clicks++;
          await page.locator(`${FORM} [part~="retry"]`).click();
          first = await outcome(page);
        }
        const n = await countTitled(title);
        cases++;
        tally.say(
          `(a) server SIGKILLed ${moment === 'arrival' ? 'as the proposal arrived' : moment === 'mid-request' ? 'right after the proposal’s last byte' : 'after it answered (answer lost)'}, restarted on the same PGlite folder: ${clicks} retry click(s), success shown, ${n} proposal`,
          killed && first === 'success' && n === 1 ? null : `killed ${killed}, form ${first}, ${n} proposals`,
        );
      } finally {
        await context.close();
      }
    }

    // (b) Offline while typing and submitting; the draft survives a reload; sent once back online.
    for (const variant of ['retry', 'reload']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        await page.goto(`${proxy.url}/`);
        await page.locator(`${FORM} #f-title`).waitFor();
        await context.setOffline(true);
        const title = `Hors ligne puis envoyée (${variant})`;
        await fill(page, title);
        await page.locator(`${FORM} [part~="submit"]`).click();
        const offline = await outcome(page);
        const said = (await page.locator(`${FORM} [part~="send-error"]`).textContent())?.trim();
        await page.locator(`${FORM} #f-body`).click(); // Leaving the title saves the draft at once.
        await sleep(700);
        let restored = null;
        await context.setOffline(false);
        if (variant === 'reload') {
          await page.reload();
          await page.locator(`${FORM} [part~="draft-notice"]`).waitFor({ timeout: 30_000 });
          restored = {
            title: await page.locator(`${FORM} #f-title`).inputValue(),
            body: await page.locator(`${FORM} #f-body`).inputValue(),
          };
          await page.locator(`${FORM} [part~="submit"]`).click();
        } else {
          await page.locator(`${FORM} [part~="retry"]`).click();
        }
        const sent = await outcome(page);
        const n = await countTitled(title);
        cases++;
        if (variant === 'reload') {
          tally.say(
            `(b) offline: the draft survives a reload (title and text restored: ${restored.title === title && restored.body === BODY})`,
            restored.title === title && restored.body === BODY ? null : JSON.stringify(restored),
          );
        }
        tally.say(
          `(b) offline while submitting (“${said?.slice(0, 70)}”), back online, ${variant === 'reload' ? 'reloaded and sent' : 'retry clicked'}: ${n} proposal`,
          offline === 'retry' && sent === 'success' && n === 1 ? null : `offline ${offline}, then ${sent}, ${n} proposals`,
        );
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await proxy.close();
    await server.stop().catch(() => {});
    config.remove();
    rmSync(home, { recursive: true, force: true });
  }

  // (c) PostgreSQL restarted under a stream of writes.
  cases += await databaseRestart(tally, ApiError);
  return tally.report({ 'cases tried': cases, failures: tally.failed });
}

async function databaseRestart(tally, ApiError) {
  const { startPostgres } = await loadTs('server/test/postgres.ts');
  const postgres = await startPostgres();
  let server;
  let cases = 0;
  try {
    server = await startTestServer({ databaseUrl: await postgres.createDatabase('pgo_faults') });
    const call = pooledClient(server.url, { connections: 32 });
    const owner = (await call('POST', '/participants')).body.token;
    const target = (
      await call('POST', '/consultations/unlimited/proposals', {
        token: owner,
        body: { title: 'Cible des votes sous panne', body: BODY, consent: true },
      })
    ).body.proposal.id;
    const accepted = { proposals: [], votes: [] };
    const failures = { network: 0, problems: 0, unclean: [], statuses: new Set() };
    let retried = 0;
    let stop = false;
    /** One write, retried with the same key as the rest backend does (network errors, 5xx), until 2xx or given up. */
    const write = async (method, path, token, body) => {
      const key = `k-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`; // POST /participants needs 16+ characters
      for (let attempt = 0; attempt < 40; attempt++) {
        let answer;
        try {
          answer = await call(method, path, { token, body, key });
        } catch {
          failures.network++;
          await sleep(250);
          retried++;
          continue;
        }
        cases++;
        if (answer.status < 300) return answer;
        if (answer.status >= 500) {
          failures.problems++;
          failures.statuses.add(answer.status);
          const defect = problemDefect(ApiError, answer);
          if (defect) failures.unclean.push(defect);
          await sleep(Math.max(250, (Number(answer.headers.get('retry-after') ?? 0) * 1000) / 4));
          retried++;
          continue;
        }
        failures.unclean.push(`${answer.status} ${answer.text.slice(0, 120)}`);
        return null;
      }
      return null;
    };
    const worker = async (w) => {
      for (let i = 0; !stop; i++) {
        const joined = await write('POST', '/participants', null, undefined);
        if (!joined) continue;
        const { token, participant } = joined.body;
        if (i % 2) {
          const a = await write('PUT', `/consultations/unlimited/proposals/${target}/vote`, token, { choice: 'support' });
          if (a) accepted.votes.push(participant.id);
        } else {
          const a = await write('POST', '/consultations/unlimited/proposals', token, {
            title: `Sous panne ${w}-${i}`,
            body: BODY,
            consent: true,
          });
          if (a) accepted.proposals.push(a.body.proposal.id);
        }
      }
    };
    const workers = Array.from({ length: 12 }, (_, w) => worker(w));
    await sleep(1500);
    const beforeRestart = accepted.votes.length + accepted.proposals.length;
    const restartStarted = performance.now();
    await postgres.restart();
    const restartSeconds = (performance.now() - restartStarted) / 1000;
    await sleep(1500);
    const second = await postgres.restart().then(
      () => true,
      () => false,
    );
    await sleep(1500);
    stop = true;
    await Promise.all(workers);
    // Every accepted write is there.
    const storedProposals = new Set(
      (await server.db.query('SELECT id FROM proposals WHERE id = ANY($1::text[])', [accepted.proposals])).map((r) => r.id),
    );
    const storedVotes = new Set(
      (await server.db.query('SELECT participant_id FROM votes WHERE proposal_id = $1', [target])).map((r) => r.participant_id),
    );
    const lostProposals = accepted.proposals.filter((id) => !storedProposals.has(id));
    const lostVotes = accepted.votes.filter((id) => !storedVotes.has(id));
    const tallyNow = (await call('GET', `/consultations/unlimited/proposals/${target}`)).body.tally.total;
    tally.say(
      `(c) PostgreSQL restarted twice (pg_ctl restart -m fast, ${restartSeconds.toFixed(1)} s) under 12 writers: ${accepted.proposals.length} proposals and ${accepted.votes.length} votes answered 2xx (${beforeRestart} before the first restart), all stored`,
      lostProposals.length || lostVotes.length || !second
        ? `lost ${lostProposals.length} proposals, ${lostVotes.length} votes (second restart ${second})`
        : null,
    );
    tally.say(
      `(c) the tally equals the accepted votes (${tallyNow})`,
      tallyNow === storedVotes.size && storedVotes.size === new Set(accepted.votes).size
        ? null
        : `tally ${tallyNow}, rows ${storedVotes.size}, accepted ${accepted.votes.length}`,
    );
    tally.say(
      `(c) during the restarts: ${failures.problems} answers ${[...failures.statuses].join('/') || '5xx'} (all problem+json: ${!failures.unclean.length}), ${failures.network} connection errors, ${retried} retries with the same key`,
      failures.unclean.length
        ? failures.unclean.slice(0, 3).join('; ')
        : failures.problems + failures.network === 0
          ? 'no failure seen at all: the restart did not hit the stream'
          : null,
    );
    // Recovered without restarting the server: fresh writes and reads work at once.
    const after = await call('POST', '/participants');
    const afterWrite =
      after.status === 201
        ? await call('PUT', `/consultations/unlimited/proposals/${target}/vote`, { token: after.body.token, body: { choice: 'support' } })
        : after;
    cases += 2;
    tally.say(
      '(c) the same server process serves writes again after the restarts (its pool reconnected)',
      after.status === 201 && afterWrite.status === 200 ? null : `${after.status} / ${afterWrite.status} ${afterWrite.text?.slice(0, 120)}`,
    );
    call.close();
  } finally {
    await server?.close().catch(() => {});
    await postgres.stop();
  }
  return cases;
}

/**
 * The live stream on a private PostgreSQL: the whole suite in this process (one LISTEN connection),
 * then two server processes (server/main.ts) on one database: a vote through one reaches a stream held
 * on the other, and a stream dropped on one resumes on the other with nothing missed and nothing twice.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/db.js';
import { client, testConsultations, validDraft } from '../test/helpers.js';
import { openLive, talliesOf } from '../test/live-client.js';
import { liveSuite } from '../test/live-suite.js';
import { startPostgres, type TestPostgres } from '../test/postgres.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let postgres: TestPostgres;
before(async () => {
  postgres = await startPostgres();
});
after(async () => {
  await postgres?.stop();
});

liveSuite('PostgreSQL', async () => openDatabase({ databaseUrl: await postgres.createDatabase('pgo_live') }));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** `server/main.ts` in a process of its own; resolves once it listens. */
async function serverProcess(databaseUrl: string, configDir: string): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--config', configDir, '--quiet'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ADMIN_TOKEN: 'live-two-processes-admin-0123456789',
      LIMITS: JSON.stringify({ writesPerMinute: 1e6, writesPerIpPerMinute: 1e6, participantsPerMinute: 1e6 }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      output += d;
      if (output.includes('pgo-widgets server:')) resolve();
    });
    child.stderr!.on('data', (d) => (output += d));
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

describe('live stream across two server processes on one PostgreSQL', () => {
  const config = mkdtempSync(join(tmpdir(), 'pgo-live-config-'));
  const processes: { url: string; stop(): Promise<void> }[] = [];
  before(async () => {
    for (const loaded of testConsultations().filter((c) => c.consultation.id === 'open')) {
      writeFileSync(
        join(config, 'open.json'),
        JSON.stringify({ consultation: loaded.consultation, allowedOrigins: loaded.allowedOrigins }),
      );
    }
    const databaseUrl = await postgres.createDatabase('pgo_live_two');
    // One after the other: the first runs the migrations.
    processes.push(await serverProcess(databaseUrl, config));
    processes.push(await serverProcess(databaseUrl, config));
  });
  after(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    rmSync(config, { recursive: true, force: true });
  });

  it('a vote through one process reaches a stream held on the other; a stream dropped on one resumes on the other', async () => {
    const [one, two] = processes.map((p) => client(p.url)) as [ReturnType<typeof client>, ReturnType<typeof client>];
    const author = (await one('POST', '/participants')).body.token as string;
    const proposal = (await one('POST', '/consultations/open/proposals', { token: author, body: validDraft, key: 'two-1' })).body.proposal
      .id as string;
    const held = await openLive(processes[1]!.url, 'open');
    await held.until((m) => m.some((x) => x.event === 'ready'), 'ready on process 2');
    const voter = (await one('POST', '/participants')).body.token as string;
    const answer = await one('PUT', `/consultations/open/proposals/${proposal}/vote`, {
      token: voter,
      body: { choice: 'support' },
      key: 'two-2',
    });
    assert.equal(answer.status, 200);
    await held.until(() => talliesOf(held, proposal).some((t) => t.tally.total === 1), 'the tally on process 2');

    const resumeFrom = held.lastId()!;
    held.close();
    const late = (await two('POST', '/participants')).body.token as string;
    await two('PUT', `/consultations/open/proposals/${proposal}/vote`, { token: late, body: { choice: 'support' }, key: 'two-3' });
    const resumed = await openLive(processes[0]!.url, 'open', { lastEventId: resumeFrom });
    await resumed.until((m) => m.some((x) => x.event === 'ready'), 'ready on process 1');
    assert.deepEqual(
      talliesOf(resumed, proposal).map((t) => t.tally.total),
      [2],
    );
    assert.ok(resumed.messages.filter((m) => m.event !== 'ready').every((m) => Number(m.id) > Number(resumeFrom)));
    resumed.close();
  });
});

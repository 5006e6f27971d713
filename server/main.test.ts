/**
 * The command line as `npm start` uses it: a child process on a PGlite folder, seeded on first run,
 * stopped by SIGTERM / SIGINT, restarted on the same folder with the data kept; and the admin CLI.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { adminCli } from './admin-cli.js';
import { client } from './test/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'pgo-main-'));
const children = new Set<ChildProcess>();
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Mairie de Villebelle</title>');
const ADMIN_TOKEN = 'cli-test-admin-token';

async function start(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data', join(dir, 'db'), '--static', `/=${dir}`],
    {
      env: { ...process.env, ADMIN_TOKEN, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  child.on('exit', () => children.delete(child));
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = /pgo-widgets server: (http:\/\/[\d.:]+)\//.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return { child, url, output: () => output };
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

describe('server command line', () => {
  let votedFor = '';
  let token = '';

  it('starts, seeds the demo on first run, serves the demo page and the API', async () => {
    const server = await start();
    assert.match(server.output(), /demo data seeded for plan-action-2017, sommet-pgo-2016/);
    assert.doesNotMatch(server.output(), /admin token \(generated/);
    const page = await fetch(`${server.url}/`);
    assert.match(await page.text(), /Villebelle/);
    const call = client(server.url);
    const proposals = await call('GET', '/consultations/plan-action-2017/proposals?sort=most-supported');
    assert.equal(proposals.body.items[0].id, 'marches-publics-ouverts');
    token = (await call('POST', '/participants')).body.token;
    votedFor = 'logements-vacants';
    const vote = await call('PUT', `/consultations/plan-action-2017/proposals/${votedFor}/vote`, { token, body: { choice: 'support' } });
    assert.equal(vote.body.tally.total, 6);
    assert.equal(await stop(server.child, 'SIGTERM'), 0);
    assert.match(server.output(), /SIGTERM: stopping/);
  });

  it('restarts on the same folder with the data kept and no second seeding; the admin CLI moderates', async () => {
    const server = await start();
    assert.doesNotMatch(server.output(), /seeded/);
    const call = client(server.url);
    const participation = await call('GET', '/consultations/plan-action-2017/participation', { token });
    assert.deepEqual(participation.body.votes, { [votedFor]: 'support' });
    assert.equal((await call('GET', '/consultations/plan-action-2017/proposals?limit=100')).body.total, 8);

    const lines: string[] = [];
    const env = { PGO_URL: server.url, ADMIN_TOKEN };
    assert.equal(await adminCli(['queue', 'plan-action-2017'], env, (l) => lines.push(l)), 0);
    assert.ok(
      lines.some((l) => l.includes('ar-rennes-propose') && l.includes('[pending]') && l.includes('(Rennes)')),
      lines.join('\n'),
    );
    assert.equal(await adminCli(['approve', 'event', 'ar-rennes-propose'], env, (l) => lines.push(l)), 0);
    assert.equal(lines.at(-1), 'event ar-rennes-propose: approved');
    assert.equal((await call('GET', '/consultations/plan-action-2017/events/ar-rennes-propose')).status, 200);
    assert.equal(await adminCli(['hide', 'proposal', 'nope'], env, (l) => lines.push(l)), 1);
    assert.match(lines.at(-1)!, /^404 No such proposal/);
    assert.equal(await adminCli(['approve', 'event', 'x'], { PGO_URL: server.url, ADMIN_TOKEN: 'wrong' }, (l) => lines.push(l)), 1);
    assert.match(lines.at(-1)!, /^401/);
    assert.equal(await adminCli(['dance'], env, (l) => lines.push(l)), 2);
    assert.equal(await stop(server.child, 'SIGINT'), 0);
  });
});

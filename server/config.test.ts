import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { actionWindow, phaseStateAt } from '../src/core/phase.js';
import { ConfigError, loadConsultations, parseConsultationFile } from './setup/config.js';
import { resolveTime } from './setup/relative-time.js';
import { startServer } from './server.js';

const demo = JSON.parse(readFileSync('server/config/plan-action-2017.json', 'utf8'));
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function problemsOf(text: string, file = 'bad.json'): string[] {
  try {
    parseConsultationFile(text, file, { env: {} });
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

const withChange = (change: (file: typeof demo) => void) => {
  const copy = structuredClone(demo);
  change(copy);
  return JSON.stringify(copy);
};

describe('consultation configuration', () => {
  it('loads both demo configurations, live: ideation open today, events ahead', () => {
    const now = Date.now();
    const loaded = loadConsultations('server/config', { now });
    assert.deepEqual(
      loaded.map((l) => l.consultation.id),
      ['plan-action-2017', 'sommet-pgo-2016'],
    );
    const plan = loaded[0]!;
    const state = phaseStateAt(plan.consultation.phases, now);
    assert.equal(state.kind === 'open' && state.phase.id, 'ideation');
    assert.ok(actionWindow(plan.consultation, 'proposals', now).open);
    assert.ok(actionWindow(plan.consultation, 'votes', now).open);
    assert.equal(plan.consultation.categories.length, 4);
    const formats = new Set(plan.seed.events.map((e) => e.format));
    assert.deepEqual([...formats].sort(), ['atelier-relais', 'ministere-ouvert']);
    assert.ok(plan.seed.events.filter((e) => Date.parse(e.startsAt) > now).length >= 5);
    const summit = loaded[1]!;
    assert.equal(summit.consultation.settings.voteModel, 'interest');
    assert.deepEqual(
      summit.consultation.settings.proposalFields.extraFields[0]!.options!.map((o) => o.value),
      ['conference', 'atelier', 'pitch', 'evenement-externe'],
    );
    assert.ok(actionWindow(summit.consultation, 'proposals', now).open);
  });

  it('resolves relative days in Paris wall-clock time across a DST change', () => {
    const saturday = Date.parse('2027-03-27T12:00:00Z'); // the day before summer time
    assert.equal(resolveTime({ relativeDays: 0, time: '09:30' }, 'Europe/Paris', saturday), '2027-03-27T08:30:00.000Z');
    assert.equal(resolveTime({ relativeDays: 1, time: '09:30' }, 'Europe/Paris', saturday), '2027-03-28T07:30:00.000Z');
    assert.equal(resolveTime({ relativeDays: -10 }, 'Europe/Paris', saturday), '2027-03-16T23:00:00.000Z');
    // 23:30 UTC is already the next day in Paris.
    assert.equal(resolveTime({ relativeDays: 0 }, 'Europe/Paris', Date.parse('2027-03-27T23:30:00Z')), '2027-03-27T23:00:00.000Z');
    assert.equal(resolveTime('2027-03-15T00:00:00+01:00', 'Europe/Paris', saturday), '2027-03-14T23:00:00.000Z');
  });

  it('names the file and the field of each schema problem', () => {
    const problems = problemsOf(
      withChange((f) => {
        f.consultation.phases[1].endsAt = 'soon';
        f.consultation.settings.voteModel = 'applause';
        delete f.consultation.title;
        f.surprise = true;
      }),
    );
    assert.ok(
      problems.some((p) => p.startsWith('bad.json: consultation.phases[1].endsAt:')),
      problems.join('\n'),
    );
    assert.ok(problems.some((p) => p.startsWith('bad.json: consultation.settings.voteModel:')));
    assert.ok(problems.some((p) => p.startsWith('bad.json: consultation.title:')));
    assert.ok(problems.some((p) => p.startsWith('bad.json: (root):') && p.includes('surprise')));
  });

  it('names the field of each cross-reference problem', () => {
    const problems = problemsOf(
      withChange((f) => {
        f.consultation.settings.votePhases = ['ideation', 'vote-final'];
        f.allowedOrigins = ['https://ville.example.fr/page'];
        f.seed.events[0].format = 'banquet';
        f.seed.proposals[1].categoryId = 'sport';
        f.seed.proposals[2].votes = { against: 3 };
        f.consultation.phases[0].endsAt = { relativeDays: -20 };
        f.identity = { secretEnv: 'PGO_MISSING_KEY' };
      }),
    );
    const fields = problems.map((p) => p.split(': ')[1]);
    assert.deepEqual(fields.sort(), [
      'allowedOrigins[0]',
      'consultation.phases[0].endsAt',
      'consultation.settings.votePhases[1]',
      'identity.secretEnv',
      'seed.events[0].format',
      'seed.proposals[1].categoryId',
      'seed.proposals[2].votes.against',
    ]);
  });

  it('reports invalid JSON, duplicate ids across files and empty folders', () => {
    assert.match(problemsOf('{ "consultation": ', 'broken.json')[0]!, /^broken\.json: not valid JSON/);
    const dir = mkdtempSync(join(tmpdir(), 'pgo-config-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'a.json'), JSON.stringify(demo));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(demo));
    assert.throws(
      () => loadConsultations(dir),
      (error: ConfigError) =>
        error.problems.some((p) => /b\.json: consultation\.id: “plan-action-2017” is already used by .*a\.json/.test(p)),
    );
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    assert.throws(() => loadConsultations(empty), /no consultation file/);
  });

  it('startServer fails fast on a bad configuration, naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgo-config-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, 'ville.json'),
      withChange((f) => {
        f.consultation.timeZone = 'Europe/Atlantis';
      }),
    );
    await assert.rejects(
      startServer({ configDir: dir, dataDir: 'memory://', port: 0 }),
      /ville\.json: consultation\.timeZone: Unknown time zone/,
    );
  });
});

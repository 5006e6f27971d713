import { expect } from '@open-wc/testing';
import { ConsultationSession } from './session.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';
import { restorePageVisibility, setPageVisibility } from '../test-utils/mount.js';
import type { FixtureOptions } from '../test-utils/fixtures.js';
import { waitUntil } from '../test-utils/wait.js';

const ID = 'plan-action-2017';

/** A loaded session whose page shows proposals p0..p4 (their tallies are in the vote store). */
async function ready(options: FixtureOptions = {}, broken = false) {
  const { backend, now } = memoryBackendFixture(options);
  backend.live.broken = broken;
  const session = new ConsultationSession(backend, ID);
  session.live.timing = { ...session.live.timing, reconnectMs: 0 };
  await session.load();
  const page = await backend.listProposals(ID, {});
  session.votes.seed(page.items.map((p) => p.tally));
  return { backend, session, now };
}

describe('session live feed', () => {
  afterEach(() => restorePageVisibility());

  it('holds one stream and moves the vote store when someone else votes', async () => {
    const { backend, session } = await ready();
    await waitUntil(() => session.live.lastId !== null, 'the stream did not get ready');
    expect(session.live.mode).to.equal('stream');
    expect(backend.live.streams).to.equal(1);
    const before = session.votes.tallyOf('p1')!.total!;
    backend.voteFrom('someone-else', 'p1', 'support');
    await waitUntil(() => session.votes.tallyOf('p1')!.total === before + 1, 'the tally did not move');
    session.live.stop();
    expect(backend.live.streams).to.equal(0);
  });

  it('closes the stream while the page is hidden and catches up when it is shown again', async () => {
    const { backend, session } = await ready();
    await waitUntil(() => session.live.lastId !== null, 'the stream did not get ready');
    setPageVisibility('hidden');
    expect(backend.live.streams).to.equal(0, 'a hidden page holds no stream');
    expect(session.live.mode).to.equal('off');
    const before = session.votes.tallyOf('p2')!.total!;
    backend.voteFrom('while-hidden', 'p2', 'support');
    backend.publishFrom({ ...(await backend.getProposal(ID, 'p3')), id: 'p-elsewhere', title: 'Publiée pendant l’absence' });
    expect(session.votes.tallyOf('p2')!.total).to.equal(before, 'nothing arrives while hidden');
    setPageVisibility('visible');
    expect(backend.live.streams).to.equal(1);
    await waitUntil(() => session.votes.tallyOf('p2')!.total === before + 1, 'the missed tally did not arrive');
    expect(session.live.fresh).to.deep.equal(['p-elsewhere']);
    session.live.stop();
  });

  it('reopens a dropped stream after its last id: nothing missed', async () => {
    const { backend, session } = await ready();
    await waitUntil(() => session.live.lastId !== null, 'the stream did not get ready');
    backend.live.drop();
    const before = session.votes.tallyOf('p4')!.total!;
    backend.voteFrom('during-the-drop', 'p4', 'support');
    await waitUntil(() => backend.live.streams === 1, 'the stream was not reopened');
    await waitUntil(() => session.votes.tallyOf('p4')!.total === before + 1, 'the change made during the drop was missed');
    session.live.stop();
  });

  it('follows a consultation changed by an organiser: the phase moves', async () => {
    const { backend, session, now } = await ready();
    await waitUntil(() => session.live.lastId !== null, 'the stream did not get ready');
    expect(session.phaseState.kind).to.equal('open');
    backend.moveConsultation(ID, (c) => {
      c.phases[0]!.endsAt = new Date(now - 60_000).toISOString();
    });
    await waitUntil(() => session.phaseState.kind !== 'open', 'the session still shows the old phase');
    session.live.stop();
  });

  it('polls where no stream can be held, and where a stream keeps breaking; elements read the same session', async () => {
    for (const broken of [false, true]) {
      const { backend, session } = await ready({ live: broken }, broken);
      await waitUntil(() => session.live.mode === 'polling', 'the session does not poll');
      expect(backend.live.streams).to.equal(0);
      await waitUntil(() => session.live.polls >= 1, 'the first poll did not run');
      const before = session.votes.tallyOf('p1')!.total!;
      backend.voteFrom('other', 'p1', 'support');
      backend.publishFrom({ ...(await backend.getProposal(ID, 'p3')), id: 'p-polled', title: 'Vue au sondage suivant' });
      const comments = (await backend.getProposal(ID, 'p2')).comments ?? 0;
      await backend.postComment(
        ID,
        { target: 'proposal:p2', body: 'Un commentaire lu au sondage suivant.', stance: 'for' },
        { idempotencyKey: `c-${broken}` },
      );
      await session.live.pollNow();
      expect(session.votes.tallyOf('p1')!.total).to.equal(before + 1);
      expect(session.live.fresh).to.deep.equal(['p-polled']);
      expect(session.live.counts.get('comment proposal:p2')).to.equal(comments + 1, 'the comment count polled');
      setPageVisibility('hidden');
      expect(session.live.mode).to.equal('off', 'no polling while hidden');
      restorePageVisibility();
      session.live.stop();
    }
  });
});

describe('session live feed, its module not loaded (offline)', () => {
  it('is no script error, and the feed starts once the page is back online', async () => {
    const { backend } = memoryBackendFixture({});
    const session = new ConsultationSession(backend, ID);
    const rejections: unknown[] = [];
    const record = (event: PromiseRejectionEvent) => {
      rejections.push(event.reason);
      event.preventDefault();
    };
    window.addEventListener('unhandledrejection', record);
    let attempts = 0;
    const load = session.live.loadEngine;
    session.live.loadEngine = () =>
      ++attempts === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : load();
    try {
      await session.load();
      await waitUntil(() => attempts === 1, 'the module was never asked for');
      // A turn for a rejection to surface as unhandled, had it been.
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(rejections, 'no unhandled rejection').to.deep.equal([]);
      expect(session.live.mode).to.equal('off');
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => session.live.lastId !== null, 'the stream did not start once back online');
      expect(attempts).to.equal(2);
      expect(session.live.mode).to.equal('stream');
    } finally {
      session.live.stop();
      window.removeEventListener('unhandledrejection', record);
    }
  });
});

import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { latestDecision } from '../base/live-decision.js';
import { ConsultationSession } from '../base/session.js';
import { C, contractFixture, toServerConfig } from '../test-utils/contract-fixture.js';
import { restorePageVisibility, setPageVisibility } from '../test-utils/mount.js';
import { memoryStorage } from './participant-token.js';
import { RestBackend } from './rest.js';
import { waitUntil } from '../test-utils/wait.js';

type Started = { id: string } | { unavailable: string };
type Ready = { url: string } | { error: string } | { pending: true };

// The session's live feed over the rest backend, against the real reference server (PGlite): two
// "windows" are two backends with a participant each.
describe('rest backend: live stream against the reference server', function () {
  this.timeout(60_000);
  let server: { id: string; url: string };
  before(async function () {
    this.timeout(120_000);
    const started = await executeServerCommand<Started, unknown>('pgo-server-start', { consultations: toServerConfig(contractFixture()) });
    if ('unavailable' in started) throw new Error(started.unavailable);
    for (;;) {
      const ready = await executeServerCommand<Ready, unknown>('pgo-server-ready', { id: started.id });
      if ('url' in ready) {
        server = { id: started.id, url: ready.url };
        break;
      }
      if ('error' in ready) throw new Error(ready.error);
    }
  });
  after(() => executeServerCommand('pgo-server-stop', { id: server.id }));
  afterEach(() => restorePageVisibility());

  const windowOn = async (fetchImpl?: typeof fetch) => {
    const backend = new RestBackend({ endpoint: server.url, storage: memoryStorage(), ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    const session = new ConsultationSession(backend, C.open);
    await session.load();
    const page = await backend.listProposals(C.open, { limit: 100 });
    session.votes.seed(page.items.map((p) => p.tally));
    return { backend, session, proposals: page.items };
  };

  it('a vote and a new proposal in one window reach the other; hidden, it holds no stream and catches up when shown', async () => {
    // The real fetch, watched: each stream's request and whether it was let go (aborting closes its connection).
    const streams: AbortSignal[] = [];
    const watched: typeof fetch = (input, init) => {
      if (/\/live(\?|$)/.test(String(input)) && init?.signal) streams.push(init.signal);
      return fetch(input, init);
    };
    const open = () => streams.filter((s) => !s.aborted).length;
    const [one, two] = [await windowOn(watched), await windowOn()];
    await waitUntil(() => one.session.live.lastId !== null, 'the first window’s stream did not get ready', { timeout: 20_000 });
    expect(one.session.live.mode).to.equal('stream');
    const target = one.proposals[0]!.id;
    const before = one.session.votes.tallyOf(target)!.total!;
    await two.session.votes.cast(target, 'support');
    await waitUntil(() => one.session.votes.tallyOf(target)!.total === before + 1, 'the tally did not reach the other window', {
      timeout: 20_000,
    });

    expect(open()).to.equal(1, 'one stream while shown');
    setPageVisibility('hidden');
    expect(one.session.live.mode).to.equal('off');
    expect(streams.length).to.be.greaterThan(0);
    expect(open()).to.equal(0, 'no stream left open while hidden');
    const draft = {
      title: 'Une proposition publiée pendant que l’autre page est cachée',
      body: 'Un texte assez long pour passer la validation du serveur.',
      categoryId: null,
      consent: true,
    };
    const created = await two.backend.createProposal(C.open, { ...draft, categoryId: one.proposals[0]!.categoryId ?? undefined } as never, {
      idempotencyKey: crypto.randomUUID(),
    });
    setPageVisibility('visible');
    expect(one.session.live.mode).to.equal('stream');
    await waitUntil(() => open() === 1, 'no stream again once shown');
    await waitUntil(() => one.session.live.fresh.includes(created.proposal.id), 'the proposal published while hidden was not caught up', {
      timeout: 20_000,
    });
    one.session.live.stop();
    two.session.live.stop();
  });

  it('a first-time contributor hears the moderators’ decision on what they just sent, without a reload', async () => {
    const backend = new RestBackend({ endpoint: server.url, storage: memoryStorage() });
    const session = new ConsultationSession(backend, C.premoderated);
    await session.load();
    // Anonymous when the stream opened: sending makes them a participant, and the stream must learn it.
    await waitUntil(() => session.live.lastId !== null, 'the stream did not get ready', { timeout: 20_000 });
    const consultation = session.consultation!;
    const receipt = await session.writes.createProposal(
      {
        title: 'Une proposition relue avant publication',
        body: 'Un texte assez long pour passer la validation du serveur.',
        categoryId: consultation.categories[0]?.id,
        consent: true,
      } as never,
      { idempotencyKey: crypto.randomUUID() },
    );
    expect(receipt.moderation).to.equal('pending');
    const moderated = await executeServerCommand<true | { error: string }, unknown>('pgo-server-moderate', {
      id: server.id,
      proposalId: receipt.proposal.id,
      action: 'approve',
    });
    expect(moderated).to.equal(true);
    await waitUntil(
      () => latestDecision(session.live.decisions, `proposal:${receipt.proposal.id}`) === 'published',
      'the decision did not reach its author',
      {
        timeout: 20_000,
      },
    );
    session.live.stop();
  });

  it('the first stream misses nothing committed between the page’s first reads and its start (X-Live-Id)', async () => {
    // The page's stream request is held (not sent) until a vote from another window is committed.
    let asked = false;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held: typeof fetch = async (input, init) => {
      if (/\/live(\?|$)/.test(String(input))) {
        asked = true;
        await gate;
      }
      return fetch(input, init);
    };
    const [one, two] = [await windowOn(held), await windowOn()];
    await waitUntil(() => asked, 'the first window never asked for its stream', { timeout: 20_000 });
    const target = one.proposals[1]!.id;
    const before = one.session.votes.tallyOf(target)!.total!;
    const result = await two.backend.vote(C.open, target, 'support', { idempotencyKey: crypto.randomUUID() });
    expect(result.tally.total).to.equal(before + 1);
    release();
    await waitUntil(() => one.session.live.lastId !== null, 'the first window’s stream did not get ready', { timeout: 20_000 });
    // Ready comes after the catch-up: the vote is there now, or it was lost.
    expect(one.session.votes.tallyOf(target)!.total).to.equal(before + 1, 'the vote made in the gap reached the page');
    one.session.live.stop();
    two.session.live.stop();
  });

  it('polls when something between breaks the stream (an answer that is not an event stream)', async () => {
    const proxy: typeof fetch = (input, init) =>
      /\/live(\?|$)/.test(String(input))
        ? Promise.resolve(new Response('<html>buffered</html>', { status: 200, headers: { 'content-type': 'text/html' } }))
        : fetch(input, init);
    const { session } = await windowOn(proxy);
    await waitUntil(() => session.live.mode === 'polling' && session.live.polls >= 1, 'the session does not poll', { timeout: 20_000 });
    session.live.stop();
  });
});

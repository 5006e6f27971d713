import { expect } from '@open-wc/testing';
import { ConsultationSession } from './session.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';

/** The shared vote store on the session, without any element. */
async function ready(settings = {}) {
  const { backend } = memoryBackendFixture({ settings, votes: [{ participantId: 'other', proposalId: 'p1', choice: 'support' }] });
  const session = new ConsultationSession(backend, 'plan-action-2017');
  await session.load();
  await session.refreshParticipation();
  const page = await backend.listProposals('plan-action-2017', {});
  session.votes.seed(page.items.map((p) => p.tally));
  return { backend, session };
}

describe('session vote store', () => {
  it('joins concurrent calls for one proposal into one request', async () => {
    const { backend, session } = await ready();
    const release = backend.hold('vote');
    const first = session.votes.cast('p1', 'support');
    const second = session.votes.cast('p1', 'support');
    expect(second).to.equal(first);
    expect(session.votes.isVoting('p1')).to.equal(true);
    release();
    await first;
    expect(backend.calls.filter((c) => c.method === 'vote')).to.have.length(1);
    expect(session.votes.isVoting('p1')).to.equal(false);
    expect(session.votes.tallyOf('p1')!.total).to.equal(2);
  });

  it('updates tallies and votes left at once and rolls both back on refusal', async () => {
    const { backend, session } = await ready({ votesPerParticipant: 3 });
    const changes: string[] = [];
    session.addEventListener('change', (e) => changes.push((e as CustomEvent<{ reason: string }>).detail.reason));
    backend.failNext('vote', 'closed');
    const attempt = session.votes.cast('p1', 'support');
    expect(session.votes.tallyOf('p1')!.total).to.equal(2);
    expect(session.votes.voteOf('p1')).to.equal('support');
    expect(session.participation!.votesLeft).to.equal(2);
    const error = await attempt.then(
      () => null,
      (e: unknown) => e as { code: string },
    );
    expect(error!.code).to.equal('closed');
    expect(session.votes.tallyOf('p1')!.total).to.equal(1);
    expect(session.votes.voteOf('p1')).to.equal(null);
    expect(session.participation!.votesLeft).to.equal(3);
    expect(changes).to.include('vote');
  });

  it('does not let a page seed overwrite an optimistic tally in flight', async () => {
    const { backend, session } = await ready();
    const release = backend.hold('vote');
    const vote = session.votes.cast('p1', 'support');
    session.votes.seed([{ proposalId: 'p1', hidden: false, total: 1, counts: { support: 1 } }]);
    expect(session.votes.tallyOf('p1')!.total).to.equal(2);
    release();
    await vote;
    expect(session.votes.tallyOf('p1')!.total).to.equal(2);
  });

  it('withdraws and gives the vote back', async () => {
    const { session } = await ready({ votesPerParticipant: 2 });
    await session.votes.cast('p2', 'support');
    expect(session.participation!.votesLeft).to.equal(1);
    await session.votes.withdraw('p2');
    expect(session.participation!.votesLeft).to.equal(2);
    expect(session.votes.voteOf('p2')).to.equal(null);
    expect(session.votes.tallyOf('p2')!.total).to.equal(0);
  });
});

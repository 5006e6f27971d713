import { expect } from '@open-wc/testing';
import { newIdempotencyKey } from '../../core/backend.js';
import { DecidimBackend } from './index.js';
import { CALLBACK, CLIENT_ID, decidimLog, demoDecidimFixture, failure, seedDecidim, SITE } from '../../../test/decidim/fixture.js';

// Comments on a proposal, as far as Decidim's API allows (decidim-comments), for the discussion element
// to come: read, add with an alignment, reply, vote up or down. Not in the ConsultationBackend contract
// yet: methods of the decidim backend, behind capability flags.
const PROCESS = 'budget-2027';
const key = () => ({ idempotencyKey: newIdempotencyKey() });
const trap = window as unknown as { __pwned?: unknown };

describe('decidim backend: comments', () => {
  it('reads a proposal’s comments as text, with alignment, votes and replies; hidden and deleted ones are left out', async () => {
    const backend = new DecidimBackend({ endpoint: await seedDecidim(demoDecidimFixture()), process: PROCESS });
    await backend.getConsultation(PROCESS);
    expect(backend.capabilities).to.deep.include({ comments: true, addComment: false, voteComment: false });
    const thread = await backend.listComments(PROCESS, '101');
    expect(thread).to.deep.include({
      proposalId: '101',
      accepting: true,
      alignment: true,
      votes: true,
      url: `${SITE}/processes/budget-2027/f/12/proposals/101`,
    });
    expect(thread.comments.map((c) => c.id)).to.deep.equal(['901', '902']);
    const [ana, bo] = thread.comments as [(typeof thread.comments)[number], (typeof thread.comments)[number]];
    expect(ana).to.deep.include({ alignment: 'for', authorName: 'Ana', upVotes: 3, downVotes: 0 });
    expect(ana.replies.map((r) => r.body)).to.deep.equal(['D’accord avec Ana.']);
    expect(bo).to.deep.include({ alignment: 'against', body: 'Trop cher à mon avislien' });
    expect(trap.__pwned).to.equal(undefined);
  });

  it('without a client id, adding or voting links to the proposal on Decidim', async () => {
    const backend = new DecidimBackend({ endpoint: await seedDecidim(demoDecidimFixture()), process: PROCESS });
    await backend.getConsultation(PROCESS);
    const add = await failure(backend.addComment(PROCESS, '101', { body: 'Bonjour' }, key()));
    expect(add.code).to.equal('unsupported');
    expect(add.problem.url).to.equal(`${SITE}/processes/budget-2027/f/12/proposals/101`);
    expect((await failure(backend.voteComment(PROCESS, '101', '901', 'up', key()))).code).to.equal('unsupported');
  });

  it('signed in: adds a comment with an alignment, replies, votes up and down, takes a vote back', async () => {
    const endpoint = await seedDecidim(demoDecidimFixture());
    const backend = new DecidimBackend({ endpoint, process: PROCESS, clientId: CLIENT_ID, redirectUri: CALLBACK() });
    await backend.getConsultation(PROCESS);
    expect(backend.capabilities).to.deep.include({ comments: true, addComment: true, voteComment: true });
    const added = await backend.addComment(PROCESS, '101', { body: 'Oui, et des tables aussi.', alignment: 'for' }, key());
    expect(added).to.deep.include({ body: 'Oui, et des tables aussi.', alignment: 'for', authorName: 'Participant 1' });
    const reply = await backend.addComment(PROCESS, '101', { body: 'Bonne idée.', replyTo: '902' }, key());
    expect(reply.alignment).to.equal('neutral');
    expect(await backend.voteComment(PROCESS, '101', '901', 'up', key())).to.deep.include({ upVotes: 4, upVoted: true });
    expect(await backend.voteComment(PROCESS, '101', '901', 'down', key())).to.deep.include({
      upVotes: 4,
      downVotes: 1,
      upVoted: true,
      downVoted: true,
    });
    expect(await backend.voteComment(PROCESS, '101', '901', 'up', key())).to.deep.include(
      { upVotes: 3, upVoted: false },
      'the same vote again takes it back',
    );
    const thread = await backend.listComments(PROCESS, '101');
    expect(thread.comments.map((c) => c.id)).to.include(added.id);
    expect(thread.comments.find((c) => c.id === '902')!.replies.map((r) => r.id)).to.deep.equal([reply.id]);
    const mutations = (await decidimLog(endpoint)).filter((e) => e.query.startsWith('mutation'));
    expect(mutations.every((e) => e.errors.length === 0 && e.aud === CLIENT_ID)).to.equal(true);
  });

  it('a step where comments are blocked: reading works, adding is not offered and Decidim’s refusal is “forbidden”', async () => {
    const fixture = demoDecidimFixture();
    fixture.processes = fixture.processes.map((p) => ({ ...p, rules: { commentsBlocked: true } }));
    const backend = new DecidimBackend({
      endpoint: await seedDecidim(fixture),
      process: PROCESS,
      clientId: CLIENT_ID,
      redirectUri: CALLBACK(),
    });
    await backend.getConsultation(PROCESS);
    const thread = await backend.listComments(PROCESS, '101');
    expect(thread.accepting).to.equal(false);
    expect((await failure(backend.addComment(PROCESS, '101', { body: 'Trop tard ?' }, key()))).code).to.equal('forbidden');
    const empty = await failure(backend.addComment(PROCESS, '101', { body: '  ' }, key()));
    expect(empty.code).to.equal('validation');
  });
});

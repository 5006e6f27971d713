import { expect } from '@open-wc/testing';
import { newIdempotencyKey } from '../../core/backend.js';
import { ConsultationEvent } from '../../core/schemas.js';
import { DecidimBackend, decidimBackendFromConfig } from './index.js';
import { fromGraphQLErrors } from './transport.js';
import {
  CALLBACK,
  CLIENT_ID,
  crossOrigin,
  decidimLog,
  decidimStats,
  demoDecidimFixture,
  failure,
  revokeTokens,
  seedDecidim,
  SITE,
  type DecidimFixture,
} from '../../../test/decidim/fixture.js';

// What a real Decidim 0.32 does and our first adapter did not expect (issue #16), against the stand-in
// that now behaves like Decidim (test/decidim/server.mjs). Each block names the point of the issue.
const PROCESS = 'budget-2027';
const key = () => ({ idempotencyKey: newIdempotencyKey() });

async function writer(
  fixture: DecidimFixture = demoDecidimFixture(),
  options: Partial<ConstructorParameters<typeof DecidimBackend>[0]> = {},
) {
  const endpoint = await seedDecidim(fixture);
  const backend = new DecidimBackend({ endpoint, process: PROCESS, clientId: CLIENT_ID, redirectUri: CALLBACK(), ...options });
  await backend.getConsultation(PROCESS);
  return { endpoint, backend };
}

describe('decidim (issue 16) 1: the organisation name is translated', () => {
  it('reads the process (the document is accepted) and names meetings after the organisation, in the page language', async () => {
    const endpoint = await seedDecidim(demoDecidimFixture());
    const english = new DecidimBackend({ endpoint, process: PROCESS, locale: 'en' });
    expect((await english.getConsultation(PROCESS)).title).to.equal('Participatory budget 2027');
    expect((await english.getEvent(PROCESS, '202')).organiser.name).to.equal('Example Town');
  });
});

describe('decidim (issue 16) 2: createProposal sends a locale of the organisation', () => {
  it('sends the page language, or one of the organisation’s when Decidim does not have it', async () => {
    const { endpoint, backend } = await writer(demoDecidimFixture(), { locale: 'en' });
    await backend.createProposal(PROCESS, { title: 'Drinking fountains in the squares', body: 'For the hot days, drinking water.' }, key());
    const german = new DecidimBackend({ endpoint, process: PROCESS, clientId: CLIENT_ID, redirectUri: CALLBACK(), locale: 'de' });
    await german.getConsultation(PROCESS);
    await german.createProposal(PROCESS, { title: 'Trinkbrunnen auf den Plätzen', body: 'Für die heißen Tage, Trinkwasser.' }, key());
    const sent = (await decidimLog(endpoint)).filter((e) => e.query.includes('PgoCreateProposal'));
    expect(sent.filter((e) => !e.errors.length).map((e) => e.variables.locale)).to.deep.equal(['en', 'fr']);
  });
});

describe('decidim (issue 16) 3: the token names the participant', () => {
  it('asks the `user` scope and sends X-Jwt-Aud, so the session and the writes run as the participant', async () => {
    const { endpoint, backend } = await writer();
    const voted = await backend.vote(PROCESS, '101', 'support', key());
    expect(voted.participation.participant?.id).to.equal('user-1');
    const authenticated = (await decidimLog(endpoint)).filter((e) => e.token);
    expect(authenticated.length).to.be.above(1);
    expect(authenticated.every((e) => e.aud === CLIENT_ID && e.errors.length === 0)).to.equal(true);
  });

  it('a token Decidim no longer honours (HTTP 200 + not authorised): forgotten, one new sign-in, the write goes through', async () => {
    const { endpoint, backend } = await writer();
    await backend.vote(PROCESS, '101', 'support', key());
    await revokeTokens(endpoint);
    const voted = await backend.vote(PROCESS, '103', 'support', key());
    expect(voted.tally.total).to.equal(3);
    expect((await decidimStats(endpoint)).tokenRequests).to.equal(2);
  });

  it('when the new sign-in’s popup is blocked (it opens outside the click), asks to try again; the next click signs in', async () => {
    let opened = 0;
    const { endpoint, backend } = await writer(demoDecidimFixture(), {
      openWindow: (url, name, features) => (++opened === 2 ? null : window.open(url, name, features)),
    });
    await backend.vote(PROCESS, '101', 'support', key());
    await revokeTokens(endpoint);
    const expired = await failure(backend.vote(PROCESS, '103', 'support', key()));
    expect(expired.problem).to.deep.include({ code: 'unauthorized', title: 'Your Decidim sign-in has expired' });
    expect((await backend.vote(PROCESS, '103', 'support', key())).tally.total).to.equal(3);
  });

  it('says the sign-in is not recognised when a fresh token still runs as nobody (no `user` scope)', async () => {
    const { endpoint, backend } = await writer(demoDecidimFixture(), { scope: 'api:read api:write' });
    const error = await failure(backend.vote(PROCESS, '101', 'support', key()));
    expect(error.code).to.equal('unauthorized');
    expect(error.problem.detail).to.match(/user api:read api:write/);
    expect((await decidimStats(endpoint)).tokenRequests).to.equal(2, 'signed in again once, not more');
  });
});

describe('decidim (issue 16) 4: sign-in from another site', () => {
  it('finds the missing CORS rule on /oauth/token before any click: writes link to Decidim and name the rule, never “network”', async () => {
    const endpoint = crossOrigin(await seedDecidim(demoDecidimFixture()));
    const backend = new DecidimBackend({
      endpoint,
      process: PROCESS,
      clientId: CLIENT_ID,
      redirectUri: CALLBACK(),
      openWindow: () => expect.fail('no sign-in popup'),
    });
    await backend.getConsultation(PROCESS);
    expect(backend.capabilities).to.deep.include({ votes: false, createProposal: false, addComment: false, comments: true });
    const error = await failure(backend.vote(PROCESS, '101', 'support', key()));
    expect(error.code).to.equal('unsupported');
    expect(error.problem.url).to.equal(`${SITE}/processes/budget-2027/f/12/proposals/101`);
    expect(error.problem.detail).to.include('/oauth/token').and.include(location.origin);
  });

  it('works through a same-origin relay (`token-url`), or when the Decidim host allows CORS on /oauth/token', async () => {
    const sameOrigin = await seedDecidim(demoDecidimFixture());
    const relayed = decidimBackendFromConfig({
      endpoint: crossOrigin(sameOrigin),
      attributes: { process: PROCESS, 'client-id': CLIENT_ID, 'redirect-uri': CALLBACK(), 'token-url': `${sameOrigin}/oauth/token` },
    });
    await relayed.getConsultation(PROCESS);
    expect((await relayed.vote(PROCESS, '101', 'support', key())).tally.total).to.equal(5);
    const allowed = new DecidimBackend({
      endpoint: crossOrigin(await seedDecidim({ ...demoDecidimFixture(), corsOnToken: true })),
      process: PROCESS,
      clientId: CLIENT_ID,
      redirectUri: CALLBACK(),
    });
    await allowed.getConsultation(PROCESS);
    expect((await allowed.vote(PROCESS, '101', 'support', key())).tally.total).to.equal(5);
  });
});

describe('decidim (issue 16) 5: one error does not drop a page', () => {
  it('lists an online meeting without coordinates (Float! null) with the others', async () => {
    const backend = new DecidimBackend({ endpoint: await seedDecidim(demoDecidimFixture()), process: PROCESS });
    const page = await backend.listEvents(PROCESS, {});
    expect(page.items.map((e) => e.id)).to.deep.equal(['201', '202', '203']);
    for (const e of page.items) ConsultationEvent.parse(e);
    expect(page.items[0]!.geo).to.deep.equal({ lat: 45.76, lon: 4.83 });
    expect(page.items[1]!.geo).to.equal(undefined);
    expect((await backend.getEvent(PROCESS, '202')).id).to.equal('202');
  });

  it('a hidden proposal is a missing node, an author one may not see a missing name; alone, a hidden proposal is not found', async () => {
    const backend = new DecidimBackend({ endpoint: await seedDecidim(demoDecidimFixture()), process: PROCESS });
    const page = await backend.listProposals(PROCESS, {});
    expect(page.items.map((p) => p.id)).to.not.include('104');
    expect(page.items.find((p) => p.id === '103')?.authorName).to.equal(null);
    expect((await failure(backend.getProposal(PROCESS, '104'))).code).to.equal('not-found');
  });
});

describe('decidim (issue 16) 6: no silent wrong data', () => {
  it('“most supported” is sorted by supports (one sort key, as Decidim applies keys in its own order)', async () => {
    const endpoint = await seedDecidim(demoDecidimFixture());
    const backend = new DecidimBackend({ endpoint, process: PROCESS });
    expect((await backend.listProposals(PROCESS, { sort: 'most-supported' })).items.map((p) => p.id)).to.deep.equal(['101', '103', '102']);
    // Which 300 proposals a big process gives depends on Decidim's order: voteCount must be the only key.
    const sent = (await decidimLog(endpoint)).filter((e) => e.query.includes('PgoProposals')).map((e) => e.variables.order);
    expect(sent).to.deep.equal([{ voteCount: 'desc' }]);
  });

  it('asks at most 50 at a time (Decidim caps `first` silently) and still reads every proposal', async () => {
    const fixture = demoDecidimFixture();
    for (let i = 0; i < 120; i++)
      fixture.proposals.push({
        id: String(1000 + i),
        componentId: '12',
        title: { fr: `Idée numéro ${i}` },
        body: { fr: 'Un texte assez long.' },
        publishedAt: new Date(Date.now() - (10 + i) * 60_000).toISOString(),
      });
    const endpoint = await seedDecidim(fixture);
    const backend = new DecidimBackend({ endpoint, process: PROCESS });
    expect((await backend.listProposals(PROCESS, { q: 'numéro', limit: 200 })).items).to.have.length(120);
    const firsts = (await decidimLog(endpoint)).filter((e) => e.query.includes('PgoProposals')).map((e) => e.variables.first as number);
    expect(Math.max(...firsts)).to.be.at.most(50);
  });

  it('a meeting with 0 seats left and no limit is not shown as full', async () => {
    const backend = new DecidimBackend({ endpoint: await seedDecidim(demoDecidimFixture()), process: PROCESS });
    const atelier = await backend.getEvent(PROCESS, '201');
    expect(atelier.status).to.equal('scheduled');
    expect(atelier.registration).to.deep.equal({ kind: 'inline', capacity: null, seatsLeft: null });
  });

  it('maps both spellings of Decidim’s error codes', () => {
    const code = (c: string) => fromGraphQLErrors([{ message: 'x', extensions: { code: c } }], 200).code;
    expect(['MUTATION_NOT_AUTHORIZED', 'MUTATION_NOT_AUTHORIZED_ERROR'].map(code)).to.deep.equal(['forbidden', 'forbidden']);
    expect(['NOT_FOUND', 'NOT_FOUND_ERROR', 'UNAUTHORIZED_OBJECT_ERROR', 'NO_OBJECT_PERMISSION'].map(code)).to.deep.equal([
      'not-found',
      'not-found',
      'not-found',
      'not-found',
    ]);
    expect(code('INVALID_LOCALE_ERROR')).to.equal('validation');
  });

  it('a refused vote is “forbidden” on a server with the older codes too', async () => {
    const fixture = { ...demoDecidimFixture(), legacyErrorCodes: true };
    fixture.processes = fixture.processes.map((p) => ({ ...p, rules: { votesEnabled: false } }));
    const { backend } = await writer(fixture);
    expect((await failure(backend.vote(PROCESS, '101', 'support', key()))).code).to.equal('forbidden');
  });

  it('leaves withdrawn proposals and emendations out of lists; a state only once answered, custom states kept', async () => {
    const backend = new DecidimBackend({ endpoint: await seedDecidim(demoDecidimFixture()), process: PROCESS, locale: 'en' });
    const page = await backend.listProposals(PROCESS, { sort: 'random', seed: 'x' });
    expect(page.items.map((p) => p.id).sort()).to.deep.equal(['101', '102', '103']);
    const [benches, lane, garden] = await Promise.all(['101', '102', '103'].map((id) => backend.getProposal(PROCESS, id)));
    expect(benches!.extra).to.deep.include({ state: 'accepted', answer: 'Accepted: the benches will be installed in spring.\nlien' });
    expect(lane!.extra, 'an unpublished answer says nothing').to.deep.equal({});
    expect(garden!.extra).to.deep.equal({ state: 'etude-technique' });
    expect((await backend.getProposal(PROCESS, '105')).status).to.equal('withdrawn');
  });

  it('backs off after a 429: the next calls fail at once without reaching Decidim', async () => {
    const endpoint = await seedDecidim({ ...demoDecidimFixture(), rateLimit: 2 });
    const backend = new DecidimBackend({ endpoint, process: PROCESS });
    await backend.getConsultation(PROCESS);
    await backend.listProposals(PROCESS, {});
    const limited = await failure(backend.listEvents(PROCESS, {}));
    expect(limited.code).to.equal('rate-limited');
    expect(limited.problem.retryAfter).to.be.within(1, 60);
    const before = (await decidimStats(endpoint)).requests;
    expect((await failure(backend.getProposal(PROCESS, '101'))).code).to.equal('rate-limited');
    expect((await decidimStats(endpoint)).requests).to.equal(before);
  });

  it('a page (process, proposals, meetings) takes three requests', async () => {
    const endpoint = await seedDecidim(demoDecidimFixture());
    const backend = new DecidimBackend({ endpoint, process: PROCESS });
    await backend.getConsultation(PROCESS);
    await Promise.all([backend.listProposals(PROCESS, {}), backend.listEvents(PROCESS, {})]);
    expect((await decidimStats(endpoint)).requests).to.equal(3);
  });
});

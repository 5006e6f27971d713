import { expect } from '@open-wc/testing';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { newIdempotencyKey } from '../core/backend.js';
import { DAY } from '../core/phase.js';
import { Consultation, ConsultationEvent, Proposal } from '../core/schemas.js';
import { DecidimBackend, decidimBackendFromConfig } from './decidim/index.js';
import { ALL_DOCUMENTS } from './decidim/documents.js';
import { decidimInstant, toAddress } from './decidim/mapping.js';
import { pkceChallenge } from './decidim/oauth.js';
import { htmlToText, pickTranslation, stripTags } from './decidim/text.js';
import { fromGraphQLErrors } from './decidim/transport.js';
import { CALLBACK, CLIENT_ID, decidimLog, demoDecidimFixture, failure, seedDecidim, SITE } from '../../test/decidim/fixture.js';
import { composeSdl, SDL_FILES } from '../../test/decidim/versions.mjs';

const key = () => ({ idempotencyKey: newIdempotencyKey() });
const PROCESS = 'budget-2027';

async function schemas(): Promise<{ steps: GraphQLSchema; phases: GraphQLSchema }> {
  const files = Object.fromEntries(
    await Promise.all(SDL_FILES.map(async (name) => [name, await (await fetch(`/src/backends/decidim/${name}`)).text()])),
  );
  return { steps: buildSchema(composeSdl(files, '0.32')), phases: buildSchema(composeSdl(files, 'dev')) };
}

describe('decidim backend: pinned schema', () => {
  it('names the Decidim version it follows', async () => {
    const text = await (await fetch('/src/backends/decidim/schema.graphql')).text();
    expect(text).to.match(/Version followed: Decidim 0\.32/);
  });

  it('every document the backend sends is valid against the pinned schema', async () => {
    const { steps, phases } = await schemas();
    for (const [name, document] of Object.entries(ALL_DOCUMENTS)) {
      const schema = name === 'processPhases' ? phases : steps;
      const errors = validate(schema, parse(document)).map((e) => e.message);
      expect(errors, name).to.deep.equal([]);
    }
    // And the check can fail: the later `phases` field is not in the pinned (0.32) schema.
    expect(validate(steps, parse(ALL_DOCUMENTS.processPhases!))).to.have.length.above(0);
  });
});

describe('decidim backend: texts', () => {
  const field = (translations: { locale: string; text: string; machineTranslated?: boolean }[]) => ({ translations });

  it('picks the locale, then fr, then en, then a machine translation, then any text', () => {
    expect(
      pickTranslation(
        field([
          { locale: 'en', text: 'Hello' },
          { locale: 'fr', text: 'Bonjour' },
        ]),
        'en',
      ),
    ).to.equal('Hello');
    expect(
      pickTranslation(
        field([
          { locale: 'ca', text: 'Hola' },
          { locale: 'en', text: 'Hello' },
          { locale: 'fr', text: 'Bonjour' },
        ]),
        'de',
      ),
    ).to.equal('Bonjour');
    expect(
      pickTranslation(
        field([
          { locale: 'ca', text: 'Hola' },
          { locale: 'en', text: 'Hello' },
        ]),
        'fr',
      ),
    ).to.equal('Hello');
    expect(
      pickTranslation(
        field([
          { locale: 'fr', text: 'Bonjour (auto)', machineTranslated: true },
          { locale: 'ca', text: 'Hola' },
        ]),
        'fr',
      ),
    ).to.equal('Bonjour (auto)');
    expect(
      pickTranslation(
        field([
          { locale: 'ca', text: 'Hola' },
          { locale: 'fr', text: '  ' },
        ]),
        'fr',
      ),
    ).to.equal('Hola');
    expect(pickTranslation(null, 'fr')).to.equal('');
  });

  it('keeps text only: no markup, no script content, paragraphs as line breaks, entities decoded', () => {
    const html =
      '<p>Un <strong>jardin</strong> &amp; une grainothèque</p><script>window.__pwned=1</script><style>p{}</style><p>Ligne 2<br>Ligne 3</p><img src=x onerror="window.__pwned=1">';
    expect(htmlToText(html)).to.equal('Un jardin & une grainothèque\nLigne 2\nLigne 3');
    expect(htmlToText('Texte simple, sans balise')).to.equal('Texte simple, sans balise');
    expect((window as unknown as { __pwned?: unknown }).__pwned).to.equal(undefined);
  });

  it('has a string fallback that does the same without a DOM parser', () => {
    expect(stripTags('<p>A &lt;b&gt; &#233;t&#xE9;</p><script>alert(1)</script><!-- x --><b>B</b>')).to.equal('A <b> été\nB');
  });
});

describe('decidim backend: dates', () => {
  it('reads a process date as a calendar day in the organisation time zone, the end day inclusive', () => {
    expect(decidimInstant('2027-03-15', 'Europe/Paris', 'start')).to.equal('2027-03-14T23:00:00.000Z');
    expect(decidimInstant('2027-03-15', 'Europe/Paris', 'end')).to.equal('2027-03-15T23:00:00.000Z');
    // The night Paris moves to summer time (28 March 2027): the day still ends at local midnight.
    expect(decidimInstant('2027-03-28', 'Europe/Paris', 'end')).to.equal('2027-03-28T22:00:00.000Z');
  });

  it('reads a step date as an instant', () => {
    expect(decidimInstant('2027-03-15T09:30:00+01:00', 'Europe/Paris', 'end')).to.equal('2027-03-15T08:30:00.000Z');
    expect(decidimInstant(null, 'Europe/Paris', 'start')).to.equal(null);
    expect(decidimInstant('not a date', 'Europe/Paris', 'start')).to.equal(null);
  });

  it('splits a free-form address into street, postal code and town', () => {
    expect(toAddress('12 rue des Lilas, 69001 Lyon', 'Centre social')).to.deep.equal({
      placeName: 'Centre social',
      street: '12 rue des Lilas',
      postalCode: '69001',
      locality: 'Lyon',
    });
    expect(toAddress('Place du marché, Bordeaux', '')).to.deep.equal({ street: 'Place du marché', locality: 'Bordeaux' });
    expect(toAddress('', '')).to.equal(undefined);
  });
});

describe('decidim backend: reading a process', () => {
  let endpoint: string;
  let backend: DecidimBackend;
  const now = Date.now();

  before(async () => {
    endpoint = await seedDecidim(demoDecidimFixture(now));
    backend = new DecidimBackend({ endpoint, process: PROCESS, locale: 'fr' });
  });

  it('maps the process and its steps to a consultation, with the Decidim pages for what it cannot judge', async () => {
    const consultation = Consultation.parse(await backend.getConsultation(PROCESS));
    expect(consultation.title).to.equal('Budget participatif 2027');
    expect(consultation.description).to.equal('Proposez et soutenez des projets pour votre quartier.\nlien');
    expect(consultation.phases.map((p) => [p.id, p.title])).to.deep.equal([
      ['31', 'Dépôt des idées\nlien'],
      ['32', 'Soutiens\nlien'],
    ]);
    expect(Date.parse(consultation.phases[0]!.endsAt)).to.equal(now + 5 * DAY);
    expect(consultation.url).to.equal(`${SITE}/processes/budget-2027`);
    expect(consultation.linkOut).to.deep.equal({
      proposals: `${SITE}/processes/budget-2027/f/12/`,
      votes: `${SITE}/processes/budget-2027/f/12/`,
      eventProposals: `${SITE}/processes/budget-2027/f/13/`,
    });
    expect(consultation.settings.voteModel).to.equal('support');
    expect(backend.capabilities).to.deep.include({ proposals: true, events: true, votes: false, createProposal: false });
  });

  it('lists proposals as text, with their counts and Decidim pages', async () => {
    const page = await backend.listProposals(PROCESS, {});
    expect(page.items.map((p) => p.id)).to.deep.equal(['103', '102', '101']);
    for (const p of page.items) Proposal.parse(p);
    const [garden, lane, benches] = page.items as [Proposal, Proposal, Proposal];
    expect(garden.title).to.equal('Un jardin partagé & une grainothèque');
    expect(lane.title).to.equal('A cycle lane on the avenue', 'a human English text before a French machine translation');
    expect(benches.title).to.equal('Des bancs au parc des Lilaslien');
    expect(benches.tally).to.deep.equal({ proposalId: '101', hidden: false, total: 4, counts: { support: 4 } });
    expect(benches.url).to.equal(`${SITE}/processes/budget-2027/f/12/proposals/101`);
    expect(benches.authorName).to.equal('Camille');
    const mostSupported = await backend.listProposals(PROCESS, { sort: 'most-supported', limit: 2 });
    expect(mostSupported.items.map((p) => p.id)).to.deep.equal(['101', '103']);
    expect(mostSupported.nextCursor).to.be.a('string');
    const rest = await backend.listProposals(PROCESS, { sort: 'most-supported', limit: 2, cursor: mostSupported.nextCursor! });
    expect(rest.items.map((p) => p.id)).to.deep.equal(['102']);
    expect((await backend.listProposals(PROCESS, { q: 'CYCLE lane' })).items.map((p) => p.id)).to.deep.equal(['102']);
  });

  it('takes the English text for an English page', async () => {
    const english = new DecidimBackend({ endpoint, process: PROCESS, locale: 'en' });
    expect((await english.getConsultation(PROCESS)).title).to.equal('Participatory budget 2027');
    expect((await english.getProposal(PROCESS, '102')).title).to.equal('A cycle lane on the avenue');
  });

  it('keeps a hidden count hidden, never zero', async () => {
    const hidden = new DecidimBackend({ endpoint: await seedDecidim(demoDecidimFixture(now, { votesHidden: true })), process: PROCESS });
    const proposal = await hidden.getProposal(PROCESS, '101');
    expect(proposal.tally).to.deep.equal({ proposalId: '101', hidden: true, total: null, counts: null });
  });

  it('maps meetings to events: type, registration, seats, unsafe links dropped', async () => {
    const page = await backend.listEvents(PROCESS, {});
    for (const e of page.items) ConsultationEvent.parse(e);
    const [atelier, online, walk] = page.items as [ConsultationEvent, ConsultationEvent, ConsultationEvent];
    expect(atelier).to.deep.include({
      mode: 'in-person',
      status: 'scheduled',
      title: 'Atelier au centre social\nlien',
      description: 'Venez nombreux.\nlien',
      timeZone: 'Europe/Paris',
    });
    expect(atelier.address).to.deep.equal({
      placeName: 'Centre social des Lilas',
      street: '12 rue des Lilas',
      postalCode: '69001',
      locality: 'Lyon',
    });
    expect(atelier.geo).to.deep.equal({ lat: 45.76, lon: 4.83 });
    expect(atelier.registration, '0 seats left with no limit is not full').to.deep.equal({
      kind: 'inline',
      capacity: null,
      seatsLeft: null,
    });
    expect(atelier.organiser.name).to.equal('Mairie');
    expect(online).to.deep.include({ mode: 'online', onlineUrl: 'https://visio.example.org/budget' });
    expect(online.registration).to.deep.equal({ kind: 'external', url: 'https://inscription.example.org/budget' });
    expect(online.organiser.name).to.equal('Ville de Exemple');
    expect(walk.mode).to.equal('hybrid');
    expect(walk.onlineUrl, 'a javascript: URL never becomes a link').to.equal(undefined);
    expect(walk.registration).to.deep.equal({ kind: 'none' });
    expect((await backend.listEvents(PROCESS, { mode: 'online' })).items.map((e) => e.id)).to.deep.equal(['202']);
    expect((await backend.listEvents(PROCESS, { place: '69002' })).items.map((e) => e.id)).to.deep.equal(['203']);
    expect((await backend.getEvent(PROCESS, '202')).url).to.equal(`${SITE}/processes/budget-2027/f/13/meetings/202`);
  });

  it('sends reads without a token, and validates each one against the schema (server side)', async () => {
    const log = await decidimLog(endpoint);
    expect(log.length).to.be.above(3);
    expect(log.every((entry) => entry.token === null)).to.equal(true);
    // Only the errors Decidim gives for a piece one may not see (a hidden proposal, an author, coordinates), never a refused document.
    expect(
      log
        .flatMap((entry) => entry.errors)
        .every((e) => /not authorized to see this (author|proposal)|non-nullable field Coordinates/.test(e)),
    ).to.equal(true);
  });

  it('answers not-found for an unknown process, and unsupported for a missing component', async () => {
    expect((await failure(new DecidimBackend({ endpoint }).getConsultation('no-such-process'))).code).to.equal('not-found');
    const noMeetings = new DecidimBackend({ endpoint, process: PROCESS, meetingsComponent: '999' });
    expect((await failure(noMeetings.listEvents(PROCESS, {}))).code).to.equal('not-found');
  });
});

describe('decidim backend: steps renamed to phases', () => {
  it('falls back to `phases` when the server has no `steps`, then asks for `phases` first', async () => {
    const endpoint = await seedDecidim(demoDecidimFixture(Date.now(), { version: 'dev' }));
    const backend = new DecidimBackend({ endpoint, process: PROCESS });
    expect((await backend.getConsultation(PROCESS)).phases.map((p) => p.id)).to.deep.equal(['31', '32']);
    await backend.getConsultation('another-process').catch(() => null);
    const log = (await decidimLog(endpoint)).filter((e) => e.query.includes('PgoProcess'));
    expect(log.map((e) => (/\bsteps \{/.test(e.query) ? 'steps' : 'phases'))).to.deep.equal(['steps', 'phases', 'phases']);
    expect(log[0]!.errors[0]).to.match(/Cannot query field "steps"/);
  });
});

describe('decidim backend: without a client id', () => {
  it('declares no writes, and every write links to its Decidim page', async () => {
    const endpoint = await seedDecidim(demoDecidimFixture());
    const backend = decidimBackendFromConfig({ endpoint, attributes: { process: PROCESS } });
    await backend.getConsultation(PROCESS);
    expect(backend.capabilities).to.deep.include({ votes: false, withdrawVote: false, createProposal: false, registerForEvent: false });
    const vote = await failure(backend.vote(PROCESS, '101', 'support', key()));
    expect(vote.code).to.equal('unsupported');
    expect(vote.problem.url).to.equal(`${SITE}/processes/budget-2027/f/12/proposals/101`);
    const create = await failure(
      backend.createProposal(PROCESS, { title: 'Une proposition assez longue', body: 'Avec un texte assez long.' }, key()),
    );
    expect(create.problem.url).to.equal(`${SITE}/processes/budget-2027/f/12/`);
    expect((await failure(backend.registerForEvent(PROCESS, '201', { name: 'A', email: 'a@example.fr' }, key()))).problem.url).to.equal(
      `${SITE}/processes/budget-2027/f/13/meetings/201`,
    );
    expect((await decidimLog(endpoint)).some((e) => e.query.startsWith('mutation'))).to.equal(false);
  });
});

describe('decidim backend: sign-in and writes', () => {
  const store = window.sessionStorage;

  it('PKCE challenge is the S256 of the verifier (RFC 7636 appendix B)', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).to.equal('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('signs in through the popup, votes, unvotes and creates; the token stays in memory and goes with mutations only', async () => {
    const endpoint = await seedDecidim(demoDecidimFixture());
    const backend = decidimBackendFromConfig({
      endpoint,
      attributes: { process: PROCESS, 'client-id': CLIENT_ID, 'redirect-uri': `${location.origin}/__decidim/callback-relay`, locale: 'fr' },
    });
    await backend.getConsultation(PROCESS);
    expect(backend.capabilities).to.deep.include({ votes: true, withdrawVote: true, createProposal: true });
    const voted = await backend.vote(PROCESS, '103', 'support', key());
    expect(voted.tally.total).to.equal(3);
    expect(voted.participation.votes).to.deep.equal({ 103: 'support' });
    expect(voted.participation.participant?.id).to.equal('user-1');
    expect((await backend.withdrawVote(PROCESS, '103', key())).tally.total).to.equal(2);
    const created = await backend.createProposal(
      PROCESS,
      { title: 'Des fontaines dans les squares', body: 'Pour les jours de chaleur, de l’eau potable.' },
      key(),
    );
    expect(created).to.deep.include({ moderation: 'published' });
    expect(created.proposal.url).to.match(/\/f\/12\/proposals\/new-1$/);
    const log = await decidimLog(endpoint);
    const mutations = log.filter((e) => e.query.startsWith('mutation'));
    expect(mutations).to.have.length(3);
    expect(mutations.every((e) => typeof e.token === 'string' && e.errors.every((m) => /see this author/.test(m)))).to.equal(true);
    expect(log.filter((e) => e.query.includes('PgoProposals') || e.query.includes('PgoProcess')).every((e) => e.token === null)).to.equal(
      true,
    );
    const token = mutations[0]!.token!;
    const stored = [...Object.values(localStorage), ...Object.values(store)].join('\n');
    expect(stored.includes(token)).to.equal(false);
  });

  it('maps Decidim’s refusals to the core errors', async () => {
    const endpoint = await seedDecidim({
      ...demoDecidimFixture(),
      processes: demoDecidimFixture().processes.map((p) => ({ ...p, rules: { votesEnabled: false } })),
    });
    const backend = new DecidimBackend({ endpoint, process: PROCESS, clientId: CLIENT_ID, redirectUri: CALLBACK() });
    await backend.getConsultation(PROCESS);
    const refused = await failure(backend.vote(PROCESS, '101', 'support', key()));
    expect(refused.code).to.equal('forbidden');
    expect((await failure(backend.vote(PROCESS, '101', 'against', key()))).code).to.equal('validation');
    expect((await failure(backend.vote(PROCESS, 'nope', 'support', key()))).code).to.equal('not-found');
    const invalid = await failure(backend.createProposal(PROCESS, { title: 'Court', body: '' }, key()));
    expect(invalid.code).to.equal('validation');
    expect(invalid.fieldErrors.map((e) => e.field)).to.have.members(['title', 'body']);
    const fromDecidim = fromGraphQLErrors(
      [
        {
          message: [{ path: ['attributes', 'title'], message: 'Title is too short' }],
          extensions: { code: 'ATTRIBUTE_VALIDATION_ERROR' },
        } as never,
      ],
      200,
    );
    expect(fromDecidim.code).to.equal('validation');
    expect(fromDecidim.fieldErrors).to.deep.equal([{ field: 'title', code: 'invalid', message: 'Title is too short' }]);
    expect(fromGraphQLErrors([{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }], 200).code).to.equal('not-found');
  });

  it('refuses an answer whose state does not match, and a refused sign-in', async () => {
    for (const [flag, code] of [
      ['tamperState', 'forbidden'],
      ['denySignIn', 'forbidden'],
    ] as const) {
      const endpoint = await seedDecidim({ ...demoDecidimFixture(), [flag]: true });
      const backend = new DecidimBackend({ endpoint, process: PROCESS, clientId: CLIENT_ID, redirectUri: CALLBACK() });
      await backend.getConsultation(PROCESS);
      expect((await failure(backend.vote(PROCESS, '101', 'support', key()))).code, flag).to.equal(code);
      expect(
        (await decidimLog(endpoint)).some((e) => e.query.startsWith('mutation')),
        flag,
      ).to.equal(false);
    }
  });

  it('says so when the popup is blocked or closed', async () => {
    const endpoint = await seedDecidim(demoDecidimFixture());
    const blocked = new DecidimBackend({
      endpoint,
      process: PROCESS,
      clientId: CLIENT_ID,
      redirectUri: CALLBACK(),
      openWindow: () => null,
    });
    await blocked.getConsultation(PROCESS);
    expect((await failure(blocked.vote(PROCESS, '101', 'support', key()))).problem).to.deep.include({
      code: 'unauthorized',
      title: 'The Decidim sign-in window was blocked',
    });
    const closing = new DecidimBackend({
      endpoint,
      process: PROCESS,
      clientId: CLIENT_ID,
      redirectUri: CALLBACK(),
      openWindow: (url, name, features) => {
        const popup = window.open(url, name, features);
        popup?.close();
        return popup;
      },
    });
    await closing.getConsultation(PROCESS);
    expect((await failure(closing.vote(PROCESS, '101', 'support', key()))).problem.title).to.equal('The Decidim sign-in window was closed');
  });

  it('maps HTTP failures: server error, unreachable, aborted', async () => {
    const endpoint = await seedDecidim({ ...demoDecidimFixture(), failNext: 503 } as never);
    const backend = new DecidimBackend({ endpoint, process: PROCESS });
    expect((await failure(backend.getConsultation(PROCESS))).code).to.equal('server');
    expect((await backend.getConsultation(PROCESS)).title).to.equal('Budget participatif 2027');
    const nowhere = new DecidimBackend({ endpoint: 'http://127.0.0.1:9', process: PROCESS });
    expect((await failure(nowhere.getConsultation(PROCESS))).code).to.equal('network');
    expect((await failure(backend.listProposals(PROCESS, {}, { signal: AbortSignal.abort() }))).code).to.equal('aborted');
  });
});

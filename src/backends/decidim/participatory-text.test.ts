import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { newIdempotencyKey } from '../../core/backend.js';
import { Amendment, DocumentVersion, TextDocument } from '../../core/text.js';
import '../../define/text.js';
import type { PgoText } from '../../elements/text/text.js';
import { mountInProvider } from '../../test-utils/mount.js';
import { waitUntil } from '../../test-utils/wait.js';
import { DecidimBackend } from './index.js';
import { decidimLog, demoDecidimFixture, failure, seedDecidim, SITE, type DecidimFixture } from '../../../test/decidim/fixture.js';

// Issue 21: a Decidim participatory text (a proposals component whose proposals are sections, sub-sections
// and articles, decidim-proposals proposal_type.rb `participatoryTextLevel`/`position`; amendments are
// emendations, decidim-core amendment_type.rb) read as a document, read-only, against the local Decidim
// stand-in, which validates every request against the pinned schema.
const PROCESS = 'budget-2027';
const TEXT = '30';
const PAGE = `${SITE}/processes/budget-2027/f/30/`;
const HOSTILE = '<img src=x onerror="window.__pgoText=1"><script>window.__pgoText=1</script>';
const trap = window as unknown as { __pgoText?: number };

type Part = DecidimFixture['proposals'][number];

/** The demo process with a participatory text in component 30; the parts listed out of their order on purpose. */
function withText(extra: Part[] = []): DecidimFixture {
  const fixture = demoDecidimFixture();
  fixture.processes[0]!.components.push({
    id: TEXT,
    type: 'Proposals',
    weight: 5,
    url: PAGE,
    name: { fr: 'Plan d’action 2017', en: 'Action plan 2017' },
  });
  const at = '2027-06-15T08:00:00Z';
  const part = (id: string, position: number, level: Part['participatoryTextLevel'], title: string, body = title): Part => ({
    id,
    componentId: TEXT,
    title: { fr: title },
    body: { fr: body },
    publishedAt: at,
    participatoryTextLevel: level,
    position,
  });
  const emendation = (id: string, of: string, body: string, more: Partial<Part> = {}): Part => ({
    id,
    componentId: TEXT,
    title: { fr: 'Amendement' },
    body: { fr: body },
    publishedAt: '2027-06-20T10:00:00Z',
    emendationOf: of,
    authorName: 'Ana',
    ...more,
  });
  fixture.proposals.push(
    part('306', 6, 'article', '3', 'Publier les budgets chaque année.'),
    part('301', 1, 'section', 'Axe 1 : les données ouvertes'),
    part('303', 3, 'article', '1', 'Ouvrir les données des collectivités.'),
    part('302', 2, 'sub-section', 'Engagement 1 : les collectivités'),
    part('304', 4, 'article', '2', `<p>Former les agents.</p>${HOSTILE}`),
    part('305', 5, 'section', 'Axe 2 : la transparence'),
    { ...part('307', 7, 'article', '4', 'Retiré par l’organisation.'), withdrawn: true },
    emendation('311', '303', 'Ouvrir les données de toutes les collectivités.', { votes: 4 }),
    emendation('312', '303', 'Ouvrir les données des collectivités et de l’État.', {
      amendmentState: 'accepted',
      updatedAt: '2027-07-01T09:00:00Z',
    }),
    emendation('313', '306', 'Publier les budgets.', { amendmentState: 'rejected', authorName: `Bo ${HOSTILE}` }),
    emendation('314', '306', 'Brouillon.', { amendmentState: 'draft' }),
    emendation('315', '306', 'Pas publié.', { published: false }),
    emendation('316', '304', 'Masqué par la modération.', { hidden: true }),
    ...extra,
  );
  return fixture;
}

describe('decidim backend: a participatory text as a document (read-only)', function () {
  this.timeout(30_000);

  it('reads the parts in position order as a heading tree, their amendments with states, texts as text', async () => {
    const endpoint = await seedDecidim(withText());
    const backend = new DecidimBackend({ endpoint, process: PROCESS });
    expect(backend.capabilities).to.deep.include({ documents: true, amend: false });
    const [doc, amendments] = await Promise.all([
      backend.documents.getDocument(PROCESS, TEXT),
      backend.documents.listAmendments(PROCESS, TEXT, {}),
    ]);
    TextDocument.parse(doc);
    for (const a of amendments) Amendment.parse(a);
    expect(doc).to.deep.include({
      id: TEXT,
      consultationId: PROCESS,
      title: 'Plan d’action 2017',
      version: 1,
      voteModel: 'support',
      url: PAGE,
    });
    expect(doc.amendmentPhases).to.deep.equal([]);
    expect(doc.sections.map((s) => [s.id, s.parentId, s.level, s.title, s.body, s.openAmendments])).to.deep.equal([
      ['301', null, 1, 'Axe 1 : les données ouvertes', '', 0],
      ['302', '301', 2, 'Engagement 1 : les collectivités', '', 0],
      ['303', '302', 3, 'Article 1', 'Ouvrir les données des collectivités.', 1],
      ['304', '302', 3, 'Article 2', 'Former les agents.', 0],
      ['305', null, 1, 'Axe 2 : la transparence', '', 0],
      ['306', '305', 2, 'Article 3', 'Publier les budgets chaque année.', 0],
    ]);
    expect(amendments.map((a) => [a.id, a.sectionId, a.state, a.decision?.state ?? null])).to.deep.equal([
      ['311', '303', 'open', null],
      ['312', '303', 'accepted', 'accepted'],
      ['313', '306', 'rejected', 'rejected'],
    ]);
    const [open, accepted, rejected] = amendments as [Amendment, Amendment, Amendment];
    expect(open).to.deep.include({ kind: 'modify', baseVersion: 1, outdated: false, reason: '', authorName: 'Ana', title: 'Article 1' });
    expect(open.baseText).to.equal('Ouvrir les données des collectivités.');
    expect(open.diff.filter((p) => p.op !== 'same').map((p) => [p.op, p.text.trim()])).to.deep.equal([
      ['del', 'des'],
      ['ins', 'de toutes les'],
    ]);
    expect(open.tally).to.deep.include({ total: 4, hidden: false });
    expect(accepted.decision).to.deep.equal({ state: 'accepted', reason: '', text: null, decidedAt: '2027-07-01T09:00:00.000Z' });
    // A name is plain text in Decidim (kept as it is: the element shows it as text).
    expect(rejected.authorName).to.equal(`Bo ${HOSTILE}`);
    expect(await backend.documents.listAmendments(PROCESS, TEXT, { sectionId: '306' })).to.have.length(1);
    expect(await backend.documents.listAmendments(PROCESS, TEXT, { state: 'open' })).to.have.length(1);
    // The document and its amendments asked at once: one read (a page of 50 is enough here), sent without a token.
    const reads = (await decidimLog(endpoint)).filter((e) => /PgoParticipatoryText/.test(e.query));
    expect(reads.length).to.equal(3);
    expect(reads.every((e) => e.token === null && e.errors.every((m) => /not authorized/i.test(m)))).to.equal(true);
    expect(trap.__pgoText).to.equal(undefined);
  });

  it('declares what Decidim cannot do here: one version only; amending and supporting link to the Decidim page', async () => {
    const backend = new DecidimBackend({ endpoint: await seedDecidim(withText()), process: PROCESS });
    const version = await backend.documents.getVersion(PROCESS, TEXT, 1);
    DocumentVersion.parse(version);
    expect(version.sections.map((s) => s.id)).to.deep.equal(['301', '302', '303', '304', '305', '306']);
    expect((await failure(backend.documents.getVersion(PROCESS, TEXT, 2))).code).to.equal('not-found');
    const propose = await failure(
      backend.documents.proposeAmendment(
        PROCESS,
        TEXT,
        { sectionId: '303', kind: 'modify', text: 'Autre texte.', reason: 'Une raison suffisante.' },
        { idempotencyKey: newIdempotencyKey() },
      ),
    );
    expect(propose.code).to.equal('unsupported');
    expect(propose.problem.url).to.equal(`${PAGE}proposals/303`);
    const vote = await failure(backend.documents.voteAmendment(PROCESS, TEXT, '311', 'support', { idempotencyKey: newIdempotencyKey() }));
    expect([vote.code, vote.problem.url]).to.deep.equal(['unsupported', `${PAGE}proposals/311`]);
    // A proposals component without a participatory text, and a component of no proposals, are no document.
    for (const id of ['12', '13', '99']) expect((await failure(backend.documents.getDocument(PROCESS, id))).code, id).to.equal('not-found');
  });

  it('reads a long text across pages (350 articles: more than the 300 proposals a list reads)', async () => {
    const articles: Part[] = Array.from({ length: 350 }, (_, i) => ({
      id: String(1000 + i),
      componentId: TEXT,
      title: { fr: String(i + 5) },
      body: { fr: `Article numéro ${i + 5}.` },
      publishedAt: '2027-06-15T08:00:00Z',
      participatoryTextLevel: 'article',
      position: 100 + (349 - i),
    }));
    const endpoint = await seedDecidim(withText(articles));
    const doc = await new DecidimBackend({ endpoint, process: PROCESS }).documents.getDocument(PROCESS, TEXT);
    expect(doc.sections).to.have.length(356);
    expect(doc.sections.at(-1)).to.deep.include({ id: '1000', parentId: '305', title: 'Article 5' });
    expect(doc.sections[6]).to.deep.include({ id: '1349', title: 'Article 354' });
  });

  it('<pgo-text> shows the Decidim text: sections, amendments with their states, no form, a link to amend on Decidim; accessible', async () => {
    const backend = new DecidimBackend({ endpoint: await seedDecidim(withText()), process: PROCESS });
    const { el } = await mountInProvider<PgoText>(backend, PROCESS, html`<pgo-text document=${TEXT}></pgo-text>`);
    const root = () => el.shadowRoot!;
    await waitUntil(() => root().querySelectorAll('[part~="section"]').length === 6, 'the sections are not drawn');
    expect(root().querySelector('h2')!.textContent).to.equal('Plan d’action 2017');
    expect(root().querySelector('[part~="propose"], form')).to.equal(null);
    const link = root().querySelector<HTMLAnchorElement>('[part~="closed"] a')!;
    expect(link.href).to.equal(PAGE);
    root().querySelector<HTMLButtonElement>('[part~="toggle"]')!.click();
    await waitUntil(() => root().querySelectorAll('[part~="amendment"]').length === 2, 'the amendments are not drawn');
    const first = root().querySelector('[part~="amendment"]')!;
    expect(first.querySelector('ins')!.textContent).to.contain('de toutes les');
    expect(first.querySelector('.reason')).to.equal(null);
    expect(first.querySelector('[part~="votes"]')!.textContent).to.contain('4');
    expect(root().querySelector('pgo-vote-button')).to.equal(null);
    root().querySelectorAll<HTMLButtonElement>('[part~="toggle"]')[1]!.click();
    await waitUntil(() => root().querySelectorAll('[part~="amendment"]').length === 3, 'the rejected amendment is not drawn');
    expect(root().querySelectorAll('[part~="amendment"]')[2]!.textContent).to.contain(`Bo ${HOSTILE}`);
    expect(root().querySelector('img, script')).to.equal(null);
    expect(trap.__pgoText).to.equal(undefined);
    await expect(el).to.be.accessible();
  });
});

import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from '../../test-utils/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import { MemoryBackend } from '../../backends/memory.js';
import { pageFrom } from '../../core/query.js';
import type { ConsultationSettings, Proposal, VoteChoice } from '../../core/schemas.js';
import { actionPlanConsultation, memoryBackendFixture, proposalFixture } from '../../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import type { PgoVoteButton } from '../vote-button/vote-button.js';
import type { PgoProposalList } from './proposal-list.js';

const CONSULTATION = 'plan-action-2017';

interface Setup {
  proposals?: number;
  settings?: Partial<ConsultationSettings>;
  votes?: { participantId: string; proposalId: string; choice: VoteChoice }[];
  lang?: string;
  template?: TemplateResult;
  backend?: MemoryBackend;
}

async function mount(setup: Setup = {}) {
  const backend =
    setup.backend ?? memoryBackendFixture({ proposals: setup.proposals ?? 5, settings: setup.settings, votes: setup.votes }).backend;
  const template = setup.template ?? html`<pgo-proposal-list></pgo-proposal-list>`;
  const { el, provider } = await mountInProvider<PgoProposalList>(backend, CONSULTATION, template, { lang: setup.lang ?? 'fr' });
  await settled(el.shadowRoot ? el : el.querySelector<PgoProposalList>('pgo-proposal-list')!);
  return { el, provider, backend, session: provider.session! };
}

/** Waits for the list to finish loading (a count, an empty state or an error). */
async function settled(el: PgoProposalList) {
  await waitUntil(() => shadowText(el, '[part="count"]') !== '' || el.shadowRoot!.querySelector('[role="alert"]'), 'the list did not load');
  await el.updateComplete;
}

const rows = (el: PgoProposalList) => [...el.shadowRoot!.querySelectorAll<HTMLLIElement>('li.item')];
const titles = (el: PgoProposalList) => rows(el).map((r) => r.querySelector('[part="title"]')!.textContent!.trim());
const selects = (el: PgoProposalList) =>
  [...el.shadowRoot!.querySelectorAll<HTMLSelectElement>('select')] as [HTMLSelectElement, HTMLSelectElement];
const listCalls = (backend: MemoryBackend) =>
  backend.calls.filter((c) => c.method === 'listProposals').map((c) => c.args[1] as Record<string, unknown>);

function choose(select: HTMLSelectElement, value: string) {
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<pgo-proposal-list>', () => {
  it('shows loading, then each proposal with its category, author, date, excerpt and vote button', async () => {
    const { backend } = memoryBackendFixture({ proposals: 4 });
    const release = backend.hold('listProposals');
    const { el } = await mountInProvider<PgoProposalList>(backend, CONSULTATION, html`<pgo-proposal-list></pgo-proposal-list>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[aria-busy="true"]'));
    expect(shadowText(el, '.pgo-loading')).to.equal('Chargement des propositions…');
    await expect(el).to.be.accessible();
    release();
    await settled(el);
    expect(shadowText(el, '[part="count"]')).to.equal('4 propositions');
    expect(rows(el)).to.have.length(4);
    const first = rows(el)[0]!;
    expect(first.querySelector('[part="title"]')!.textContent).to.equal('Publier les données des marchés publics en format ouvert');
    expect(first.querySelector('[role="heading"]')!.getAttribute('aria-level')).to.equal('3');
    expect(first.querySelector('[part="category"]')!.textContent).to.equal(
      'Ouvrir plus de données pour créer des biens communs numériques',
    );
    // p0 has no author name, p1 has one.
    expect(first.querySelector('[part="meta"]')!.textContent).to.contain('Par Anonyme');
    expect(rows(el)[1]!.querySelector('[part="meta"]')!.textContent).to.contain('Par Citoyen·ne 1');
    const time = first.querySelector('time')!;
    expect(Date.parse(time.getAttribute('datetime')!)).to.be.a('number').and.not.NaN;
    expect(time.textContent).to.match(/\d{4}$/);
    expect(first.querySelector('[part="excerpt"]')!.textContent).to.match(/^Proposition 0 : .*Deuxième paragraphe\.…$/);
    expect(first.getAttribute('aria-posinset')).to.equal('1');
    expect(first.getAttribute('aria-setsize')).to.equal('4');
    const button = first.querySelector<PgoVoteButton>('pgo-vote-button')!;
    await button.updateComplete;
    expect(button.shadowRoot!.querySelector('button.vote')!.textContent).to.contain('Soutenir');
    // The list passed each proposal: no button fetched its own.
    expect(backend.calls.filter((c) => c.method === 'getProposal')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('sorts by newest, most supported, and a random order stable for the visitor', async () => {
    const votes = [
      ...['a', 'b', 'c'].map((v) => ({ participantId: v, proposalId: 'p3', choice: 'support' as const })),
      ...['a', 'b'].map((v) => ({ participantId: v, proposalId: 'p1', choice: 'support' as const })),
    ];
    const { el, backend } = await mount({ votes });
    expect(rows(el).map((r) => r.dataset['key'])).to.deep.equal(['p0', 'p1', 'p2', 'p3', 'p4']);
    choose(selects(el)[1], 'most-supported');
    await waitUntil(() => rows(el)[0]?.dataset['key'] === 'p3');
    expect(
      rows(el)
        .map((r) => r.dataset['key'])
        .slice(0, 2),
    ).to.deep.equal(['p3', 'p1']);
    choose(selects(el)[1], 'random');
    await waitUntil(() => listCalls(backend).at(-1)!['sort'] === 'random' && !el.shadowRoot!.querySelector('ol[aria-busy="true"]'));
    await el.updateComplete;
    const seed = listCalls(backend).at(-1)!['seed'];
    expect(seed).to.be.a('string').and.equal(sessionStorage.getItem('pgo-widgets.seed'));
    const order = rows(el).map((r) => r.dataset['key']);
    // A second list on the page (or after a reload) gets the same order.
    const again = await mount({ votes, template: html`<pgo-proposal-list sort="random"></pgo-proposal-list>` });
    expect(rows(again.el).map((r) => r.dataset['key'])).to.deep.equal(order);
  });

  it('filters by category and says how many match', async () => {
    const { el } = await mount({ proposals: 12 });
    choose(selects(el)[0], 'participation');
    await waitUntil(() => shadowText(el, '[part="count"]').includes('correspond'));
    expect(shadowText(el, '[part="count"]')).to.equal('3 propositions correspondent');
    expect(rows(el).map((r) => r.querySelector('[part="category"]')!.textContent)).to.deep.equal(
      Array(3).fill('Augmenter la participation citoyenne et l’inclusion de nouveaux publics'),
    );
    await expect(el).to.be.accessible();
  });

  it('searches as the visitor types, debounced, and announces the results politely', async () => {
    const { el, backend } = await mount({ proposals: 10 });
    const before = listCalls(backend).length;
    el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!.focus();
    await sendKeys({ type: 'budgets' });
    // A loaded machine may type slower than the debounce: an early search ("b": 10 matches, "bu": the same 2) can show
    // first, so wait for the search of the whole word to be sent and answered.
    await waitUntil(
      () =>
        listCalls(backend).at(-1)?.['q'] === 'budgets' &&
        !el.shadowRoot!.querySelector('ol[aria-busy="true"]') &&
        shadowText(el, '[part="count"]') === '2 propositions correspondent',
      'the search for “budgets” never showed',
    );
    const region = el.shadowRoot!.querySelector('[part="count"]')!;
    expect(region.getAttribute('role')).to.equal('status');
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(shadowText(el, '[part="count"]')).to.equal('2 propositions correspondent');
    expect(titles(el).every((t) => t.startsWith('Créer des budgets participatifs'))).to.equal(true);
    expect(listCalls(backend).slice(before).at(-1)!['q']).to.equal('budgets');
    // Debounced, without depending on typing speed: seven keystrokes' input events within one task (no timer can
    // run in between) send one search, for the whole word.
    const field = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
    const typed = listCalls(backend).length;
    field.value = '';
    for (const letter of 'citoyen') {
      field.value += letter;
      field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: letter }));
    }
    await waitUntil(() => listCalls(backend).length > typed, 'no search after typing');
    await waitUntil(() => !el.shadowRoot!.querySelector('ol[aria-busy="true"]'));
    expect(
      listCalls(backend)
        .slice(typed)
        .map((call) => call['q']),
    ).to.deep.equal(['citoyen']);
  });

  it('says when nothing matches and resets the filters', async () => {
    const { el } = await mount();
    const field = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
    field.focus();
    await sendKeys({ type: 'introuvable' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadowText(el, '[part="count"]') === 'Aucune proposition ne correspond');
    expect(shadowText(el, '[part="status"] p')).to.equal('Aucune proposition ne correspond à vos critères.');
    expect(rows(el)).to.have.length(0);
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="reset"]')!.click();
    await waitUntil(() => rows(el).length === 5);
    expect(field.value).to.equal('');
    expect(deepActive()).to.equal(field);
  });

  it('says when there is no proposal yet', async () => {
    const { el } = await mount({ proposals: 0 });
    expect(shadowText(el, '[part="count"]')).to.equal('Aucune proposition');
    expect(shadowText(el, '[part="status"]')).to.equal('Aucune proposition pour l’instant.');
    expect(el.shadowRoot!.querySelector('[part~="reset"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows a load error with a retry that works', async () => {
    const { backend } = memoryBackendFixture();
    backend.failNext('listProposals', 'server');
    const { el } = await mount({ backend });
    expect(shadowText(el, '[role="alert"] p')).to.equal(
      'Impossible de charger les propositions. Le serveur a rencontré une erreur. Réessayez dans un instant.',
    );
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => rows(el).length === 5);
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('pages by cursor and moves focus to the first new proposal', async () => {
    const { el, backend } = await mount({ proposals: 45 });
    expect(rows(el)).to.have.length(20);
    expect(shadowText(el, '[part="count"]')).to.equal('45 propositions');
    expect(shadowText(el, '.shown')).to.equal('20 sur 45 propositions affichées');
    const more = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more"]');
    more()!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(el).length === 40);
    await el.updateComplete;
    const focused = deepActive()!;
    expect(focused.tagName).to.equal('ARTICLE');
    expect(focused.closest('li')!.dataset['index']).to.equal('20');
    expect(listCalls(backend).at(-1)!['cursor']).to.be.a('string');
    await expect(el).to.be.accessible();
    backend.failNext('listProposals', 'network');
    more()!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'));
    expect(shadowText(el, '[role="alert"]')).to.contain('La connexion au serveur a échoué.');
    expect(rows(el)).to.have.length(40);
    more()!.click();
    await waitUntil(() => rows(el).length === 45);
    expect(more()).to.equal(null);
  });

  it('opens a proposal to its whole text, as plain text with its line breaks', async () => {
    const { el } = await mount();
    const row = rows(el)[0]!;
    const toggle = row.querySelector<HTMLButtonElement>('[part~="read-more"]')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.textContent!.trim()).to.equal('Lire la suite');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.textContent!.trim()).to.equal('Réduire');
    const body = row.querySelector(`#${toggle.getAttribute('aria-controls')}`)!;
    expect(body.getAttribute('part')).to.equal('body');
    expect(body.textContent).to.equal(
      'Proposition 0 : une administration plus ouverte commence par des données publiées, lisibles et réutilisables par tous.\nDeuxième paragraphe.',
    );
    expect(getComputedStyle(body).whiteSpace).to.equal('pre-line');
    await expect(el).to.be.accessible();
  });

  it('shows user text as text, never as HTML', async () => {
    const attack = '<img src=x onerror=alert(1)>';
    const now = Date.now();
    const consultation = actionPlanConsultation(now);
    const backend = new MemoryBackend({
      consultations: [consultation],
      proposals: [proposalFixture(CONSULTATION, 0, now, { title: attack, body: `${attack}\n${'x '.repeat(200)}`, authorName: attack })],
    });
    const { el } = await mount({ backend });
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(rows(el)[0]!.querySelector('[part="title"]')!.textContent).to.equal(attack);
    expect(rows(el)[0]!.querySelector('[part="meta"]')!.textContent).to.contain(`Par ${attack}`);
    rows(el)[0]!.querySelector<HTMLButtonElement>('[part~="read-more"]')!.click();
    await el.updateComplete;
    expect(rows(el)[0]!.querySelector('[part="body"]')!.textContent).to.match(/^<img src=x onerror=alert\(1\)>\n/);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('votes from the list with the keyboard alone, and other buttons for the proposal follow', async () => {
    const { el, backend } = await mount({
      template: html`<div><pgo-proposal-list></pgo-proposal-list><pgo-vote-button proposal="p0"></pgo-vote-button></div>`,
    });
    const list = el.querySelector<PgoProposalList>('pgo-proposal-list')!;
    const outside = el.querySelector<PgoVoteButton>('pgo-vote-button')!;
    await settled(list);
    list.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!.focus();
    let active = deepActive();
    for (let i = 0; i < 10 && !active?.classList.contains('vote'); i++) {
      await sendKeys({ press: 'Tab' });
      active = deepActive();
    }
    expect(active!.classList.contains('vote')).to.equal(true);
    const host = (active!.getRootNode() as ShadowRoot).host as PgoVoteButton;
    expect(host.proposalId).to.equal('p0');
    await sendKeys({ press: ' ' });
    await waitUntil(() => shadowText(host, '[role="status"]') === 'Soutien enregistré', 'Space did not vote');
    expect(backend.rawTotal('p0')).to.equal(1);
    await outside.updateComplete;
    expect(outside.shadowRoot!.querySelector('button.vote')!.getAttribute('aria-pressed')).to.equal('true');
    expect(shadowText(outside, 'button.vote')).to.match(/^✓Soutenu « .+ » 1 \(1 soutien\)$/);
  });

  it('works alone, without a provider: its vote buttons share its session', async () => {
    const { backend } = memoryBackendFixture({ proposals: 3 });
    const el = await fixture<PgoProposalList>(
      html`<pgo-proposal-list lang="fr" consultation=${CONSULTATION} .customBackend=${backend}></pgo-proposal-list>`,
    );
    await settled(el);
    expect(rows(el)).to.have.length(3);
    const button = rows(el)[1]!.querySelector<PgoVoteButton>('pgo-vote-button')!;
    await button.updateComplete;
    expect(button.session).to.equal(el.session);
    button.shadowRoot!.querySelector<HTMLButtonElement>('button.vote')!.click();
    await waitUntil(() => shadowText(button, '[role="status"]') === 'Soutien enregistré');
    expect(backend.rawTotal('p1')).to.equal(1);
  });

  it('leaves out the most-supported order while counts are hidden', async () => {
    const { el } = await mount({ settings: { hideCountsUntilEnd: true } });
    expect([...selects(el)[1].options].map((o) => o.value)).to.deep.equal(['newest', 'random']);
  });

  it('shows what became of a proposal: the answer badge, its text and its commitment (issue 19)', async () => {
    const now = Date.now();
    const consultation = actionPlanConsultation(now);
    const answer = {
      state: 'kept' as const,
      text: 'Nous la reprenons dans le plan.',
      commitment: 'Engagement 3 : ouvrir les algorithmes',
      mergedInto: null,
      answeredAt: new Date(now).toISOString(),
    };
    const backend = new MemoryBackend({
      consultations: [consultation],
      proposals: [proposalFixture(consultation.id, 0, now, { answer }), proposalFixture(consultation.id, 1, now)],
    });
    const { el } = await mount({ backend });
    const answered = rows(el).find((r) => r.dataset.key === 'p0')!;
    expect(answered.querySelector('[part="answer-badge"]')!.textContent!.trim()).to.equal('Retenue');
    expect(answered.querySelector('[part="answer"]')!.textContent).to.contain('Engagement : Engagement 3 : ouvrir les algorithmes');
    expect(
      rows(el)
        .find((r) => r.dataset.key === 'p1')!
        .querySelector('[part="answer"]'),
    ).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('filters by the organisers’ answer, and “not answered yet” (issue 19)', async () => {
    const now = Date.now();
    const consultation = actionPlanConsultation(now);
    const at = new Date(now).toISOString();
    const kept = { state: 'kept' as const, text: '', commitment: 'Engagement 3', mergedInto: null, answeredAt: at };
    const notKept = { state: 'not-kept' as const, text: 'Hors du champ du plan.', commitment: null, mergedInto: null, answeredAt: at };
    const backend = new MemoryBackend({
      consultations: [consultation],
      proposals: [
        proposalFixture(consultation.id, 0, now, { answer: kept }),
        proposalFixture(consultation.id, 1, now, { answer: notKept }),
        proposalFixture(consultation.id, 2, now),
      ],
    });
    const { el } = await mount({ backend });
    const filter = el.shadowRoot!.querySelector<HTMLSelectElement>('select[name="answer"]')!;
    expect([...filter.options].map((o) => o.textContent!.trim())).to.deep.equal([
      'Toutes les propositions',
      'Sans réponse pour l’instant',
      'À l’étude',
      'Retenue',
      'Fusionnée',
      'Non retenue',
    ]);
    choose(filter, 'not-kept');
    await waitUntil(() => rows(el).length === 1 && rows(el)[0]!.dataset.key === 'p1', 'not filtered to the proposal not kept');
    expect(listCalls(backend).at(-1)!.answer).to.equal('not-kept');
    await expect(el).to.be.accessible();
    choose(el.shadowRoot!.querySelector<HTMLSelectElement>('select[name="answer"]')!, 'none');
    await waitUntil(() => rows(el).length === 1 && rows(el)[0]!.dataset.key === 'p2', 'not filtered to the unanswered proposal');
  });

  it('reads in English', async () => {
    const { el } = await mount({ proposals: 25, lang: 'en' });
    expect(shadowText(el, '[part="count"]')).to.equal('25 proposals');
    expect(shadowText(el, '.shown')).to.equal('20 of 25 proposals shown');
    expect(shadowText(el, '[part~="load-more"]')).to.equal('Load more');
    expect(rows(el)[0]!.querySelector('[part="meta"]')!.textContent).to.contain('By Anonymous');
    expect([...selects(el)[1].options].map((o) => o.textContent)).to.deep.equal(['Newest', 'Most supported', 'Random order']);
    const button = rows(el)[0]!.querySelector<PgoVoteButton>('pgo-vote-button')!;
    await button.updateComplete;
    expect(shadowText(button, 'button.vote')).to.match(/^Support “.+” 0 \(0 supports\)$/);
    await expect(el).to.be.accessible();
  });

  it('renders 10,000 proposals without putting 10,000 rows in the DOM', async function () {
    this.timeout(60000);
    const now = Date.now();
    const consultation = actionPlanConsultation(now);
    const all: Proposal[] = Array.from({ length: 10_000 }, (_, i) => proposalFixture(CONSULTATION, i, now));
    const backend = new MemoryBackend({ consultations: [consultation] });
    // Pages straight from the array: the memory backend would clone 10,000 proposals per page.
    backend.listProposals = async (_id, query) => {
      backend.calls.push({ method: 'listProposals', args: [_id, query] });
      return pageFrom(all, query.cursor, query.limit ?? 20);
    };
    const { el } = await mount({ backend, template: html`<pgo-proposal-list page-size="100"></pgo-proposal-list>` });
    while (el.shadowRoot!.querySelector('[part~="load-more"]')) {
      await el.loadMore();
      await el.updateComplete;
    }
    expect(shadowText(el, '[part="count"]')).to.equal(`${new Intl.NumberFormat('fr').format(10000).replace(/\s/g, ' ')} propositions`);
    const rendered = rows(el).length;
    expect(rendered).to.be.greaterThan(0).and.lessThan(100);
    // The spacers keep the scroll height of the whole list.
    const list = el.shadowRoot!.querySelector('ol')!;
    expect(list.getBoundingClientRect().height).to.be.greaterThan(10_000 * 50);
    // The focus moved to the first proposal of the last page, rendered wherever it lies.
    expect(deepActive()!.closest('li')!.getAttribute('aria-posinset')).to.equal('9901');
    // ...and scrolled into view, in every engine (WebKit's focus() does not scroll: the window then dropped the row).
    const box = deepActive()!.getBoundingClientRect();
    expect(box.top).to.be.lessThan(window.innerHeight);
    expect(box.bottom).to.be.greaterThan(0);
    // Scrolling to the end renders the end (measured rows may grow the page: scroll again, as a visitor would).
    // (The scroll event is sent by hand: a background page of a concurrent run gets no frames, so no scroll events.)
    const scrollTo = async (y: number) => {
      window.scrollTo(0, y);
      document.dispatchEvent(new Event('scroll'));
      await null; // the window recomputes in a microtask, then renders
      await el.updateComplete;
    };
    for (let i = 0; i < 10 && !rows(el).some((r) => r.getAttribute('aria-posinset') === '10000'); i++) {
      await scrollTo(document.documentElement.scrollHeight);
    }
    expect(rows(el).at(-1)!.getAttribute('aria-posinset')).to.equal('10000');
    expect(rows(el).length).to.be.lessThan(100);
    expect(rows(el).at(-1)!.getAttribute('aria-setsize')).to.equal('10000');
    await scrollTo(0);
    expect(rows(el)[0]!.getAttribute('aria-posinset')).to.equal('1');
    await expect(el).to.be.accessible();
  });
});

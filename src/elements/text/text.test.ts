import { forgetDrafts } from '../../test-utils/storage.js';
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { MemoryBackend } from '../../backends/memory.js';
import type { AmendmentReceipt } from '../../core/text.js';
import { expectInTree, focusPage } from '../../test-utils/a11y-tree.js';
import { memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import { waitUntil } from '../../test-utils/wait.js';
import { actionPlanDocument } from '../../test-utils/text-fixture.js';
import '../../define/comments.js';
import type { PgoText } from './text.js';
import { FIRST_SECTIONS, SECTION_BATCH, SectionBatches } from './section-batches.js';
import type { PgoVoteButton } from '../vote-button/vote-button.js';

const C = 'plan-action-2017';
const HOSTILE = '<img src=x onerror="window.__pgoXss=1"><script>window.__pgoXss=1</script>';

async function mount(
  options: {
    position?: 'ideation' | 'redaction';
    amendments?: boolean;
    lang?: string;
    setup?: (b: MemoryBackend) => unknown;
    wait?: boolean;
  } = {},
) {
  const { backend } = memoryBackendFixture({ position: options.position ?? 'redaction', proposals: 0, events: 0 });
  backend.documents.seed(actionPlanDocument(C, ['redaction'], options.amendments ?? true));
  await options.setup?.(backend);
  const { el, provider } = await mountInProvider<PgoText>(backend, C, html`<pgo-text document="plan-2017"></pgo-text>`, {
    lang: options.lang ?? 'fr',
  });
  if (options.wait !== false) await waitUntil(() => el.shadowRoot!.querySelector('[part~="toc"]'), 'the text did not load');
  await el.updateComplete;
  return { el, provider, backend };
}
const $ = <T extends Element = HTMLElement>(el: PgoText, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: PgoText, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const field = (el: PgoText, name: string) => $<HTMLInputElement | HTMLTextAreaElement>(el, `[name="${name}"]`)!;
/** The focused element, however deep in shadow roots (a vote button lives in `<pgo-vote-button>`'s). */
const active = (el: PgoText) => {
  let focused = el.shadowRoot!.activeElement as HTMLElement | null;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement as HTMLElement;
  return focused;
};
/** The amendments' `<pgo-vote-button>`s (the shared vote button, issue 21) and the buttons inside them. */
const voteHosts = (root: ParentNode) => [...root.querySelectorAll<PgoVoteButton>('pgo-vote-button')];
const voteButtons = (root: ParentNode) =>
  voteHosts(root).flatMap((b) => [...b.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.vote')]);
/** What the vote buttons say (their polite status and alerts live in their own shadow roots). */
const votesSaid = (el: PgoText) =>
  voteHosts(el.shadowRoot!)
    .map((b) => shadowText(b))
    .join(' ');
async function openVotes(el: PgoText, index = 0) {
  $$(el, '[part~="toggle"]')[index]!.click();
  await el.updateComplete;
  await waitUntil(() => voteButtons(el.shadowRoot!).length > 0, 'the vote buttons did not render');
}
/** Presses Tab until the focused element in the shadow root matches (keyboard only: never focus() by script). */
async function tabTo(el: PgoText, matches: (focused: HTMLElement) => boolean, what: string, max = 12) {
  for (let i = 0; i < max; i++) {
    const focused = active(el);
    if (focused && matches(focused)) return focused;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}`);
}
/** The element of the two diff layouts (inline, side by side) the container's width shows. */
const shownOf = (root: Element, selector: string) =>
  [...root.querySelectorAll<HTMLElement>(selector)].find((e) => e.getClientRects().length > 0)!;
function type(el: PgoText, name: string, value: string) {
  const control = field(el, name);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

describe('<pgo-text>', () => {
  beforeEach(() => {
    forgetDrafts('amendment');
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('shows the sections as a heading tree with a table of contents and counts; accessible', async () => {
    const { el } = await mount();
    const headings = $$(el, '.section-title').map((h) => [h.tagName, h.textContent!.trim()]);
    expect(headings[0]).to.deep.equal(['H3', 'Axe 1 : Ouvrir plus de données pour créer des biens communs numériques']);
    expect(headings[1]![0]).to.equal('H4');
    expect($$(el, '.toc a')).to.have.length(10);
    expect(shadowText(el)).to.contain('1 amendement en cours');
    await expectInTree($(el, '[part~="toc"]')!, { role: 'navigation', name: 'Sommaire' });
    await expect(el).to.be.accessible();
  });

  it('deep links: a table-of-contents link focuses its section and names it in the address', async () => {
    const { el } = await mount();
    $<HTMLAnchorElement>(el, '.toc a[href="#plan-2017:s-5"]')!.click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('plan-2017:s-5');
    expect(location.hash).to.equal('#plan-2017:s-5');
  });

  it('an amendment shows its difference with <ins>/<del> spoken as added/removed, and its votes', async () => {
    const { el } = await mount();
    const toggle = $$(el, '[part~="toggle"]')[0]!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const amendment = $(el, '[part~="amendment"]')!;
    const ins = amendment.querySelector('.diff-inline ins')!;
    expect(ins.textContent).to.equal('Ajouté : , avec leurs avenants');
    await waitUntil(() => voteButtons(amendment).length === 3, 'the vote buttons did not render');
    const group = voteHosts(amendment)[0]!.shadowRoot!.querySelector('[part~="choices"]')!;
    await expectInTree(group, { role: 'group', name: 'Votre avis sur « Modification par Claire »' });
    await expectInTree(voteButtons(amendment)[0]!, { role: 'button', name: 'D’accord « Modification par Claire » (2 votes)' });
    await expect(el).to.be.accessible();
  });

  it('the difference is announced: a group named by its summary, insertions and deletions the engine exposes', async () => {
    const { el } = await mount({
      setup: (b) =>
        b.documents.proposeAmendment(
          C,
          'plan-2017',
          {
            sectionId: 's-3',
            kind: 'modify',
            text: 'Publier le code source des logiciels de l’administration.',
            reason: 'Les algorithmes relèvent d’un autre engagement.',
          },
          { idempotencyKey: 'k-diff' },
        ),
    });
    const toggles = $$(el, '[part~="toggle"]');
    for (const toggle of toggles.slice(0, 2)) toggle.click();
    await el.updateComplete;
    const [added, changed] = $$(el, '[part~="amendment"]') as [HTMLElement, HTMLElement];
    const group = added.querySelector('[part~="diff"]')!;
    expect(group.querySelector('.diff-summary')!.textContent).to.equal('Changements : 3 mots ajoutés, aucun supprimé');
    await expectInTree(group, { role: 'group', name: 'Changements : 3 mots ajoutés, aucun supprimé' });
    const ins = shownOf(added, 'ins');
    expect(ins.textContent).to.match(/^Ajouté : /);
    await expectInTree(ins, { role: 'insertion', name: '' });
    await expectInTree(changed.querySelector('[part~="diff"]')!, { role: 'group', name: 'Changements : aucun mot ajouté, 10 supprimés' });
    const del = shownOf(changed, 'del');
    expect(del.textContent).to.match(/^Supprimé : /);
    await expectInTree(del, { role: 'deletion', name: '' });
    await expect(el).to.be.accessible();
  });

  it('keyboard only: a contents link, opening the amendments, voting, proposing a change and cancelling', async () => {
    const { el, backend } = await mount();
    await focusPage();
    $<HTMLAnchorElement>(el, '.toc a')!.focus();
    await tabTo(el, (f) => f.getAttribute('href') === '#plan-2017:s-2', 'the contents link of s-2');
    await sendKeys({ press: 'Enter' });
    expect(active(el)?.id).to.equal('plan-2017:s-2');
    const toggle = await tabTo(el, (f) => f.matches('[part~="toggle"]'), 'the amendments button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => toggle.getAttribute('aria-expanded') === 'true', 'Enter did not open the amendments');
    const agree = await tabTo(el, (f) => f.matches('button.vote'), 'a vote button');
    expect(agree.textContent).to.contain('D’accord');
    await sendKeys({ press: ' ' });
    await waitUntil(() => votesSaid(el).includes('Vote « D’accord » enregistré'), 'Space did not vote');
    expect(agree.getAttribute('aria-pressed')).to.equal('true');
    // Forwards only (Firefox over BiDi drops the Shift of Shift+Tab).
    await tabTo(el, (f) => f.getAttribute('data-propose') === 's-3', 'the next section’s “propose” button', 30);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(el)?.getAttribute('name') === 'kind', 'the form did not take focus');
    await tabTo(el, (f) => f.getAttribute('name') === 'text', 'the text field');
    await sendKeys({ type: ' Chaque mois.' });
    await tabTo(el, (f) => f.getAttribute('name') === 'reason', 'the reason field');
    await sendKeys({ type: 'Plus souvent, c’est plus utile.' });
    await tabTo(el, (f) => f.matches('[part~="submit"]'), 'the submit button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadowText(el).includes('Merci, votre amendement est publié'), 'Enter did not send');
    expect(backend.calls.filter((c) => c.method === 'proposeAmendment')).to.have.length(1);
    await waitUntil(() => active(el)?.getAttribute('data-propose') === 's-3', 'focus did not come back to the button');
    await tabTo(el, (f) => f.getAttribute('data-propose') === 's-4', 'the next section’s button', 30);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(el)?.getAttribute('name') === 'kind', 'the form did not take focus');
    await tabTo(el, (f) => f.matches('[part~="cancel"]'), 'the cancel button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !$(el, '[part~="amendment-form"]') && active(el)?.getAttribute('data-propose') === 's-4', 'cancel lost focus');
  });

  it('draws a section’s amendments a page at a time; “show more” moves focus to the first new one', async () => {
    const { el } = await mount({
      amendments: false,
      setup: (b) =>
        b.documents.seed({
          id: 'many',
          consultationId: C,
          markdown: '# Une partie\n\nUn texte court à amender.',
          amendmentPhases: ['redaction'],
          amendments: Array.from({ length: 23 }, (_, i) => ({
            id: `m-${i}`,
            sectionId: 's-1',
            text: `Un texte court à amender, version ${i}.`,
            reason: 'Une raison suffisante.',
          })),
        }),
    });
    el.document = 'many';
    await waitUntil(() => $(el, '[part~="toggle"]') && shadowText(el).includes('Une partie'));
    $(el, '[part~="toggle"]')!.click();
    await el.updateComplete;
    expect($$(el, '[part~="amendment"]')).to.have.length(10);
    expect(shadowText(el, '.more')).to.contain('10 amendements affichés sur 23');
    const more = $<HTMLButtonElement>(el, '[part~="more"]')!;
    expect(more.textContent!.trim()).to.equal('Afficher 10 amendements de plus');
    await expect(el).to.be.accessible();
    more.click();
    await waitUntil(() => active(el)?.dataset.amendment === 'm-10', 'focus did not go to the first new amendment');
    expect($$(el, '[part~="amendment"]')).to.have.length(20);
    $<HTMLButtonElement>(el, '[part~="more"]')!.click();
    await waitUntil(() => $$(el, '[part~="amendment"]').length === 23);
    expect($(el, '[part~="more"]')).to.equal(null);
  });

  it('discussions of a section and of an amendment open in place through <pgo-comments>, with their counts', async () => {
    const { el } = await mount({
      setup: (b) => b.postComment(C, { target: 'section:plan-2017/s-2', body: 'Et les sous-traitants ?' }, { idempotencyKey: 'k-comment' }),
    });
    const discuss = $$(el, '[part~="discuss"]').find((b) => b.getAttribute('aria-controls') === 'd-section-plan-2017-s-2')!;
    expect(discuss.textContent!.trim()).to.equal('1 commentaire');
    discuss.click();
    await el.updateComplete;
    expect(discuss.getAttribute('aria-expanded')).to.equal('true');
    const comments = $(el, 'pgo-comments#d-section-plan-2017-s-2')!;
    expect(comments.getAttribute('target')).to.equal('section:plan-2017/s-2');
    await waitUntil(() => comments.shadowRoot?.textContent?.includes('Et les sous-traitants ?'), 'the section’s discussion did not load');
    $$(el, '[part~="toggle"]')[0]!.click();
    await el.updateComplete;
    const onAmendment = $(el, '[part~="amendment"] [part~="discuss"]')!;
    expect(onAmendment.textContent!.trim()).to.equal('Commenter');
    onAmendment.click();
    await el.updateComplete;
    expect($(el, 'pgo-comments#d-amendment-a-budget')!.getAttribute('target')).to.equal('amendment:a-budget');
    expect(discuss.getAttribute('aria-expanded')).to.equal('false', 'one discussion open at a time');
    expect($(el, 'pgo-comments#d-section-plan-2017-s-2')).to.equal(null);
    await waitUntil(() => $(el, 'pgo-comments#d-amendment-a-budget')!.shadowRoot?.querySelector('form'), 'no comment form');
    await expect(el).to.be.accessible();
    onAmendment.click();
    await el.updateComplete;
    expect($(el, 'pgo-comments')).to.equal(null);
  });

  it('votes through <pgo-vote-button> and the shared store: at once, one request for two clicks, rolled back and retried with the same key', async () => {
    const { el, backend, provider } = await mount();
    await openVotes(el);
    const keys: string[] = [];
    const vote = backend.documents.voteAmendment.bind(backend.documents);
    backend.documents.voteAmendment = (c, d, a, choice, options) => {
      keys.push(options.idempotencyKey);
      return vote(c, d, a, choice, options);
    };
    const release = backend.hold('voteAmendment');
    const [agree, mixed] = voteButtons(el.shadowRoot!) as [HTMLButtonElement, HTMLButtonElement, HTMLButtonElement];
    agree.click();
    agree.click();
    await voteHosts(el.shadowRoot!)[0]!.updateComplete;
    expect(agree.getAttribute('aria-pressed')).to.equal('true');
    expect(agree.textContent).to.contain('3');
    const target = { kind: 'amendment' as const, id: 'a-budget', document: 'plan-2017' };
    expect(provider.session!.votes.isVoting(target)).to.equal(true);
    release();
    await waitUntil(() => votesSaid(el).includes('Vote « D’accord » enregistré'), 'the vote was not announced');
    expect(keys).to.have.length(1);
    expect(provider.session!.votes.voteOf(target)).to.equal('for');
    expect(provider.session!.votes.tallyOf(target)!.counts).to.deep.equal({ for: 3, mixed: 1, against: 0 });
    // Lost on the network: rolled back and said; the retry reuses the idempotency key, so it cannot count twice.
    backend.failNext('voteAmendment', 'network');
    mixed.click();
    await waitUntil(() => votesSaid(el).includes('Votre vote n’a pas été enregistré'), 'the refusal was not said');
    expect(agree.getAttribute('aria-pressed')).to.equal('true');
    expect(mixed.getAttribute('aria-pressed')).to.equal('false');
    mixed.click();
    await waitUntil(() => votesSaid(el).includes('Vote « Mitigé » enregistré'), 'the retry was not announced');
    expect(keys).to.have.length(3);
    expect(keys[2]).to.equal(keys[1]);
    expect(mixed.getAttribute('aria-pressed')).to.equal('true');
    // Everything showing this amendment follows the store: a second button for it, outside the text.
    const second = document.createElement('pgo-vote-button');
    second.amendment = {
      id: 'a-budget',
      document: 'plan-2017',
      title: 'Modification',
      tally: provider.session!.votes.tallyOf(target)!,
      voteModel: 'for-against-mixed',
    };
    provider.append(second);
    const inSecond = () => [...(second.shadowRoot?.querySelectorAll('button.vote') ?? [])];
    await waitUntil(() => inSecond().length === 3, 'the second button did not render');
    expect(inSecond()[1]!.getAttribute('aria-pressed')).to.equal('true');
    second.remove();
    await expect(el).to.be.accessible();
  });

  it('an amendment of the participant awaiting moderation says so and takes no votes', async () => {
    const { el, backend } = await mount({
      setup: (b) => Object.assign(b.documents.amendments.get('a-local')!, { participantId: b.participantId, moderation: 'pending' }),
    });
    $$(el, '[part~="toggle"]')[1]!.click();
    await el.updateComplete;
    const mine = $(el, '[data-amendment="a-local"]')!;
    expect(shadowText(el, '[data-amendment="a-local"] [part~="awaiting"]')).to.equal(
      'En attente de modération : vous seul le voyez jusqu’à sa publication.',
    );
    expect(voteHosts(mine)).to.have.length(0);
    expect(backend.participantId).to.be.a('string');
    await expect(el).to.be.accessible();
  });

  it('proposes a change by keyboard: pre-filled text, a preview, sent once, the event fired', async () => {
    const { el, backend } = await mount({ amendments: false });
    await focusPage();
    const events: AmendmentReceipt[] = [];
    el.addEventListener('pgo-amendment-submitted', (e) => events.push(e.detail));
    const propose = $$(el, '[part~="propose"]')[1]!;
    propose.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '[part~="amendment-form"]'));
    expect((field(el, 'text') as HTMLTextAreaElement).value).to.equal(
      'Publier en données ouvertes les marchés publics de l’État et des collectivités, dès leur attribution.',
    );
    type(el, 'text', 'Publier en données ouvertes les marchés publics de l’État, dès leur signature.');
    type(el, 'reason', 'La signature est le bon moment.');
    await el.updateComplete;
    expect(
      $$(el, '.preview .diff-inline del')
        .map((d) => d.textContent)
        .join('|'),
    ).to.contain('attribution');
    expect(
      $$(el, '.preview .diff-inline ins')
        .map((d) => d.textContent)
        .join('|'),
    ).to.contain('Ajouté : signature');
    await expect(el).to.be.accessible();
    const release = backend.hold('proposeAmendment');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    $<HTMLButtonElement>(el, '[part~="submit"]')?.click();
    release();
    await waitUntil(() => events.length === 1, 'no pgo-amendment-submitted');
    expect(backend.calls.filter((c) => c.method === 'proposeAmendment')).to.have.length(1);
    expect(events[0]!.amendment.sectionId).to.equal('s-2');
    await waitUntil(() => shadowText(el).includes('Merci, votre amendement est publié'));
    expect(el.shadowRoot!.activeElement?.getAttribute('data-propose')).to.equal('s-2');
  });

  it('keeps the draft on the device: a reload brings the typed text back', async () => {
    const first = await mount({ amendments: false });
    $$(first.el, '[part~="propose"]')[1]!.click();
    await waitUntil(() => $(first.el, '[part~="amendment-form"]'));
    type(first.el, 'reason', 'Une raison que je ne veux pas perdre.');
    field(first.el, 'reason').dispatchEvent(new Event('blur'));
    field(first.el, 'reason').dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
    first.el.remove();
    const second = await mount({ amendments: false });
    $$(second.el, '[part~="propose"]')[1]!.click();
    await waitUntil(() => $(second.el, '[part~="amendment-form"]'));
    expect(field(second.el, 'reason').value).to.equal('Une raison que je ne veux pas perdre.');
  });

  it('refuses an unchanged text with a clear French error in the summary', async () => {
    const { el } = await mount({ amendments: false });
    $$(el, '[part~="propose"]')[1]!.click();
    await waitUntil(() => $(el, '[part~="amendment-form"]'));
    type(el, 'reason', 'Une raison suffisante.');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '[part~="error-summary"]'));
    expect(shadowText(el, '[part~="error-summary"]')).to.contain('Le texte est identique à l’actuel');
  });

  it('a long text draws its first sections, then a batch per task; the contents and a deep link reach a section not drawn yet', async () => {
    const steps: (() => void)[] = [];
    const schedule = SectionBatches.schedule;
    SectionBatches.schedule = (next) => steps.push(next);
    try {
      const markdown = Array.from({ length: 200 }, (_, i) => `# Partie ${i + 1}\n\nLe texte de la partie ${i + 1}.\n`).join('\n');
      history.replaceState(null, '', '#long:s-150');
      const setup = (b: MemoryBackend) =>
        b.documents.seed({ id: 'long', consultationId: C, markdown, title: 'Un long texte', amendmentPhases: ['redaction'] });
      const { backend } = memoryBackendFixture({ position: 'redaction', proposals: 0, events: 0 });
      setup(backend);
      const { el } = await mountInProvider<PgoText>(backend, C, html`<pgo-text document="long"></pgo-text>`, { lang: 'fr' });
      await waitUntil(() => active(el)?.id === 'long:s-150', 'the address’s section was not focused');
      expect($$(el, '.toc a')).to.have.length(200);
      // Drawn up to the linked section, not beyond, until the next batch's task runs.
      expect($$(el, '[part~="section"]')).to.have.length(150);
      steps.shift()!();
      await el.updateComplete;
      expect($$(el, '[part~="section"]')).to.have.length(150 + SECTION_BATCH);
      while (steps.length) {
        steps.shift()!();
        await el.updateComplete;
      }
      expect($$(el, '[part~="section"]')).to.have.length(200);
      expect(active(el)?.id).to.equal('long:s-150', 'later batches leave focus where it is');
      // Another text: its first batch only, and a contents link to a later section draws up to it.
      history.replaceState(null, '', location.pathname + location.search);
      el.document = 'long-2';
      backend.documents.seed({ id: 'long-2', consultationId: C, markdown, title: 'Un autre', amendmentPhases: ['redaction'] });
      await waitUntil(() => $(el, '.toc a[href="#long-2:s-1"]'), 'the second text did not load');
      await el.updateComplete;
      expect($$(el, '[part~="section"]')).to.have.length(FIRST_SECTIONS);
      $<HTMLAnchorElement>(el, '.toc a[href="#long-2:s-190"]')!.click();
      await waitUntil(() => active(el)?.id === 'long-2:s-190', 'the contents link did not focus its section');
      expect($$(el, '[part~="section"]')).to.have.length(190);
      await expect(el).to.be.accessible();
    } finally {
      SectionBatches.schedule = schedule;
    }
  });

  it('outside the writing phase: readable, amending closed with its opening date', async () => {
    const { el } = await mount({ position: 'ideation' });
    expect($(el, '[part~="closed"]')!.textContent).to.contain('Ils ouvriront le');
    expect($$(el, '[part~="propose"]')).to.have.length(0);
    $$(el, '[part~="toggle"]')[0]!.click();
    await el.updateComplete;
    expect(voteHosts(el.shadowRoot!)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows decisions with their reasons, the version, and outdated amendments against their base', async () => {
    const { el } = await mount({
      setup: (b) => {
        b.documents.decide('a-budget', { state: 'rejected', reason: 'Trop lourd pour les petites communes.' });
        b.documents.decide('a-local', { state: 'accepted', reason: '' });
        b.documents.publish('plan-2017');
      },
    });
    expect(shadowText(el)).to.contain('Version 2');
    expect($$(el, '.toc a').some((a) => a.textContent === 'Engagement 3 bis : Des budgets participatifs')).to.equal(true);
    $$(el, '[part~="toggle"]')[0]!.click();
    await el.updateComplete;
    expect(shadowText(el, '[part~="decision"]')).to.contain('Rejeté — Trop lourd pour les petites communes.');
    expect(shadowText(el, '[part~="outdated"]')).to.contain('Écrit sur la version 1');
    await expect(el).to.be.accessible();
  });

  it('a closed amendment counts its votes in the words of the document’s vote model, French and English', async () => {
    const counted = async (voteModel: 'support' | 'for-against-mixed', choice: 'support' | 'for', lang: string) => {
      const { backend } = memoryBackendFixture({ position: 'redaction', proposals: 0, events: 0 });
      const votes = Object.fromEntries(['other-1', 'other-2', 'other-3'].map((p) => [`${p}|a-budget`, choice]));
      backend.documents.seed({ ...actionPlanDocument(C), voteModel, votes });
      backend.documents.decide('a-budget', { state: 'accepted', reason: '' });
      const { el } = await mountInProvider<PgoText>(backend, C, html`<pgo-text document="plan-2017"></pgo-text>`, { lang });
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="toc"]'), 'the text did not load');
      $$(el, '[part~="toggle"]')[0]!.click();
      await el.updateComplete;
      const said = shadowText(el, '[data-amendment="a-budget"] [part~="votes"]');
      el.remove();
      return said;
    };
    expect(await counted('support', 'support', 'fr')).to.equal('3 soutiens');
    expect(await counted('support', 'support', 'en')).to.equal('3 supports');
    expect(await counted('for-against-mixed', 'for', 'fr')).to.equal('3 votes');
  });

  it('fires pgo-amendment-decided when a refresh finds a decision', async () => {
    const { el, backend } = await mount();
    const decided: string[] = [];
    el.addEventListener('pgo-amendment-decided', (e) => decided.push(e.detail.amendment.id));
    backend.documents.decide('a-budget', { state: 'accepted', reason: '' });
    await el.refresh();
    expect(decided).to.deep.equal(['a-budget']);
  });

  it('loading, load error with retry, offline; accessible in each; in English too', async () => {
    const held = await mount({ wait: false, setup: (b) => void b.hold('getDocument') });
    expect($(held.el, '[part~="status"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(held.el).to.be.accessible();
    held.el.remove();
    const offline = await mount({ wait: false, setup: (b) => b.failNext('getDocument', 'offline') });
    await waitUntil(() => $(offline.el, '[part~="error"]'), 'the offline state was not shown');
    expect(shadowText(offline.el, '[part~="error"]')).to.contain('Vous êtes hors ligne');
    await expect(offline.el).to.be.accessible();
    $<HTMLButtonElement>(offline.el, '[part~="retry"]')!.click();
    await waitUntil(() => $(offline.el, '[part~="toc"]'), 'the retry did not load the text once online');
    await openVotes(offline.el);
    offline.backend.offline = true;
    voteButtons(offline.el.shadowRoot!)[0]!.click();
    await waitUntil(
      () => votesSaid(offline.el).includes('Votre vote n’a pas été enregistré. Vous êtes hors ligne'),
      'offline vote not said',
    );
    expect(voteButtons(offline.el.shadowRoot!)[0]!.getAttribute('aria-pressed')).to.equal('false');
    await expect(offline.el).to.be.accessible();
    offline.backend.offline = false;
    const failing = await mount({ wait: false, setup: (b) => b.failNext('getDocument', 'network') });
    await waitUntil(() => $(failing.el, '[part~="error"]'));
    await expect(failing.el).to.be.accessible();
    $<HTMLButtonElement>(failing.el, '[part~="retry"]')!.click();
    await waitUntil(() => $(failing.el, '[part~="toc"]'), 'the retry did not load the text');
    const english = await mount({ lang: 'en' });
    expect(shadowText(english.el)).to.contain('Propose a change');
    await expectInTree($(english.el, '[part~="toc"]')!, { role: 'navigation', name: 'Contents' });
  });

  it('hostile text stays text', async () => {
    const { el } = await mount({
      setup: (b) =>
        b.documents.seed({
          id: 'hostile',
          consultationId: C,
          markdown: `# ${HOSTILE}\n\n${HOSTILE}`,
          amendmentPhases: ['redaction'],
          amendments: [{ id: 'a-x', sectionId: 's-1', text: HOSTILE + ' de plus', reason: HOSTILE, authorName: HOSTILE }],
        }),
    });
    el.document = 'hostile';
    await waitUntil(() => shadowText(el).includes('onerror'));
    $$(el, '[part~="toggle"]')[0]!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect((window as unknown as { __pgoXss?: number }).__pgoXss).to.equal(undefined);
  });
});

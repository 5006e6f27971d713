import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../test-utils/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import { MemoryBackend } from '../../backends/memory.js';
import type { ConsultationSettings, VoteChoice } from '../../core/schemas.js';
import { actionPlanConsultation, memoryBackendFixture, proposalFixture } from '../../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import type { PgoVoteButton } from './vote-button.js';

const CONSULTATION = 'plan-action-2017';

interface Setup {
  settings?: Partial<ConsultationSettings>;
  position?: 'before' | 'ideation' | 'between' | 'redaction' | 'after';
  votes?: { participantId: string; proposalId: string; choice: VoteChoice }[];
  lang?: string;
  template?: TemplateResult;
}

/** Others' votes on a proposal, so counts start above zero. */
const othersVotes = (proposalId: string, count: number, choice: VoteChoice = 'support') =>
  Array.from({ length: count }, (_, i) => ({ participantId: `other-${i}`, proposalId, choice }));

async function mount(setup: Setup = {}) {
  const { backend } = memoryBackendFixture({ settings: setup.settings, position: setup.position, votes: setup.votes ?? [] });
  const template = setup.template ?? html`<pgo-vote-button proposal="p1"></pgo-vote-button>`;
  const { el, provider } = await mountInProvider<PgoVoteButton>(backend, CONSULTATION, template, { lang: setup.lang ?? 'fr' });
  const first = el.shadowRoot ? el : el.querySelector('pgo-vote-button')!;
  await waitUntil(() => first.shadowRoot!.querySelector('button, [role="alert"], .pgo-notice'), 'the vote button did not render');
  // The participation (votes left) arrives just after the consultation.
  await waitUntil(() => provider.session!.participation !== null);
  await el.updateComplete;
  return { el, provider, backend, session: provider.session! };
}

const buttons = (el: PgoVoteButton) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.vote')];
const button = (el: PgoVoteButton, index = 0) => buttons(el)[index]!;
const status = (el: PgoVoteButton) => shadowText(el, '[role="status"]');
const votesSent = (backend: MemoryBackend) => backend.calls.filter((c) => c.method === 'vote' || c.method === 'withdrawVote').length;

/** Focus moves into the element's shadow root: the deepest active element. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<pgo-vote-button>', () => {
  describe('an answered proposal (issue 19)', () => {
    it('shows the organisers’ answer and, when the consultation says so, that voting on it is closed', async () => {
      const now = Date.now();
      const consultation = actionPlanConsultation(now, 'ideation', { closeVotingWhenAnswered: true });
      const answer = {
        state: 'not-kept' as const,
        text: 'Déjà prévu par la loi.',
        commitment: null,
        mergedInto: null,
        answeredAt: new Date(now).toISOString(),
      };
      const backend = new MemoryBackend({
        consultations: [consultation],
        proposals: [proposalFixture(consultation.id, 1, now, { answer })],
      });
      const { el } = await mountInProvider<PgoVoteButton>(backend, CONSULTATION, html`<pgo-vote-button proposal="p1"></pgo-vote-button>`, {
        lang: 'fr',
      });
      await waitUntil(() => el.shadowRoot!.querySelector('button.vote'), 'the vote button did not render');
      expect(shadowText(el, '[part="answer-badge"]')).to.equal('Non retenue');
      expect(shadowText(el, '[part="answer"]')).to.contain('Déjà prévu par la loi.');
      expect(button(el).getAttribute('aria-disabled')).to.equal('true');
      expect(shadowText(el, '[part="reason"]')).to.equal(
        'Les soutiens sont clos pour cette proposition : les organisateurs y ont répondu.',
      );
      button(el).click();
      await el.updateComplete;
      expect(backend.calls.filter((c) => c.method === 'vote')).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  });

  describe('support model', () => {
    it('toggles a support with aria-pressed, updates at once, announces politely and fires its events', async () => {
      const { el, backend } = await mount({ votes: othersVotes('p1', 41) });
      const b = button(el);
      expect(b.getAttribute('aria-pressed')).to.equal('false');
      expect(shadowText(el, 'button')).to.equal('Soutenir « Créer des budgets participatifs dans chaque département » 41 (41 soutiens)');
      await expect(el).to.be.accessible();

      const release = backend.hold('vote');
      const vote = oneEvent(el, 'pgo-vote');
      const voted = oneEvent(el, 'pgo-voted');
      b.click();
      const before = await vote;
      expect(before.detail).to.deep.equal({ proposalId: 'p1', choice: 'support', previous: null });
      expect(before.cancelable).to.equal(true);
      await el.updateComplete;
      // Optimistic: shown before the server has recorded anything.
      expect(backend.rawTotal('p1')).to.equal(41);
      expect(button(el).getAttribute('aria-pressed')).to.equal('true');
      expect(shadowText(el, 'button')).to.equal('✓Soutenu « Créer des budgets participatifs dans chaque département » 42 (42 soutiens)');
      release();
      const after = await voted;
      expect(after.detail.choice).to.equal('support');
      expect(after.detail.tally.total).to.equal(42);
      expect(backend.rawTotal('p1')).to.equal(42);
      await el.updateComplete;
      expect(status(el)).to.equal('Soutien enregistré');
      expect(el.shadowRoot!.querySelector('[role="status"]')!.getAttribute('aria-live')).to.equal('polite');
      await expect(el).to.be.accessible();

      button(el).click();
      const withdrawn = await oneEvent(el, 'pgo-voted');
      expect(withdrawn.detail.choice).to.equal(null);
      await el.updateComplete;
      expect(backend.rawTotal('p1')).to.equal(41);
      expect(button(el).getAttribute('aria-pressed')).to.equal('false');
      expect(status(el)).to.equal('Soutien retiré');
    });

    it('sends one request for two fast clicks', async () => {
      const { el, backend } = await mount();
      const release = backend.hold('vote');
      button(el).click();
      button(el).click();
      release();
      await waitUntil(() => status(el) !== '');
      expect(votesSent(backend)).to.equal(1);
      expect(backend.rawTotal('p1')).to.equal(1);
      expect(button(el).getAttribute('aria-pressed')).to.equal('true');
    });

    it('rolls back a refused vote and says why', async () => {
      const { el, backend } = await mount({ votes: othersVotes('p1', 3) });
      backend.failNext('vote', 'limit-reached');
      button(el).click();
      await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'));
      expect(shadowText(el, '[role="alert"]')).to.equal('Votre soutien n’a pas été enregistré. Vous avez atteint la limite autorisée.');
      expect(button(el).getAttribute('aria-pressed')).to.equal('false');
      expect(shadowText(el, 'button')).to.equal('Soutenir « Créer des budgets participatifs dans chaque département » 3 (3 soutiens)');
      expect(backend.rawTotal('p1')).to.equal(3);
      expect(status(el)).to.equal('');
      await expect(el).to.be.accessible();
    });

    it('retries a vote lost on the network with the same idempotency key', async () => {
      const { el, backend } = await mount();
      const keys: string[] = [];
      const vote = backend.vote.bind(backend);
      backend.vote = (c, p, choice, options) => {
        keys.push(options.idempotencyKey);
        return vote(c, p, choice, options);
      };
      backend.failNext('vote', 'network');
      button(el).click();
      await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'));
      expect(shadowText(el, '[role="alert"]')).to.contain('La connexion au serveur a échoué.');
      button(el).click();
      await waitUntil(() => status(el) === 'Soutien enregistré');
      expect(keys).to.have.length(2);
      expect(keys[1]).to.equal(keys[0]);
      expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
      // A new attempt after success gets a new key.
      button(el).click();
      await waitUntil(() => status(el) === 'Soutien retiré');
      button(el).click();
      await waitUntil(() => status(el) === 'Soutien enregistré');
      expect(keys[2]).to.not.equal(keys[0]);
    });

    it('keeps two buttons for the same proposal in step', async () => {
      const { el, backend } = await mount({
        votes: othersVotes('p1', 5),
        template: html`<div><pgo-vote-button proposal="p1"></pgo-vote-button><pgo-vote-button proposal="p1"></pgo-vote-button></div>`,
      });
      const [first, second] = [...el.querySelectorAll<PgoVoteButton>('pgo-vote-button')] as [PgoVoteButton, PgoVoteButton];
      await waitUntil(() => button(first) && button(second));
      expect(backend.calls.filter((c) => c.method === 'getProposal').length).to.be.at.most(2);
      button(first).click();
      await waitUntil(() => status(first) === 'Soutien enregistré');
      await second.updateComplete;
      expect(button(second).getAttribute('aria-pressed')).to.equal('true');
      expect(shadowText(second, 'button')).to.equal(shadowText(first, 'button'));
      expect(shadowText(second, 'button')).to.contain('6');
      // Only the button that acted announces.
      expect(status(second)).to.equal('');
      button(second).click();
      await waitUntil(() => status(second) === 'Soutien retiré');
      await first.updateComplete;
      expect(button(first).getAttribute('aria-pressed')).to.equal('false');
      expect(backend.rawTotal('p1')).to.equal(5);
    });

    it('lets a host veto a vote through the cancelable pgo-vote event', async () => {
      const { el, backend } = await mount();
      el.addEventListener('pgo-vote', (e) => e.preventDefault(), { once: true });
      button(el).click();
      await el.updateComplete;
      expect(votesSent(backend)).to.equal(0);
      expect(button(el).getAttribute('aria-pressed')).to.equal('false');
    });

    it('votes and withdraws with the keyboard alone', async () => {
      const { el, backend } = await mount();
      button(el).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => status(el) === 'Soutien enregistré', 'Enter did not vote');
      expect(backend.rawTotal('p1')).to.equal(1);
      expect(deepActive()).to.equal(button(el));
      // (' ', not 'Space': WebDriver BiDi, which drives Firefox, knows single characters only.)
      await sendKeys({ press: ' ' });
      await waitUntil(() => status(el) === 'Soutien retiré', 'Space did not withdraw');
      expect(backend.rawTotal('p1')).to.equal(0);
    });

    it('shows the votes left, plural-aware, and follows them', async () => {
      const { el } = await mount({ settings: { votesPerParticipant: 3 } });
      expect(shadowText(el, '[part="votes-left"]')).to.equal('Il vous reste 3 soutiens');
      button(el).click();
      await el.updateComplete;
      expect(shadowText(el, '[part="votes-left"]')).to.equal('Il vous reste 2 soutiens');
      await waitUntil(() => status(el) !== '');
    });

    it('shows the progress towards the support threshold', async () => {
      const { el } = await mount({ settings: { supportThreshold: 100 }, votes: othersVotes('p1', 42) });
      expect(shadowText(el, '[part="threshold"]')).to.equal('42 / 100 soutiens nécessaires');
      const bar = el.shadowRoot!.querySelector('[role="progressbar"]')!;
      expect(bar.getAttribute('aria-valuenow')).to.equal('42');
      expect(bar.getAttribute('aria-valuemax')).to.equal('100');
      expect(bar.getAttribute('aria-valuetext')).to.equal('42 / 100 soutiens nécessaires');
      await expect(el).to.be.accessible();
    });

    it('says when the threshold is reached', async () => {
      const { el } = await mount({ settings: { supportThreshold: 2 }, votes: othersVotes('p1', 2) });
      expect(shadowText(el, '[part="threshold"]')).to.equal('Seuil de 2 soutiens atteint');
    });

    it('shows hidden counts as hidden, never as zero', async () => {
      const { el } = await mount({ settings: { hideCountsUntilEnd: true }, votes: othersVotes('p1', 7) });
      expect(shadowText(el, 'button')).to.equal('Soutenir « Créer des budgets participatifs dans chaque département »');
      expect(el.shadowRoot!.querySelector('[part="count"]')).to.equal(null);
      expect(shadowText(el, '[part="hidden-counts"]')).to.equal('Résultats masqués jusqu’à la fin');
      button(el).click();
      await waitUntil(() => status(el) === 'Soutien enregistré');
      expect(el.shadowRoot!.querySelector('[part="count"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('formats counts for the locale', async () => {
      const { el } = await mount({ votes: othersVotes('p1', 1234) });
      const shown = el.shadowRoot!.querySelector('[part="count"] [aria-hidden]')!.textContent;
      expect(shown).to.equal(new Intl.NumberFormat('fr').format(1234));
      expect(shown).to.match(/^1\D234$/);
    });

    it('fetches the proposal when only its id is given, and not when the list passed it', async () => {
      const { el, backend } = await mount();
      expect(backend.calls.filter((c) => c.method === 'getProposal')).to.have.length(1);
      const data = proposalFixture(CONSULTATION, 2, Date.now());
      data.tally = { proposalId: 'p2', hidden: false, total: 9, counts: { support: 9 } };
      el.data = data;
      await el.updateComplete;
      expect(shadowText(el, 'button')).to.contain('9');
      expect(backend.calls.filter((c) => c.method === 'getProposal')).to.have.length(1);
    });

    it('shows a proposal that failed to load, with a retry that works', async () => {
      const { backend } = memoryBackendFixture();
      backend.failNext('getProposal', 'server');
      const { el } = await mountInProvider<PgoVoteButton>(backend, CONSULTATION, html`<pgo-vote-button proposal="p1"></pgo-vote-button>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'));
      expect(shadowText(el, '[role="alert"] p')).to.equal(
        'Impossible de charger cette proposition. Le serveur a rencontré une erreur. Réessayez dans un instant.',
      );
      await expect(el).to.be.accessible();
      el.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
      await waitUntil(() => buttons(el).length === 1);
    });
  });

  describe('final votes (no withdrawal)', () => {
    it('warns before voting that the vote is final, then says it is', async () => {
      const { el, backend } = await mount({ settings: { voteWithdrawal: false } });
      const note = el.shadowRoot!.querySelector('#final-note')!;
      expect(note.textContent).to.equal('Votre soutien sera définitif : il ne pourra pas être retiré.');
      expect(button(el).getAttribute('aria-describedby')).to.equal('final-note');
      await expect(el).to.be.accessible();
      button(el).click();
      await waitUntil(() => status(el) === 'Soutien enregistré');
      expect(el.shadowRoot!.querySelector('#final-note')).to.equal(null);
      expect(shadowText(el, '#reason')).to.equal('Votre soutien est définitif.');
      expect(button(el).getAttribute('aria-disabled')).to.equal('true');
      button(el).click();
      await el.updateComplete;
      expect(votesSent(backend)).to.equal(1);
      expect(backend.rawTotal('p1')).to.equal(1);
    });
  });

  describe('for-against-mixed model', () => {
    it('offers three exclusive choices with their counts', async () => {
      const votes = [
        ...othersVotes('p1', 2, 'for'),
        ...othersVotes('p1', 1, 'against').map((v) => ({ ...v, participantId: `x${v.participantId}` })),
      ];
      const { el, backend } = await mount({ settings: { voteModel: 'for-against-mixed' }, votes });
      const group = el.shadowRoot!.querySelector('[role="group"]')!;
      expect(group.getAttribute('aria-label')).to.equal('Votre avis sur « Créer des budgets participatifs dans chaque département »');
      expect(buttons(el).map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
        'D’accord « Créer des budgets participatifs dans chaque département » 2 (2 votes)',
        'Mitigé « Créer des budgets participatifs dans chaque département » 0 (0 vote)',
        'Pas d’accord « Créer des budgets participatifs dans chaque département » 1 (1 vote)',
      ]);
      await expect(el).to.be.accessible();
      button(el, 0).click();
      await waitUntil(() => status(el) === 'Vote « D’accord » enregistré');
      expect(buttons(el).map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['true', 'false', 'false']);
      button(el, 2).click();
      await el.updateComplete;
      expect(buttons(el).map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false', 'true']);
      expect(shadowText(el, 'button:nth-child(1) [aria-hidden="true"]:not(.check)')).to.equal('2');
      await waitUntil(() => status(el) === 'Vote « Pas d’accord » enregistré');
      expect(backend.rawTotal('p1')).to.equal(4);
      expect(backend.votes.get('me|p1')).to.equal('against');
      button(el, 2).click();
      await waitUntil(() => status(el) === 'Vote retiré');
      expect(backend.votes.has('me|p1')).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('reads in English', async () => {
      const { el } = await mount({ settings: { voteModel: 'for-against-mixed' }, lang: 'en' });
      expect(buttons(el).map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
        'Agree “Créer des budgets participatifs dans chaque département” 0 (0 votes)',
        'Mixed “Créer des budgets participatifs dans chaque département” 0 (0 votes)',
        'Disagree “Créer des budgets participatifs dans chaque département” 0 (0 votes)',
      ]);
      button(el, 1).click();
      await waitUntil(() => status(el) === 'Vote “Mixed” recorded');
    });
  });

  describe('interest model', () => {
    it('shows “Ça m’intéresse” with its count', async () => {
      const { el, backend } = await mount({ settings: { voteModel: 'interest' }, votes: othersVotes('p1', 1, 'interest') });
      expect(shadowText(el, 'button')).to.equal(
        'Ça m’intéresse « Créer des budgets participatifs dans chaque département » 1 (1 personne intéressée)',
      );
      button(el).click();
      await waitUntil(() => status(el) === 'Intérêt enregistré');
      expect(shadowText(el, 'button')).to.equal(
        '✓Ça m’intéresse « Créer des budgets participatifs dans chaque département » 2 (2 personnes intéressées)',
      );
      expect(backend.votes.get('me|p1')).to.equal('interest');
      await expect(el).to.be.accessible();
    });

    it('reads in English', async () => {
      const { el } = await mount({ settings: { voteModel: 'interest', votesPerParticipant: 1 }, lang: 'en' });
      expect(shadowText(el, 'button')).to.equal(
        'I’m interested “Créer des budgets participatifs dans chaque département” 0 (0 people interested)',
      );
      expect(shadowText(el, '[part="votes-left"]')).to.equal('You can show interest in 1 more proposal');
    });
  });

  describe('disabled reasons (focusable, described, sending nothing)', () => {
    async function expectDisabled(el: PgoVoteButton, backend: MemoryBackend, reason: string) {
      const b = button(el);
      expect(b.getAttribute('aria-disabled')).to.equal('true');
      expect(b.hasAttribute('disabled')).to.equal(false);
      expect(b.getAttribute('aria-describedby')).to.equal('reason');
      expect(shadowText(el, '#reason')).to.equal(reason);
      b.focus();
      expect(deepActive()).to.equal(b);
      await sendKeys({ press: ' ' });
      b.click();
      await el.updateComplete;
      expect(votesSent(backend)).to.equal(0);
      expect(b.getAttribute('aria-pressed')).to.equal('false');
      await expect(el).to.be.accessible();
    }

    it('phase closed, with when votes open', async () => {
      const { el, backend, session } = await mount({ position: 'between' });
      const opens = session.consultation!.phases[1]!.startsAt;
      const date = new Intl.DateTimeFormat('fr', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(
        new Date(opens),
      );
      expect(shadowText(el, '#reason')).to.contain(`Vous pourrez soutenir des propositions à partir du ${date}`);
      await expectDisabled(el, backend, shadowText(el, '#reason'));
    });

    it('consultation over', async () => {
      const { el, backend } = await mount({ position: 'after' });
      await expectDisabled(el, backend, 'Les soutiens sont clos.');
    });

    it('limit reached', async () => {
      const { el, backend } = await mount({
        settings: { votesPerParticipant: 1 },
        votes: [{ participantId: 'me', proposalId: 'p2', choice: 'support' }],
      });
      expect(shadowText(el, '[part="votes-left"]')).to.equal('Il ne vous reste aucun soutien');
      await expectDisabled(el, backend, 'Vous avez utilisé tous vos soutiens.');
    });

    for (const [status, reason] of [
      ['withdrawn', 'Cette proposition a été retirée par son auteur.'],
      ['hidden', 'Cette proposition a été masquée par la modération.'],
      ['pending', 'Cette proposition attend la validation de la modération.'],
    ] as const) {
      it(`proposal ${status}`, async () => {
        const data = proposalFixture(CONSULTATION, 1, Date.now(), { status });
        const { el, backend } = await mount({ template: html`<pgo-vote-button .data=${data}></pgo-vote-button>` });
        await expectDisabled(el, backend, reason);
      });
    }

    it('backend without votes', async () => {
      const { backend } = memoryBackendFixture();
      backend.capabilities.votes = false;
      const { el } = await mountInProvider<PgoVoteButton>(backend, CONSULTATION, html`<pgo-vote-button proposal="p1"></pgo-vote-button>`);
      await waitUntil(() => buttons(el).length === 1);
      await expectDisabled(el, backend, 'Le soutien n’est pas disponible ici.');
    });

    it('reads in English', async () => {
      const { el } = await mount({ position: 'after', lang: 'en' });
      expect(shadowText(el, '#reason')).to.equal('Supporting is closed.');
      expect(shadowText(el, 'button')).to.equal('Support “Créer des budgets participatifs dans chaque département” 0 (0 supports)');
    });
  });

  it('has a 44 px target', async () => {
    const { el } = await mount();
    const rect = button(el).getBoundingClientRect();
    expect(rect.height).to.be.at.least(44);
    expect(rect.width).to.be.at.least(44);
  });

  it('says what is missing without a proposal', async () => {
    const { backend } = memoryBackendFixture();
    const { el } = await mountInProvider<PgoVoteButton>(backend, CONSULTATION, html`<pgo-vote-button></pgo-vote-button>`);
    expect(shadowText(el)).to.equal('Aucune proposition indiquée : ajoutez l’attribut « proposal ».');
  });
});

describe('<pgo-vote-button> with a backend that cannot vote from here', () => {
  it('says so and links to the proposal where one can vote (Decidim without a client id)', async () => {
    const { backend } = memoryBackendFixture();
    backend.capabilities = { ...backend.capabilities, votes: false, withdrawVote: false };
    backend.proposals.get('p1')!.url = 'https://participation.example.org/processes/plan/f/12/proposals/1';
    const { el } = await mountInProvider<PgoVoteButton>(backend, CONSULTATION, html`<pgo-vote-button proposal="p1"></pgo-vote-button>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="reason"]'));
    expect(shadowText(el, '[part="reason"]')).to.equal('Le soutien n’est pas disponible ici.');
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="link-out"]')!;
    expect(link.href).to.equal('https://participation.example.org/processes/plan/f/12/proposals/1');
    expect(link.textContent).to.equal('Soutenir sur le site de la consultation');
    await expect(el).to.be.accessible();
  });

  it('never links to an address that is not http(s)', async () => {
    const { backend } = memoryBackendFixture();
    backend.capabilities = { ...backend.capabilities, votes: false };
    (backend.proposals.get('p1') as { url?: string }).url = 'javascript:alert(1)';
    const { el } = await mountInProvider<PgoVoteButton>(backend, CONSULTATION, html`<pgo-vote-button proposal="p1"></pgo-vote-button>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="reason"]'));
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);
  });
});

// Wording per vote model (issue 18): the limit, final, refusal and closed texts speak of supports on a
// support page and of interest on an interest page; "vote" appears only where people vote (for/against).
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { ConsultationSettings, VoteModel } from '../../core/schemas.js';
import { memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import { waitUntil } from '../../test-utils/wait.js';
import type { PgoVoteButton } from './vote-button.js';
import '../../define/vote-button.js';

const CHOICE = { support: 'support', 'for-against-mixed': 'for', interest: 'interest' } as const;

async function mount(model: VoteModel, lang: string, settings: Partial<ConsultationSettings> = {}, position?: 'after', myVoteOnP2 = false) {
  const votes = myVoteOnP2 ? [{ participantId: 'me', proposalId: 'p2', choice: CHOICE[model] }] : [];
  const { backend } = memoryBackendFixture({ settings: { voteModel: model, ...settings }, position, votes });
  const { el, provider } = await mountInProvider<PgoVoteButton>(
    backend,
    'plan-action-2017',
    html`<pgo-vote-button proposal="p1"></pgo-vote-button>`,
    { lang },
  );
  await waitUntil(() => el.shadowRoot!.querySelector('button.vote') && provider.session!.participation, 'the vote button did not render');
  await el.updateComplete;
  return { el, backend };
}
const voteButton = (el: PgoVoteButton) => el.shadowRoot!.querySelector<HTMLButtonElement>('button.vote')!;
/** Every text of the element, what a screen reader reads included. */
const allText = (el: PgoVoteButton) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

const TEXTS = {
  fr: {
    support: {
      limit: 'Vous avez utilisé tous vos soutiens.',
      final: 'Votre soutien est définitif.',
      closed: 'Les soutiens sont clos.',
      refused: 'Votre soutien n’a pas été enregistré. Vous avez atteint la limite autorisée.',
    },
    interest: {
      limit: 'Vous avez marqué votre intérêt pour le nombre maximal de propositions.',
      final: 'Votre marque d’intérêt est définitive.',
      closed: 'Les marques d’intérêt sont closes.',
      refused: 'Votre marque d’intérêt n’a pas été enregistrée. Vous avez atteint la limite autorisée.',
    },
    'for-against-mixed': {
      limit: 'Vous avez atteint le nombre maximal de votes.',
      final: 'Votre vote est définitif.',
      closed: 'Les votes sont clos.',
      refused: 'Votre vote n’a pas été enregistré. Vous avez atteint la limite autorisée.',
    },
  },
  en: {
    support: {
      limit: 'You have used all your supports.',
      final: 'Your support is final.',
      closed: 'Supporting is closed.',
      refused: 'Your support was not recorded. You have reached the limit.',
    },
    interest: {
      limit: 'You have marked your interest in as many proposals as allowed.',
      final: 'Your interest is final.',
      closed: 'Marking interest is closed.',
      refused: 'Your interest was not recorded. You have reached the limit.',
    },
    'for-against-mixed': {
      limit: 'You have used all your votes.',
      final: 'Your vote is final.',
      closed: 'Voting is closed.',
      refused: 'Your vote was not recorded. You have reached the limit.',
    },
  },
} as const;
/** "vote", "votes", "voter", "voting": never on a support or interest page. */
const VOTE_WORD = /\bvot(e|es|er|ing)\b/i;

describe('<pgo-vote-button> wording per vote model', () => {
  for (const lang of ['fr', 'en'] as const) {
    for (const model of ['support', 'interest', 'for-against-mixed'] as const) {
      const texts = TEXTS[lang][model];
      const noVote = (el: PgoVoteButton) => model !== 'for-against-mixed' && expect(allText(el)).to.not.match(VOTE_WORD);

      it(`${model} (${lang}): the limit reached, sending nothing from the keyboard`, async () => {
        const { el: limited, backend: used } = await mount(model, lang, { votesPerParticipant: 1 }, undefined, true);
        expect(shadowText(limited, '#reason')).to.equal(texts.limit);
        voteButton(limited).focus();
        await sendKeys({ press: 'Enter' });
        await limited.updateComplete;
        expect(used.calls.filter((c) => c.method === 'vote')).to.have.length(0);
        noVote(limited);
        await expect(limited).to.be.accessible();
      });

      it(`${model} (${lang}): final, then refused`, async () => {
        const { el } = await mount(model, lang, { voteWithdrawal: false });
        voteButton(el).click();
        await waitUntil(() => shadowText(el, '#reason') === texts.final, `final reads “${shadowText(el, '#reason')}”`);
        noVote(el);
        const other = await mount(model, lang);
        other.backend.failNext('vote', 'limit-reached');
        voteButton(other.el).click();
        await waitUntil(() => other.el.shadowRoot!.querySelector('[role="alert"]'), 'no refusal shown');
        expect(shadowText(other.el, '[role="alert"]')).to.equal(texts.refused);
        noVote(other.el);
        await expect(other.el).to.be.accessible();
      });

      it(`${model} (${lang}): closed`, async () => {
        const { el } = await mount(model, lang, {}, 'after');
        expect(shadowText(el, '#reason')).to.equal(texts.closed);
        noVote(el);
      });
    }
  }
});

// Every vote control names its proposal (issue #18): checked in the engine's own accessibility tree.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../../test-utils/wait.js';
import { html } from 'lit';
import type { ConsultationSettings } from '../../core/schemas.js';
import { expectInTree } from '../../test-utils/a11y-tree.js';
import { memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider } from '../../test-utils/mount.js';
import type { PgoProposalList } from '../proposal-list/proposal-list.js';
import type { PgoVoteButton } from './vote-button.js';

const CONSULTATION = 'plan-action-2017';
const P1 = 'Créer des budgets participatifs dans chaque département';

async function mount(settings: Partial<ConsultationSettings> = {}, lang = 'fr') {
  const { backend } = memoryBackendFixture({ settings });
  const { el } = await mountInProvider<PgoVoteButton>(backend, CONSULTATION, html`<pgo-vote-button proposal="p1"></pgo-vote-button>`, {
    lang,
  });
  await waitUntil(() => el.shadowRoot!.querySelector('button.vote'), 'the vote button did not render');
  await el.updateComplete;
  return { el, backend };
}

const voteButtons = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.vote')];

describe('<pgo-vote-button> names its proposal', () => {
  it('support: a standalone button given only an id fetches the title through the backend and names it', async () => {
    const { el, backend } = await mount();
    await expectInTree(voteButtons(el)[0]!, { role: 'button', name: `Soutenir « ${P1} » (0 soutien)` });
    expect(backend.calls.filter((c) => c.method === 'getProposal')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('support, in English', async () => {
    const { el } = await mount({}, 'en');
    await expectInTree(voteButtons(el)[0]!, { role: 'button', name: `Support “${P1}” (0 supports)` });
  });

  it('for-against-mixed: each of the three buttons carries the title', async () => {
    const { el } = await mount({ voteModel: 'for-against-mixed' });
    const names = [`D’accord « ${P1} » (0 vote)`, `Mitigé « ${P1} » (0 vote)`, `Pas d’accord « ${P1} » (0 vote)`];
    for (const [i, b] of voteButtons(el).entries()) await expectInTree(b, { role: 'button', name: names[i]! });
  });

  it('interest', async () => {
    const { el } = await mount({ voteModel: 'interest' });
    await expectInTree(voteButtons(el)[0]!, { role: 'button', name: `Ça m’intéresse « ${P1} » (0 personne intéressée)` });
  });

  it('in a list, each button says which proposal it is for', async () => {
    const { backend } = memoryBackendFixture({ proposals: 3 });
    const { el } = await mountInProvider<PgoProposalList>(backend, CONSULTATION, html`<pgo-proposal-list></pgo-proposal-list>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('pgo-vote-button').length === 3, 'the list did not render');
    const inner = [...el.shadowRoot!.querySelectorAll<PgoVoteButton>('pgo-vote-button')];
    await waitUntil(() => inner.every((b) => b.shadowRoot?.querySelector('button.vote')));
    for (const b of inner) {
      const title = b.data!.title;
      await expectInTree(voteButtons(b)[0]!, { role: 'button', name: `Soutenir « ${title} » (0 soutien)` });
    }
  });

  it('a button added by id after a list seeded its tally still fetches and names the title', async () => {
    const { backend } = memoryBackendFixture({ proposals: 3 });
    const { el: list, provider } = await mountInProvider<PgoProposalList>(
      backend,
      CONSULTATION,
      html`<pgo-proposal-list></pgo-proposal-list>`,
    );
    await waitUntil(() => provider.session!.votes.tallyOf('p1'), 'the list did not seed the tallies');
    const featured = document.createElement('pgo-vote-button') as PgoVoteButton;
    featured.proposal = 'p1';
    list.after(featured);
    await waitUntil(
      () => featured.shadowRoot?.querySelector('button.vote') && featured.shadowRoot.textContent!.includes(P1),
      'the title never came',
    );
    await expectInTree(voteButtons(featured)[0]!, { role: 'button', name: `Soutenir « ${P1} » (0 soutien)` });
  });
});

import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { waitUntil } from '../../test-utils/wait.js';
import { memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import type { PgoVoteButton } from '../vote-button/vote-button.js';
import type { PgoProposalList } from './proposal-list.js';

// Issue 23: live changes reach the list in place (the session's stream; memory backend "from another window").
const CONSULTATION = 'plan-action-2017';

async function mount(lang = 'fr') {
  const { backend } = memoryBackendFixture({ proposals: 4 });
  const { el, provider } = await mountInProvider<PgoProposalList>(backend, CONSULTATION, html`<pgo-proposal-list></pgo-proposal-list>`, {
    lang,
  });
  await waitUntil(() => el.shadowRoot!.querySelectorAll('li.item').length === 4, 'the list did not load');
  await waitUntil(() => provider.session!.live.lastId !== null, 'the stream did not get ready');
  return { el, backend, session: provider.session! };
}

const rows = (el: PgoProposalList) => [...el.shadowRoot!.querySelectorAll<HTMLLIElement>('li.item')];
const countOf = (button: PgoVoteButton) => button.shadowRoot!.querySelector('[part="count"] [aria-hidden="true"]')?.textContent?.trim();
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<pgo-proposal-list> live', () => {
  it('moves a count in place when someone else votes: same rows, same focus', async () => {
    const { el, backend, session } = await mount();
    const before = rows(el);
    const first = before[0]!.querySelector<PgoVoteButton>('pgo-vote-button')!;
    await waitUntil(() => countOf(first) !== undefined, 'no count shown');
    const id = first.proposal;
    const shown = Number(countOf(first));
    const focused = el.shadowRoot!.querySelectorAll<HTMLElement>('article')[1]!;
    focused.focus();
    backend.voteFrom('another-window', id, 'support');
    await waitUntil(() => Number(countOf(first)) === shown + 1, 'the count did not move');
    expect(rows(el)).to.deep.equal(before, 'the rows were not re-rendered');
    expect(deepActive()).to.equal(focused);
    expect(session.live.mode).to.equal('stream');
  });

  it('announces new proposals politely, never inserts them under the reader, and shows them on request', async () => {
    const { el, backend } = await mount();
    const before = rows(el);
    const focused = el.shadowRoot!.querySelectorAll<HTMLElement>('article')[2]!;
    focused.focus();
    const template = await backend.getProposal(CONSULTATION, 'p1');
    const now = new Date().toISOString();
    backend.publishFrom({ ...template, id: 'p-new-1', title: 'Une proposition publiée ailleurs', createdAt: now });
    backend.publishFrom({ ...template, id: 'p-new-2', title: 'Une autre proposition publiée ailleurs', createdAt: now });
    const status = () => el.shadowRoot!.querySelector('.live-status')!;
    expect(status().getAttribute('role')).to.equal('status');
    await waitUntil(() => status().textContent!.trim() === '2 nouvelles propositions publiées', 'not announced');
    expect(rows(el)).to.deep.equal(before, 'nothing inserted');
    expect(deepActive()).to.equal(focused, 'focus stays');
    await expect(el).to.be.accessible();
    // A tally does not change what is announced.
    backend.voteFrom('another-window', 'p2', 'support');
    await el.updateComplete;
    expect(status().textContent!.trim()).to.equal('2 nouvelles propositions publiées');
    const show = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="show-new"]')!;
    expect(show.textContent!.trim()).to.equal('Afficher les 2 nouvelles propositions');
    show.click();
    await waitUntil(
      () => rows(el).some((r) => r.textContent!.includes('Une proposition publiée ailleurs')),
      'the new proposals were not shown',
    );
    await waitUntil(() => status().textContent!.trim() === '', 'the announcement stayed');
    expect(el.shadowRoot!.querySelector('[part~="show-new"]')).to.equal(null);
    await waitUntil(() => deepActive()?.tagName === 'ARTICLE', 'focus did not go to the list');
  });

  it('moves a comment count in place when someone comments elsewhere: same rows, same focus, nothing announced', async () => {
    const { el, backend } = await mount();
    const before = rows(el);
    const button = () => before[1]!.querySelector<HTMLButtonElement>('[part~="comments"]')!;
    await waitUntil(() => !!before[1]!.querySelector('[part~="comments"]'), 'no comment count shown');
    const id = before[1]!.querySelector<PgoVoteButton>('pgo-vote-button')!.proposal;
    const focused = el.shadowRoot!.querySelectorAll<HTMLElement>('article')[0]!;
    focused.focus();
    const shown = button();
    // Someone else's comment is published: the stream says how many there are now.
    backend.live.emit(CONSULTATION, { type: 'count', target: `proposal:${id}`, kind: 'comment', count: 7 });
    await waitUntil(() => shown.textContent!.trim() === '7 commentaires', `the count did not move: ${shown.textContent}`);
    expect(button()).to.equal(shown, 'the same button, updated in place');
    expect(rows(el)).to.deep.equal(before, 'the rows were not re-rendered');
    expect(deepActive()).to.equal(focused);
    expect(el.shadowRoot!.querySelector('.live-status')!.textContent!.trim()).to.equal('', 'a count is not announced');
  });

  it('speaks English', async () => {
    const { el, backend } = await mount('en');
    const template = await backend.getProposal(CONSULTATION, 'p1');
    backend.publishFrom({ ...template, id: 'p-new-en', createdAt: new Date().toISOString() });
    await waitUntil(() => shadowText(el, '.live-status') === '1 new proposal published', 'not announced in English');
    expect(shadowText(el, '[part~="show-new"]')).to.equal('Show the new proposal');
  });
});

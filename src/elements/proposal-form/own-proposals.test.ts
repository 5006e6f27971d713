/**
 * The participant's own proposals under the form (issue 19): their moderation status, the moderators' reason while
 * hidden, followed live when a moderator decides (the memory backend's stream says `mine`, as the server's does).
 */
import { forgetDrafts } from '../../test-utils/storage.js';
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { waitUntil } from '../../test-utils/wait.js';
import { memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import type { PgoProposalForm } from './proposal-form.js';

async function mount(lang = 'fr', backend = memoryBackendFixture({ settings: { moderation: 'pre' } }).backend) {
  const { el } = await mountInProvider<PgoProposalForm>(backend, 'plan-action-2017', html`<pgo-proposal-form></pgo-proposal-form>`, {
    lang,
  });
  return { el, backend };
}

const mine = (el: PgoProposalForm) => el.shadowRoot!.querySelector<HTMLElement>('[part="mine"]');
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

const clearDrafts = () => forgetDrafts('proposal');

async function propose(el: PgoProposalForm, title: string) {
  const set = (name: string, value: string | boolean) => {
    const input = el.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    if (typeof value === 'boolean') input.checked = value;
    else input.value = value;
    input.dispatchEvent(new Event(typeof value === 'boolean' || input.tagName === 'SELECT' ? 'change' : 'input'));
    input.dispatchEvent(new Event('blur'));
  };
  set('title', title);
  set('body', 'Chaque collectivité publie son budget voté dans un format ouvert et réutilisable.');
  set('categoryId', 'donnees');
  set('consent', true);
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
  await waitUntil(() => el.shadowRoot!.querySelector('[part="success"]'), 'the proposal was not sent');
}

describe('<pgo-proposal-form>: the participant’s own proposals and their moderation status', () => {
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  it('shows nothing before the participant has proposed anything', async () => {
    const { el, backend } = await mount();
    await waitUntil(() => backend.calls.some((c) => c.method === 'listMyContributions'), 'never asked for the list');
    await el.updateComplete;
    expect(mine(el)).to.equal(null);
  });

  it('lists a sent proposal as awaiting moderation, then follows the decision live, with the reason while hidden', async () => {
    const { el, backend } = await mount();
    await propose(el, 'Publier les budgets en données ouvertes');
    await waitUntil(() => mine(el), 'no list of one’s proposals after sending');
    expect(text(mine(el))).to.equal('Vos propositions Publier les budgets en données ouvertes — en attente de modération');
    expect(mine(el)!.getAttribute('aria-label')).to.equal('Vos propositions');
    await expect(el).to.be.accessible();
    const id = [...backend.proposals.keys()].at(-1)!;
    backend.hide(id, 'Doublon de « Ouvrir les budgets » <img src=x onerror="window.pwned=1">');
    await waitUntil(() => mine(el)?.querySelector('[data-status="hidden"]'), 'the hide decision never reached the list');
    expect(text(mine(el)!.querySelector('li'))).to.equal(
      'Publier les budgets en données ouvertes — masquée par la modération Motif : Doublon de « Ouvrir les budgets » <img src=x onerror="window.pwned=1">',
    );
    expect(mine(el)!.querySelector('img')).to.equal(null, 'the reason is shown as text');
    await expect(el).to.be.accessible();
    backend.approve(id, 'Relu');
    await waitUntil(() => mine(el)?.querySelector('[data-status="published"]'), 'the restore never reached the list');
    expect(text(mine(el)!.querySelector('li'))).to.equal('Publier les budgets en données ouvertes — publiée');
    expect(shadowText(el)).not.to.contain('Relu');
  });

  it('lists on load what the participant sent before this page was opened, and the hidden one’s reason', async () => {
    const { backend } = memoryBackendFixture({ settings: { moderation: 'pre' } });
    const draft = (title: string) => ({
      title,
      body: 'Chaque collectivité publie son budget voté dans un format ouvert et réutilisable.',
      categoryId: 'donnees',
      consent: true,
    });
    const kept = await backend.createProposal('plan-action-2017', draft('Ouvrir les marchés publics'), { idempotencyKey: 'k-1' });
    const refused = await backend.createProposal('plan-action-2017', draft('Une idée hors sujet'), { idempotencyKey: 'k-2' });
    backend.approve(kept.proposal.id, 'Relu');
    backend.hide(refused.proposal.id, 'Hors du champ de la consultation');
    const { el } = await mount('fr', backend);
    await waitUntil(() => mine(el)?.querySelectorAll('li').length === 2, 'the earlier proposals are not listed');
    const lines = [...mine(el)!.querySelectorAll('li')].map((li) => text(li)).sort();
    expect(lines).to.deep.equal([
      'Ouvrir les marchés publics — publiée',
      'Une idée hors sujet — masquée par la modération Motif : Hors du champ de la consultation',
    ]);
    expect(shadowText(el)).not.to.contain('Relu');
    await expect(el).to.be.accessible();
  });

  it('speaks English', async () => {
    const { el, backend } = await mount('en');
    await propose(el, 'Open the budgets of every town');
    await waitUntil(() => mine(el), 'no list of one’s proposals after sending');
    expect(text(mine(el))).to.equal('Your proposals Open the budgets of every town — awaiting moderation');
    backend.hide([...backend.proposals.keys()].at(-1)!, 'Duplicate');
    await waitUntil(() => mine(el)?.querySelector('[data-status="hidden"]'), 'the decision never reached the list');
    expect(text(mine(el)!.querySelector('li'))).to.equal('Open the budgets of every town — hidden by the moderators Reason: Duplicate');
  });
});

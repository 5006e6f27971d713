// Elements of one session learn of the page's own writes at once, through the session (issue #18):
// a proposal published from the form appears in the list on the same page, and a registration's seat
// count shows on every card of that event, with no reload and no extra request.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../test-utils/wait.js';
import { html } from 'lit';
import type { PgoEventCard } from '../elements/event-card/event-card.js';
import type { PgoProposalForm } from '../elements/proposal-form/proposal-form.js';
import type { PgoProposalList } from '../elements/proposal-list/proposal-list.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../test-utils/mount.js';

const C = 'plan-action-2017';

function fill(root: ShadowRoot, name: string, value: string | boolean) {
  const input = root.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  if (typeof value === 'boolean') input.checked = value;
  else input.value = value;
  input.dispatchEvent(new Event(typeof value === 'boolean' || input.tagName === 'SELECT' ? 'change' : 'input'));
}

describe('the page’s own writes reach every element of the session', () => {
  it('a proposal confirmed as published appears at once at the top of the list on the same page', async () => {
    const { backend } = memoryBackendFixture({ proposals: 3 });
    const { provider } = await mountInProvider<HTMLElement>(
      backend,
      C,
      html`<div><pgo-proposal-form></pgo-proposal-form><pgo-proposal-list></pgo-proposal-list></div>`,
    );
    const form = provider.querySelector<PgoProposalForm>('pgo-proposal-form')!;
    const list = provider.querySelector<PgoProposalList>('pgo-proposal-list')!;
    await waitUntil(
      () => list.shadowRoot!.querySelectorAll('li.item').length === 3 && form.shadowRoot!.querySelector('[name="title"]'),
      'the widgets did not render',
    );
    const listed = backend.calls.filter((c) => c.method === 'listProposals').length;
    const root = form.shadowRoot!;
    fill(root, 'title', 'Des bancs publics devant chaque mairie annexe');
    fill(root, 'body', 'Des bancs pour attendre à l’ombre devant chaque mairie annexe, pensés avec les habitants.');
    fill(root, 'categoryId', 'participation');
    fill(root, 'consent', true);
    root.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await waitUntil(() => root.querySelector('.success'), 'the proposal was not sent');
    await waitUntil(() => list.shadowRoot!.querySelectorAll('li.item').length === 4, 'the list did not show the new proposal');
    expect(shadowText(list, 'li.item [part="title"]')).to.equal('Des bancs publics devant chaque mairie annexe');
    expect(backend.calls.filter((c) => c.method === 'listProposals').length, 'learned through the session, not refetched').to.equal(listed);
    await expect(list).to.be.accessible();
  });

  it('a proposal awaiting moderation does not appear in the list', async () => {
    const { backend } = memoryBackendFixture({ proposals: 2, settings: { moderation: 'pre' } });
    const { provider } = await mountInProvider<HTMLElement>(
      backend,
      C,
      html`<div><pgo-proposal-form></pgo-proposal-form><pgo-proposal-list></pgo-proposal-list></div>`,
    );
    const form = provider.querySelector<PgoProposalForm>('pgo-proposal-form')!;
    const list = provider.querySelector<PgoProposalList>('pgo-proposal-list')!;
    await waitUntil(() => list.shadowRoot!.querySelectorAll('li.item').length === 2 && form.shadowRoot!.querySelector('[name="title"]'));
    const root = form.shadowRoot!;
    fill(root, 'title', 'Une proposition en attente de modération');
    fill(root, 'body', 'Elle ne doit pas apparaître tant que la modération ne l’a pas publiée, même ici.');
    fill(root, 'categoryId', 'participation');
    fill(root, 'consent', true);
    root.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await waitUntil(() => root.querySelector('.success'));
    await list.updateComplete;
    expect(list.shadowRoot!.querySelectorAll('li.item').length).to.equal(2);
  });

  it('a registration’s seat count shows at once on another card of the same event', async () => {
    const { backend } = memoryBackendFixture({ events: 1 });
    const { provider } = await mountInProvider<HTMLElement>(
      backend,
      C,
      html`<div><pgo-event-card event="e0"></pgo-event-card><pgo-event-card event="e0"></pgo-event-card></div>`,
    );
    const [first, second] = [...provider.querySelectorAll<PgoEventCard>('pgo-event-card')] as [PgoEventCard, PgoEventCard];
    await waitUntil(() => shadowText(first, '[part="seats"]') && shadowText(second, '[part="seats"]'), 'the cards did not load');
    expect(shadowText(second, '[part="seats"]')).to.equal('30 places restantes sur 30.');
    const fetched = backend.calls.filter((c) => c.method === 'getEvent').length;
    first.shadowRoot!.querySelector<HTMLButtonElement>('[part~="register"]')!.click();
    await first.updateComplete;
    const root = first.shadowRoot!;
    fill(root, 'name', 'Dominique Martin');
    fill(root, 'email', 'dominique.martin@example.fr');
    fill(root, 'consent', true);
    root.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await waitUntil(() => shadowText(first, '[part="seats"]') === '29 places restantes sur 30.', 'the registering card did not update');
    await waitUntil(() => shadowText(second, '[part="seats"]') === '29 places restantes sur 30.', 'the other card did not learn of it');
    expect(backend.calls.filter((c) => c.method === 'getEvent').length, 'no refetch').to.equal(fetched);
  });
});

// Issue #18 items of the event card: reading order when a compact card opens, regions named after
// their event (checked in the engine's accessibility tree).
import { expect } from '@open-wc/testing';
import { waitUntil } from '../../test-utils/wait.js';
import { html } from 'lit';
import { eventFixture, memoryBackendFixture } from '../../test-utils/fixtures.js';
import { expectInTree } from '../../test-utils/a11y-tree.js';
import { mountInProvider } from '../../test-utils/mount.js';
import type { PgoEventCard } from './event-card.js';

async function mountCompact(count = 1) {
  const { backend } = memoryBackendFixture({ events: 0 });
  const events = Array.from({ length: count }, (_, i) => eventFixture('plan-action-2017', i * 2, Date.now()));
  for (const e of events) backend.events.set(e.id, e);
  const { provider } = await mountInProvider<HTMLElement>(
    backend,
    'plan-action-2017',
    html`<div>${events.map((e) => html`<pgo-event-card compact .event=${e}></pgo-event-card>`)}</div>`,
  );
  const cards = [...provider.querySelectorAll<PgoEventCard>('pgo-event-card')];
  await waitUntil(() => cards.every((c) => c.shadowRoot?.querySelector('[part~="toggle"]')), 'the cards did not render');
  return { cards, events };
}

async function open(card: PgoEventCard) {
  card.shadowRoot!.querySelector<HTMLButtonElement>('[part~="toggle"]')!.click();
  await card.updateComplete;
}

describe('<pgo-event-card> reading order and regions', () => {
  it('opening a compact card puts the place and organiser after the button that opened it', async () => {
    const {
      cards: [card],
    } = await mountCompact();
    await open(card!);
    const root = card!.shadowRoot!;
    const toggle = root.querySelector('[part~="toggle"]')!;
    for (const part of ['address', 'organiser', 'description']) {
      const revealed = root.querySelector(`[part~="${part}"]`)!;
      expect(revealed, part).to.exist;
      expect(toggle.compareDocumentPosition(revealed) & Node.DOCUMENT_POSITION_FOLLOWING, `${part} comes after the toggle`).to.not.equal(0);
    }
    // What was there before opening stays before the button.
    expect(root.querySelector('[part~="when"]')!.compareDocumentPosition(toggle) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    await expect(card).to.be.accessible();
  });

  it('each opened card’s registration region is named after its event', async () => {
    const { cards, events } = await mountCompact(2);
    for (const card of cards) await open(card);
    for (const [i, card] of cards.entries()) {
      const region = card.shadowRoot!.querySelector('[part~="registration"]')!;
      await expectInTree(region, { role: 'region', name: `Inscription : ${events[i]!.title}` });
    }
  });
});

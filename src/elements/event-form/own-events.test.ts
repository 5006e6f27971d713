/**
 * The events a participant proposed, under the event form (issue 19): their moderation status, the moderators'
 * reason while hidden, followed live when a moderator decides (the memory backend's stream says `mine`).
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import type { EventProposal } from '../../core/schemas.js';
import { waitUntil } from '../../test-utils/wait.js';
import { memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider } from '../../test-utils/mount.js';
import type { PgoEventForm } from './event-form.js';

const DAY = 86_400_000;
const mine = (el: PgoEventForm) => el.shadowRoot!.querySelector<HTMLElement>('[part="mine"]');
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

function proposal(now: number, title: string): EventProposal {
  return {
    title,
    format: 'atelier-relais',
    description: 'Un atelier ouvert à toutes et à tous pour nourrir la consultation.',
    startsAt: new Date(now + 5 * DAY).toISOString(),
    endsAt: new Date(now + 5 * DAY + 7_200_000).toISOString(),
    timeZone: 'Europe/Paris',
    mode: 'online',
    onlineUrl: 'https://visio.example.fr/atelier',
    organiserName: 'Association Exemple',
    organiserEmail: 'contact@association.example.fr',
    consent: true,
  };
}

describe('<pgo-event-form>: the events one proposed and their moderation status', () => {
  it('shows nothing to a participant who proposed none', async () => {
    const { backend } = memoryBackendFixture();
    const { el } = await mountInProvider<PgoEventForm>(backend, 'plan-action-2017', html`<pgo-event-form></pgo-event-form>`);
    await waitUntil(() => backend.calls.some((c) => c.method === 'listMyContributions'), 'never asked for the list');
    await el.updateComplete;
    expect(mine(el)).to.equal(null);
  });

  it('lists them with their status and the reason while hidden, and follows a decision live', async () => {
    const { backend, now } = memoryBackendFixture();
    const sent = await backend.proposeEvent('plan-action-2017', proposal(now, 'Atelier <b>au marché</b>'), { idempotencyKey: 'e-1' });
    backend.hide(sent.event.id, 'Date déjà prise <img src=x onerror="window.pwned=1">');
    const { el } = await mountInProvider<PgoEventForm>(backend, 'plan-action-2017', html`<pgo-event-form></pgo-event-form>`);
    await waitUntil(() => mine(el), 'the proposed event is not listed');
    expect(text(mine(el))).to.equal(
      'Vos événements proposés Atelier <b>au marché</b> — masqué par la modération Motif : Date déjà prise <img src=x onerror="window.pwned=1">',
    );
    expect(mine(el)!.querySelector('img, b')).to.equal(null, 'title and reason are shown as text');
    await expect(el).to.be.accessible();
    backend.approve(sent.event.id, 'Relu');
    await waitUntil(() => mine(el)?.querySelector('[data-status="published"]'), 'the decision never reached the list');
    expect(text(mine(el)!.querySelector('li'))).to.equal('Atelier <b>au marché</b> — publié');
  });

  it('speaks English', async () => {
    const { backend, now } = memoryBackendFixture();
    await backend.proposeEvent('plan-action-2017', proposal(now, 'Workshop at the market'), { idempotencyKey: 'e-2' });
    const { el } = await mountInProvider<PgoEventForm>(backend, 'plan-action-2017', html`<pgo-event-form></pgo-event-form>`, {
      lang: 'en',
    });
    await waitUntil(() => mine(el), 'the proposed event is not listed');
    expect(text(mine(el))).to.equal('Events you proposed Workshop at the market — awaiting moderation');
  });
});

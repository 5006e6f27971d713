/**
 * Issue 19: a phase moved in the console while a page is open is followed by the countdown (the organiser's save
 * records a live `consultation` change; the memory backend's `moveConsultation` sends the same to open streams).
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { MemoryBackend } from '../../backends/memory.js';
import { DAY } from '../../core/phase.js';
import { actionPlanConsultation, iso } from '../../test-utils/fixtures.js';
import { mountInProvider, restorePageVisibility, setPageVisibility, shadowText } from '../../test-utils/mount.js';
import { waitUntil } from '../../test-utils/wait.js';
import type { PgoPhaseCountdown } from './phase-countdown.js';

describe('<pgo-phase-countdown> follows a phase moved while the page is open', () => {
  beforeEach(() => setPageVisibility('visible'));
  afterEach(() => restorePageVisibility());

  it('shows the new end date and time left without a reload', async () => {
    const now = Date.now();
    const consultation = actionPlanConsultation(now, 'ideation');
    const backend = new MemoryBackend({ consultations: [consultation] });
    const { el } = await mountInProvider<PgoPhaseCountdown>(backend, consultation.id, html`<pgo-phase-countdown></pgo-phase-countdown>`);
    const deadline = () => el.shadowRoot!.querySelector('[part="deadline"] time')?.getAttribute('datetime');
    const before = deadline()!;
    expect(before).to.equal(consultation.phases[0]!.endsAt);
    await waitUntil(() => backend.live.streams === 1, 'the page has no live stream');
    const later = iso(Date.parse(before) + 7 * DAY);
    backend.moveConsultation(consultation.id, (c) => {
      c.phases[0]!.endsAt = later;
      c.phases[1]!.startsAt = iso(Date.parse(c.phases[1]!.startsAt) + 7 * DAY);
    });
    await waitUntil(() => deadline() === later, 'the countdown still shows the old end date');
    expect(shadowText(el, '[part="heading"]')).to.contain('Idéation');
    await expect(el).to.be.accessible();
  });
});

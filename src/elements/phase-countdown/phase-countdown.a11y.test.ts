// Issue #18: a phase that closes at midnight says which day is its last ("jusqu'au 19 décembre inclus"),
// not the day it has already closed on.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../../test-utils/wait.js';
import { html } from 'lit';
import { MemoryBackend } from '../../backends/memory.js';
import { actionPlanConsultation } from '../../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import type { PgoPhaseCountdown } from './phase-countdown.js';

async function mount(lang: string, endsAt: string) {
  const consultation = actionPlanConsultation(Date.now(), 'ideation');
  const [first, second] = consultation.phases;
  consultation.phases = [
    { ...first!, startsAt: '2026-11-20T00:00:00+01:00', endsAt },
    { ...second!, startsAt: '2027-01-10T00:00:00+01:00', endsAt: '2027-02-10T18:00:00+01:00' },
  ];
  const { el } = await mountInProvider<PgoPhaseCountdown>(
    new MemoryBackend({ consultations: [consultation] }),
    consultation.id,
    html`<pgo-phase-countdown></pgo-phase-countdown>`,
    { lang },
  );
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="timeline"]'), 'no timeline');
  return el;
}

describe('<pgo-phase-countdown> phase end dates', () => {
  it('a phase closing at midnight ends “au 19 décembre inclus”', async () => {
    const el = await mount('fr', '2026-12-20T00:00:00+01:00');
    const first = shadowText(el, '[part~="phase"] .phase-dates');
    expect(first).to.equal('du 20 novembre 2026 au 19 décembre 2026 inclus');
    // A phase closing at another time says the day it closes on, as before.
    expect(shadowText(el, '[part~="phase"]:nth-child(2) .phase-dates')).to.equal('du 10 janvier 2027 au 10 février 2027');
  });

  it('in English: “to December 19, 2026 inclusive”', async () => {
    const el = await mount('en', '2026-12-20T00:00:00+01:00');
    expect(shadowText(el, '[part~="phase"] .phase-dates')).to.equal('from November 20, 2026 to December 19, 2026 inclusive');
  });
});

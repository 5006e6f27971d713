// Issue 22: a past relay workshop's card shows its published report and links to its contributions.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { expectInTree } from '../../test-utils/a11y-tree.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import { waitUntil } from '../../test-utils/wait.js';
import { PAST, fileCantineReport, workshopBackend } from '../../test-utils/workshop-fixture.js';
import type { PgoEventCard } from './event-card.js';

const C = 'plan-action-2017';

describe('<pgo-event-card> of a past relay workshop', () => {
  it('shows its published report, the room support apart, and links to its contributions', async () => {
    const { backend, heldOn } = workshopBackend();
    const { report } = await fileCantineReport(backend, heldOn, 'r');
    const { el } = await mountInProvider<PgoEventCard>(
      backend,
      C,
      html`<pgo-event-card event=${PAST} contributions-url="https://ville.example.fr/propositions"></pgo-event-card>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="title"]'), 'the card did not render');
    expect(el.shadowRoot!.querySelector('[part~="report"]'), 'no report while it awaits moderation').to.equal(null);
    el.remove();

    backend.approve(report.id);
    const again = await mountInProvider<PgoEventCard>(
      backend,
      C,
      html`<pgo-event-card event=${PAST} contributions-url="https://ville.example.fr/propositions"></pgo-event-card>`,
    );
    await waitUntil(() => again.el.shadowRoot!.querySelector('[part~="report"]'), 'the report did not show');
    const text = shadowText(again.el, '[part~="report"]');
    expect(text)
      .to.contain('21 personnes')
      .and.contain('Centre social des Pentes')
      .and.contain('Ouvrir les données des cantines · 12 soutiens dans la salle');
    const link = again.el.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="report-link"]')!;
    expect(link.href).to.equal(`https://ville.example.fr/propositions?workshop=${PAST}`);
    await expectInTree(again.el.shadowRoot!.querySelector('[part~="report"]')!, { role: 'region', name: 'Compte rendu de l’atelier' });
    await expect(again.el).to.be.accessible();
  });
});

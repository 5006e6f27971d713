/**
 * A relay workshop's amendment row, once its report is approved, is an amendment of the text (issues 22 and
 * 21): `<pgo-text>` shows it in its section signed by the workshop ("Atelier-relais : <event>, <town>"), the
 * support counted in the room apart from the votes, and takes votes on it like any other.
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { newIdempotencyKey } from '../../core/backend.js';
import { expectInTree } from '../../test-utils/a11y-tree.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import { actionPlanDocument } from '../../test-utils/text-fixture.js';
import { waitUntil } from '../../test-utils/wait.js';
import { PAST, workshopBackend } from '../../test-utils/workshop-fixture.js';
import '../../define/text.js';
import type { PgoText } from '../text/text.js';

const C = 'plan-action-2017';
const XSS = '<img src=x onerror="window.__pgoXss=1">';

describe('<pgo-text> with a relay workshop’s amendment', () => {
  it('shows it in its section with the workshop as origin, the room’s support apart, votable; accessible', async () => {
    const { backend, heldOn } = workshopBackend({ position: 'redaction' });
    backend.documents.seed(actionPlanDocument(C, ['redaction'], false));
    backend.events.get(PAST)!.title = `Atelier-relais des Pentes ${XSS}`;
    const receipt = await backend.submitWorkshopReport!(
      C,
      PAST,
      {
        heldOn,
        attendees: 24,
        summary: 'Trois tables, deux heures de débat, une restitution commune.',
        consent: true,
        contributions: [
          {
            kind: 'amendment',
            sectionId: 's-2',
            title: 'Publier les marchés chaque mois',
            body: 'Publier chaque mois en données ouvertes les marchés publics de l’État et des collectivités.',
            roomSupport: 17,
          },
        ],
      },
      { idempotencyKey: newIdempotencyKey() },
    );
    backend.approve(receipt.report.id);
    const { el } = await mountInProvider<PgoText>(backend, C, html`<pgo-text document="plan-2017"></pgo-text>`, { lang: 'fr' });
    const $ = <T extends HTMLElement>(selector: string) => el.shadowRoot!.querySelector<T>(selector);
    await waitUntil(() => $('[part~="toggle"]'), 'no amendments to show');
    const toggle = $<HTMLButtonElement>('[part~="toggle"]')!;
    expect(toggle.textContent).to.contain('1');
    toggle.click();
    const selector = `[data-amendment="${receipt.report.contributions[0]!.amendmentId}"]`;
    await waitUntil(() => $(selector), 'the workshop’s amendment is not shown');
    const article = $(selector)!;
    await el.updateComplete;
    const said = shadowText(el, selector);
    expect(said).to.contain(`Atelier-relais : Atelier-relais des Pentes ${XSS}, Lyon`);
    expect(said).to.contain('17 soutiens dans la salle, comptés à part des votes');
    expect(said).to.contain('Publier les marchés chaque mois');
    expect(article.querySelector('img'), 'the event title is text').to.equal(null);
    expect((window as { __pgoXss?: number }).__pgoXss).to.equal(undefined);
    await waitUntil(() => article.querySelector('pgo-vote-button'), 'no vote button on the workshop’s amendment');
    // Announced: the amendment's heading names the workshop.
    const heading = article.querySelector<HTMLElement>('h1, h2, h3, h4, h5, h6, [role="heading"]')!;
    const name = heading.textContent!.replace(/\s+/g, ' ').trim();
    expect(name).to.contain('Atelier-relais : Atelier-relais des Pentes');
    await expectInTree(heading, { role: 'heading', name });
    await expect(el).to.be.accessible();
  });
});

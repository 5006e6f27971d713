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
            title: `Publier les marchés chaque mois ${XSS}`,
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
    expect(said).to.contain(`Atelier-relais : Atelier-relais des Pentes, Lyon`);
    expect(said).to.contain('17 soutiens dans la salle, comptés à part des votes');
    expect(said).to.contain(`Publier les marchés chaque mois ${XSS}`);
    expect(article.querySelector('img'), 'the room’s words are text').to.equal(null);
    expect((window as { __pgoXss?: number }).__pgoXss).to.equal(undefined);
    await waitUntil(() => article.querySelector('pgo-vote-button'), 'no vote button on the workshop’s amendment');
    // Announced: voting on it names the workshop (the vote group of `<pgo-vote-button>`), and counts no room support.
    const vote = article.querySelector('pgo-vote-button')!;
    await waitUntil(() => vote.shadowRoot?.querySelector('[part~="choices"]'), 'the vote buttons did not render');
    const place = `Atelier-relais : Atelier-relais des Pentes, Lyon`;
    await expectInTree(vote.shadowRoot!.querySelector('[part~="choices"]')!, {
      role: 'group',
      name: `Votre avis sur « Modification ${place} »`,
    });
    expect(shadowText(vote), 'the room’s 17 are not votes').not.to.contain('17');
    const [listed] = await backend.documents.listAmendments(C, 'plan-2017', {});
    expect([listed!.tally.total, listed!.origin?.roomSupport]).to.deep.equal([0, 17]);
    await expect(el).to.be.accessible();
  });
});

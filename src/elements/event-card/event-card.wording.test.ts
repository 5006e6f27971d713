// Issue #18, wording: a workshop's link to its contributions says what any vote model asks ("donner votre avis"),
// not "soutenir" on a page where people vote for or against, or mark their interest.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { expectInTree } from '../../test-utils/a11y-tree.js';
import { mountInProvider } from '../../test-utils/mount.js';
import { waitUntil } from '../../test-utils/wait.js';
import { PAST, workshopBackend } from '../../test-utils/workshop-fixture.js';
import type { PgoEventCard } from './event-card.js';

const C = 'plan-action-2017';
const LINK = {
  fr: 'Voir sa contribution et donner votre avis en ligne',
  en: 'See its contribution and give your view online',
};

describe('<pgo-event-card> report link wording', () => {
  for (const [lang, voteModel] of [
    ['fr', 'for-against-mixed'],
    ['en', 'interest'],
  ] as const) {
    it(`${lang}, ${voteModel} page: the link to the workshop's contributions fits every vote model`, async () => {
      const { backend, heldOn } = workshopBackend({ settings: { voteModel } });
      const { report } = await backend.submitWorkshopReport(
        C,
        PAST,
        {
          heldOn,
          attendees: 21,
          organisations: 'Centre social des Pentes',
          summary: 'Deux heures de débat, trois tables, une restitution.',
          consent: true,
          contributions: [
            {
              title: 'Ouvrir les données des cantines',
              body: 'Publier les menus et la provenance des produits.',
              categoryId: 'donnees',
              roomSupport: 12,
            },
          ],
        },
        { idempotencyKey: `wording-${lang}` },
      );
      backend.approve(report.id);
      const { el } = await mountInProvider<PgoEventCard>(
        backend,
        C,
        html`<pgo-event-card event=${PAST} contributions-url="https://ville.example.fr/propositions"></pgo-event-card>`,
        { lang },
      );
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="report-link"]'), 'the report link did not show');
      const link = el.shadowRoot!.querySelector('[part~="report-link"]')!;
      expect(link.textContent!.trim()).not.to.match(/souten|support/i);
      await expectInTree(link, { role: 'link', name: LINK[lang] });
    });
  }
});

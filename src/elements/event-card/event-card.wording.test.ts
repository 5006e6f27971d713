// Issue #18, wording: a workshop's link to its contributions says what any vote model asks ("donner votre avis"),
// not "soutenir" on a page where people vote for or against, or mark their interest.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { expectInTree, inTree } from '../../test-utils/a11y-tree.js';
import { mountInProvider } from '../../test-utils/mount.js';
import { waitUntil } from '../../test-utils/wait.js';
import { PAST, fileCantineReport, workshopBackend } from '../../test-utils/workshop-fixture.js';
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
      const { report } = await fileCantineReport(backend, heldOn, `wording-${lang}`);
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
      // Firefox's tree follows the render a moment later: wait for it to say it (then check what it says).
      const current = () => el.shadowRoot!.querySelector('[part~="report-link"]')!;
      await waitUntil(
        async () => (await inTree(current(), { role: 'link', name: LINK[lang] })).matched,
        'the link never had that name in the tree',
      ).catch(() => {});
      await expectInTree(current(), { role: 'link', name: LINK[lang] });
    });
  }
});

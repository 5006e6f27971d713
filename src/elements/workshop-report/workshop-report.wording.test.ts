// Issue #18, wording: the room-support hint (announced as the field's description) speaks of the online count,
// not of "votes", whatever the consultation's vote model (support by default: "soutiens" everywhere else).
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { expectInTree } from '../../test-utils/a11y-tree.js';
import { setFormField } from '../../test-utils/form-field.js';
import { mountInProvider } from '../../test-utils/mount.js';
import { forgetDrafts } from '../../test-utils/storage.js';
import { waitUntil } from '../../test-utils/wait.js';
import { PAST, workshopBackend } from '../../test-utils/workshop-fixture.js';
import type { PgoWorkshopReport } from './workshop-report.js';

const HINT = {
  fr: {
    label: 'Soutiens dans la salle (contribution 1)',
    hint: 'Comptés pendant l’atelier : affichés à part, jamais ajoutés au décompte en ligne.',
  },
  en: { label: 'Support in the room (contribution 1)', hint: 'Counted during the workshop: shown apart, never added to the online count.' },
};

describe('<pgo-workshop-report> wording', () => {
  beforeEach(() => forgetDrafts('workshop-report'));
  afterEach(() => forgetDrafts('workshop-report'));

  for (const lang of ['fr', 'en'] as const) {
    it(`${lang}: the room-support field's description names the online count, never votes`, async () => {
      const { backend, heldOn } = workshopBackend();
      const { el } = await mountInProvider<PgoWorkshopReport>(
        backend,
        'plan-action-2017',
        html`<pgo-workshop-report event=${PAST}></pgo-workshop-report>`,
        {
          lang,
        },
      );
      await waitUntil(() => el.shadowRoot!.querySelector('[name="heldOn"]'), 'the report form did not render');
      await setFormField(el, 'heldOn', heldOn);
      await setFormField(el, 'attendees', '24');
      await setFormField(el, 'organisations', 'Centre social des Pentes');
      await setFormField(el, 'summary', 'Trois tables, deux heures de débat, une restitution commune.');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="next"]')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('[name="contributions.0.roomSupport"]'), 'the contributions step did not show');
      const field = el.shadowRoot!.querySelector<HTMLInputElement>('[name="contributions.0.roomSupport"]')!;
      const described = (field.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => el.shadowRoot!.getElementById(id)?.textContent?.trim() ?? '')
        .join(' ');
      expect(described).to.equal(HINT[lang].hint);
      expect(described).not.to.match(/\bvot/i);
      // A number field: a spin button, which WebKit's WebDriver calls a text box.
      const webkit = !/Chrome|Firefox/.test(navigator.userAgent);
      const answer = await expectInTree(field, { role: webkit ? 'textbox' : 'spinbutton', name: HINT[lang].label });
      // Chromium's tree gives the description it announces.
      if (answer.actual?.description !== undefined) expect(answer.actual.description).to.equal(HINT[lang].hint);
    });
  }
});

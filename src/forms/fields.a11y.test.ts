// Issue #18: a required consent box is exposed as required, and names keep the space before
// "(obligatoire)" (checked in the engine's accessibility tree). The space is a no-break one: engines
// trim ordinary spaces at the edges of each text node when they build a name.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../test-utils/wait.js';
import { html } from 'lit';
import type { PgoProposalForm } from '../elements/proposal-form/proposal-form.js';
import { expectInTree, firefoxStates } from '../test-utils/a11y-tree.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';
import { mountInProvider } from '../test-utils/mount.js';

const FIREFOX = navigator.userAgent.includes('Firefox');
const CONSENT_TEXT = 'J’accepte que ma contribution soit publiée sous licence ouverte et traitée pour les besoins de la consultation.';

async function mount() {
  const { backend } = memoryBackendFixture();
  const { el } = await mountInProvider<PgoProposalForm>(backend, 'plan-action-2017', html`<pgo-proposal-form></pgo-proposal-form>`);
  await waitUntil(() => el.shadowRoot!.querySelector('[name="consent"]'), 'the form did not render');
  return el;
}

describe('form fields in the accessibility tree', () => {
  it('a required field’s name keeps the space before “(obligatoire)”', async () => {
    const el = await mount();
    await expectInTree(el.shadowRoot!.querySelector('[name="title"]')!, {
      role: 'textbox',
      name: 'Titre de votre proposition\u00a0(obligatoire)',
    });
  });

  it('the required consent checkbox is exposed as required, and not as invalid before anything was done', async () => {
    const el = await mount();
    const consent = el.shadowRoot!.querySelector<HTMLInputElement>('[name="consent"]')!;
    // The name says "(obligatoire)" in every engine's tree: Chromium follows ARIA 1.2, where checkboxes do not
    // take the required state (its tree leaves it off whatever the markup, aria-required included), so the name
    // is what carries it there.
    const answer = await expectInTree(consent, {
      role: 'checkbox',
      name: `${CONSENT_TEXT}\u00a0(obligatoire)`,
    });
    expect(answer.matched).to.equal(true);
    // aria-required, which Firefox exposes as the required state (read from its accessibility service below).
    // Native `required` made Chromium and Firefox announce an untouched, unchecked box as an "invalid entry"
    // (:invalid; Firefox even under aria-invalid="false"): the box is invalid only once the form shows an error.
    expect(consent.getAttribute('aria-required'), 'aria-required').to.equal('true');
    const node = { role: 'checkbox', name: `${CONSENT_TEXT}\u00a0(obligatoire)` };
    if (answer.actual?.invalid !== undefined) expect(answer.actual.invalid, 'invalid state in the tree before any input').to.equal('false');
    // Firefox: its accessibility service's own states (what a screen reader reads).
    const states = await firefoxStates(node);
    if (FIREFOX) expect(states).to.include({ required: true, invalid: false });
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => consent.getAttribute('aria-invalid') === 'true', 'the box was not marked invalid after a failed submit');
    const after = await expectInTree(consent, node);
    if (after.actual?.invalid !== undefined) expect(after.actual.invalid, 'invalid state after a failed submit').to.equal('true');
    const statesAfter = await firefoxStates(node);
    if (FIREFOX) expect(statesAfter).to.include({ required: true, invalid: true });
  });
});

// Issue #18: a required consent box is exposed as required, and names keep the space before
// "(obligatoire)" (checked in the engine's accessibility tree). The space is a no-break one: engines
// trim ordinary spaces at the edges of each text node when they build a name.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../test-utils/wait.js';
import { html } from 'lit';
import type { PgoProposalForm } from '../elements/proposal-form/proposal-form.js';
import { expectInTree } from '../test-utils/a11y-tree.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';
import { mountInProvider } from '../test-utils/mount.js';

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

  it('the required consent checkbox is exposed as required', async () => {
    const el = await mount();
    const consent = el.shadowRoot!.querySelector<HTMLInputElement>('[name="consent"]')!;
    const answer = await expectInTree(consent, {
      role: 'checkbox',
      name: consent.labels![0]!.textContent!.replace(/[ \n\t]+/g, ' ').trim(),
    });
    expect(answer.matched).to.equal(true);
    // Native `required` (the forms are novalidate: our own messages, not the browser's bubbles), which
    // Firefox and WebKit expose as the required state. Chromium’s DevTools tree leaves "required"
    // off checkboxes whatever the markup (aria-required too), so it is read from the DOM here.
    expect(consent.required, 'required').to.equal(true);
  });
});

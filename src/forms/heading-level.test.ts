// Issue #18: headings fit the host page's outline: a `heading-level` attribute on every element that has
// headings (forms' error summary and success message, the agenda's days), with sensible defaults.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../test-utils/wait.js';
import { html } from 'lit';
import type { PgoEventList } from '../elements/event-list/event-list.js';
import type { PgoProposalForm } from '../elements/proposal-form/proposal-form.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';
import { mountInProvider } from '../test-utils/mount.js';

const level = (el: Element | null) => el?.localName.match(/^h([1-6])$/)?.[1] ?? el?.getAttribute('aria-level') ?? null;

async function failedSubmit(template = html`<pgo-proposal-form heading-level="3"></pgo-proposal-form>`) {
  const { backend } = memoryBackendFixture();
  const { el } = await mountInProvider<PgoProposalForm>(backend, 'plan-action-2017', template);
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="submit"]'));
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
  await waitUntil(() => el.shadowRoot!.querySelector('.error-summary'), 'no error summary');
  return el;
}

describe('heading-level', () => {
  it('the proposal form’s error summary heading takes heading-level', async () => {
    const el = await failedSubmit();
    const title = el.shadowRoot!.querySelector('.error-summary__title');
    expect(level(title)).to.equal('3');
  });

  it('without the attribute the forms keep level 2', async () => {
    const el = await failedSubmit(html`<pgo-proposal-form></pgo-proposal-form>`);
    expect(level(el.shadowRoot!.querySelector('.error-summary__title'))).to.equal('2');
  });

  it('the agenda’s day headings default to level 3 (under the page’s own h2), cards to 4', async () => {
    const { backend } = memoryBackendFixture({ events: 2 });
    const { el } = await mountInProvider<PgoEventList>(backend, 'plan-action-2017', html`<pgo-event-list></pgo-event-list>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="day-heading"]'), 'no day');
    expect(level(el.shadowRoot!.querySelector('[part~="day-heading"]'))).to.equal('3');
    expect((el.shadowRoot!.querySelector('pgo-event-card') as unknown as { headingLevel: number }).headingLevel).to.equal(4);
  });
});

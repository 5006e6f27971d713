import { expect } from '@open-wc/testing';
import { waitUntil } from '../test-utils/wait.js';
import { html } from 'lit';
import type { PgoElement } from './pgo-element.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../test-utils/mount.js';

/** Every pgo element under `root`, including those inside other elements' shadow roots. */
function pgoElements(root: ParentNode): PgoElement[] {
  return [...root.querySelectorAll('*')].flatMap((el) => [
    ...(el.localName.startsWith('pgo-') ? [el as PgoElement] : []),
    ...(el.shadowRoot ? pgoElements(el.shadowRoot) : []),
  ]);
}

async function settled(root: ParentNode): Promise<void> {
  await Promise.all(pgoElements(root).map((el) => el.updateComplete));
}

describe('language changes on an ancestor', () => {
  afterEach(() => {
    document.documentElement.lang = 'en';
  });

  it('reach every element inside <pgo-consultation> at once, vote buttons in the list included', async () => {
    const { backend } = memoryBackendFixture({ proposals: 2 });
    const { provider } = await mountInProvider(
      backend,
      'plan-action-2017',
      html`
      <pgo-phase-countdown></pgo-phase-countdown><pgo-proposal-list></pgo-proposal-list><pgo-proposal-form></pgo-proposal-form>`,
    );
    const [countdown, list, form] = [...provider.children] as PgoElement[];
    await waitUntil(() => shadowText(countdown).includes('Phase en cours') && shadowText(list).includes('Rechercher'), 'French first');
    expect(shadowText(form)).to.include('Envoyer ma proposition');

    provider.lang = 'en';
    // The page's lang observer starts once the page is idle (src/base/locale.ts): wait for the change, not a task.
    await waitUntil(() => shadowText(countdown).includes('Open now'), 'English after provider.lang');
    await settled(provider);
    expect(shadowText(countdown)).to.include('Open now');
    expect(shadowText(list)).to.include('Search');
    expect(shadowText(form)).to.include('Send my proposal');
    const buttons = pgoElements(list.shadowRoot!).filter((el) => el.localName === 'pgo-vote-button');
    expect(buttons.length).to.be.greaterThan(0);
    for (const button of buttons) expect(shadowText(button)).to.include('Support').and.not.include('Soutenir');
  });

  it('on <html lang> reach elements that have no lang of their own', async () => {
    document.documentElement.lang = 'fr';
    const { backend } = memoryBackendFixture({ proposals: 1 });
    const { provider } = await mountInProvider(backend, 'plan-action-2017', html`<pgo-phase-countdown></pgo-phase-countdown>`);
    provider.removeAttribute('lang');
    await settled(provider);
    const countdown = provider.firstElementChild as PgoElement;
    expect(shadowText(countdown)).to.include('Phase en cours');

    document.documentElement.lang = 'en';
    await waitUntil(() => shadowText(countdown).includes('Open now'), 'English after <html lang>');
  });
});

// Alone in its file: the first element of the page starts the page's lang observer, once the page is idle.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { waitUntil } from '../test-utils/wait.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../test-utils/mount.js';
import type { PgoElement } from './pgo-element.js';

describe('the lang observer, started after start-up', () => {
  it('an ancestor’s lang changed before it starts still reaches the elements (they catch up)', async () => {
    const { backend } = memoryBackendFixture({ proposals: 1 });
    const { provider } = await mountInProvider(backend, 'plan-action-2017', html`<pgo-phase-countdown></pgo-phase-countdown>`);
    const countdown = provider.firstElementChild as PgoElement;
    await waitUntil(() => shadowText(countdown).includes('Phase en cours'), 'French first');
    // Right after the first render, in the same task: the observer (idle callback) has not started yet.
    provider.lang = 'en';
    await waitUntil(() => shadowText(countdown).includes('Open now'), 'English once the observer starts');
    expect(countdown.locale).to.equal('en');
  });
});

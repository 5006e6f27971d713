// Focus rings keep 3:1 against what is behind them in every theme (issue #18, WCAG 1.4.11):
// measured on the rendered colours of every focusable control of several widgets.
import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { focusPage } from '../test-utils/a11y-tree.js';
import { focusables, focusRing } from '../test-utils/focus-ring.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';
import { mountInProvider } from '../test-utils/mount.js';

const THEMES = { default: null, dark: '/wordpress/pgo-widgets/assets/themes/dark.css', dsfr: '/wordpress/pgo-widgets/assets/themes/dsfr.css' } as const;

describe('focus ring contrast in every theme', () => {
  let style: HTMLStyleElement | null = null;
  afterEach(() => {
    style?.remove();
    style = null;
    document.body.style.removeProperty('background');
  });

  for (const [name, href] of Object.entries(THEMES)) {
    it(`${name} theme: every focusable control's ring has 3:1 against its background`, async () => {
      if (href) {
        style = document.createElement('style');
        style.textContent = await (await fetch(href)).text();
        document.head.append(style);
      }
      const weak = await weakRings();
      expect(weak, 'rings under 3:1').to.deep.equal([]);
    });
  }

  it('the measure catches a weak ring (the demo’s former #e2b23a on white: 1.97:1)', async () => {
    style = document.createElement('style');
    style.textContent = 'pgo-consultation { --pgo-color-focus: #e2b23a }';
    document.head.append(style);
    const weak = await weakRings();
    expect(weak.length).to.be.greaterThan(10);
    expect(weak[0]).to.match(/rgb\(226, 178, 58\) on rgb\(255, 255, 255\): 1\.97/);
  });
});

/** Mounts a vote button, a proposal form and an agenda, focuses every control, lists the rings under 3:1. */
async function weakRings(): Promise<string[]> {
  const { backend } = memoryBackendFixture({ events: 2 });
  const { provider } = await mountInProvider<HTMLElement>(backend, 'plan-action-2017', html`<div>
    <pgo-vote-button proposal="p1"></pgo-vote-button><pgo-proposal-form></pgo-proposal-form><pgo-event-list></pgo-event-list></div>`);
  // The host page of a theme has the theme's background.
  document.body.style.background = getComputedStyle(provider).getPropertyValue('--pgo-color-background').trim() || '#ffffff';
  await waitUntil(() => provider.querySelector('pgo-event-list')!.shadowRoot!.querySelector('pgo-event-card') && provider.querySelector('pgo-vote-button')!.shadowRoot!.querySelector('button.vote'), 'the widgets did not render');
  const controls = focusables(provider);
  expect(controls.length).to.be.greaterThan(10);
  const weak: string[] = [];
  for (const control of controls) {
    await focusPage();
    control.focus();
    expect(control.matches(':focus-visible'), `${control.localName} shows its focus`).to.equal(true);
    const ring = focusRing(control);
    if (!(ring.ratio >= 3)) weak.push(`${ring.element} ${ring.ring} on ${ring.background}: ${ring.ratio.toFixed(2)}`);
  }
  return weak;
}

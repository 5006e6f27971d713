import { expect } from '@open-wc/testing';
import { waitUntil } from './test-utils/wait.js';
import { VERSION } from './core/version.js';

// Loads the built one-file CDN bundle (npm test builds it first), as a webmaster's page would (the
// loader, pgo-widgets.js, is tried on host pages by test/suites/hostile.mjs).
describe('the CDN bundle', () => {
  it('can be loaded twice on one page without an exception or a warning', async () => {
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message);
    window.addEventListener('error', onError);
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...a: unknown[]) => warnings.push(a);
    try {
      const bundle = '/dist/cdn/pgo-widgets-all.js';
      await import(`${bundle}?copy=1`);
      await import(`${bundle}?copy=2`);
      expect(customElements.get('pgo-phase-countdown')).to.exist;
      expect(customElements.get('pgo-consultation')).to.exist;
      expect(errors).to.deep.equal([]);
      expect(warnings).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      console.warn = warn;
    }
  });

  // The CDN build compiles Lit's field decorators to the createProperty calls they make (scripts/decorators-plugin.mjs).
  it('declares its elements’ reactive properties: attributes reach properties, reflected ones reflect, states stay inside', async () => {
    const bundle = '/dist/cdn/pgo-widgets-all.js';
    await import(`${bundle}?copy=1`);
    type Countdown = HTMLElement & { compact: boolean; hideTimeline: boolean; updateComplete: Promise<boolean> };
    const el = document.createElement('pgo-phase-countdown') as Countdown;
    el.setAttribute('hide-timeline', '');
    expect(el.hideTimeline).to.equal(true);
    el.compact = true;
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(el.hasAttribute('compact')).to.equal(true);
      const declared = (customElements.get('pgo-phase-countdown') as unknown as { elementProperties: Map<string, object> })
        .elementProperties;
      expect(declared.get('compact')).to.include({ type: Boolean, reflect: true });
      expect(declared.get('announcement')).to.include({ state: true, attribute: false });
    } finally {
      el.remove();
    }
  });

  it('warns once, naming both versions, when a second copy claims another version', async () => {
    const source = await (await fetch('/dist/cdn/pgo-widgets-all.js')).text();
    expect(source).to.contain(`"${VERSION}"`);
    const other = source.replaceAll(`"${VERSION}"`, '"9.9.9"');
    const url = URL.createObjectURL(new Blob([other], { type: 'text/javascript' }));
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (m: string) => warnings.push(String(m));
    try {
      await import(/* @vite-ignore */ url);
      await waitUntil(() => warnings.length > 0, 'no warning');
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('9.9.9').and.to.contain(VERSION);
    } finally {
      console.warn = warn;
    }
  });
});

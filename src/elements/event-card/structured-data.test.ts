import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from '../../test-utils/wait.js';
import { html } from 'lit';
import { eventFixture, memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider } from '../../test-utils/mount.js';
import type { PgoEventCard } from './event-card.js';
import { syncJsonLd } from './structured-data.js';

// This file's page enforces Trusted Types for scripts, as a strict host page would.
const violations: string[] = [];
before(() => {
  document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.sample}`));
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = "require-trusted-types-for 'script'";
  document.head.append(meta);
});

describe("JSON-LD under require-trusted-types-for 'script'", () => {
  it('is enforced on this page: a plain string cannot become script text', () => {
    const script = document.createElement('script');
    expect(() => {
      script.text = '{}';
    }).to.throw(TypeError);
  });

  it('writes the JSON through the pgo-widgets-jsonld policy, with < escaped', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    syncJsonLd(host, { name: '</script><img src=x onerror=alert(1)>' });
    const script = host.querySelector('script')!;
    expect(script.type).to.equal('application/ld+json');
    expect(script.textContent).to.equal('{"name":"\\u003c/script>\\u003cimg src=x onerror=alert(1)>"}');
    expect(JSON.parse(script.textContent!).name).to.equal('</script><img src=x onerror=alert(1)>');
    syncJsonLd(host, { name: 'b' });
    expect(host.querySelectorAll('script')).to.have.length(1);
    expect(JSON.parse(host.querySelector('script')!.textContent!).name).to.equal('b');
    syncJsonLd(host, null);
    expect(host.querySelector('script')).to.equal(null);
  });

  it('lets a card render and publish its event with no violation', async () => {
    violations.length = 0; // the first test's refused string
    const { backend } = memoryBackendFixture({ events: 0 });
    const event = eventFixture('plan-action-2017', 0, Date.now());
    const { el } = await mountInProvider<PgoEventCard>(
      backend,
      'plan-action-2017',
      html`<pgo-event-card .event=${event}></pgo-event-card>`,
    );
    await waitUntil(() => el.querySelector('script[type="application/ld+json"]'));
    expect(JSON.parse(el.querySelector('script')!.textContent!).name).to.equal(event.title);
    expect(violations).to.deep.equal([]);
  });
});

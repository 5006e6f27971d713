import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { actionPlanDocument } from '../../test-utils/text-fixture.js';
import { memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider } from '../../test-utils/mount.js';
import { waitUntil } from '../../test-utils/wait.js';
import type { PgoText } from './text.js';

// Issue 23: a section's count of open amendments follows the session's stream in place (the memory
// backend's stream plays the server's `count` change; the server side is tested in server/test/live-suite.ts).
const C = 'plan-action-2017';

async function mount(lang = 'fr') {
  const { backend } = memoryBackendFixture({ position: 'redaction', proposals: 0, events: 0 });
  backend.documents.seed(actionPlanDocument(C, ['redaction'], true));
  const { el, provider } = await mountInProvider<PgoText>(backend, C, html`<pgo-text document="plan-2017"></pgo-text>`, { lang });
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="toc"]'), 'the text did not load');
  await waitUntil(() => provider.session!.live.lastId !== null, 'the stream did not get ready');
  return { el, backend };
}
const tocItem = (el: PgoText, section: string) => el.shadowRoot!.querySelector(`.toc a[href="#plan-2017:${section}"]`)!.closest('li')!;
const sectionOf = (el: PgoText, section: string) =>
  el.shadowRoot!.querySelector(`[id="plan-2017:${section}"]`)!.closest<HTMLElement>('[part~="section"]')!;
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();

describe('<pgo-text> live', () => {
  it('moves a section’s open-amendment count in place when the stream counts it: same nodes, same focus, not announced', async () => {
    const { el, backend } = await mount();
    const item = tocItem(el, 's-5');
    const section = sectionOf(el, 's-5');
    expect(text(item)).to.contain('(1 amendement en cours)');
    const link = item.querySelector('a')!;
    link.focus();
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    const said = status.textContent;
    backend.live.emit(C, { type: 'count', kind: 'amendment', target: 'section:plan-2017/s-5', count: 3 });
    await waitUntil(() => text(item).includes('(3 amendements en cours)'), 'the table of contents did not follow');
    expect(text(section.querySelector('[part~="toggle"]')!)).to.contain('3 amendements en cours');
    expect(tocItem(el, 's-5')).to.equal(item, 'the same entry, updated in place');
    expect(sectionOf(el, 's-5')).to.equal(section, 'the same section, updated in place');
    expect(el.shadowRoot!.activeElement).to.equal(link, 'focus stays');
    expect(status.textContent).to.equal(said, 'a count is not announced');
    // A section without amendments loaded shows the live count too; another document's count changes nothing here.
    backend.live.emit(C, { type: 'count', kind: 'amendment', target: 'section:plan-2017/s-3', count: 2 });
    backend.live.emit(C, { type: 'count', kind: 'amendment', target: 'section:autre-texte/s-5', count: 9 });
    await waitUntil(() => text(sectionOf(el, 's-3')).includes('2 amendements en cours'), 'the empty section did not follow');
    expect(text(item)).to.contain('(3 amendements en cours)');
    backend.live.emit(C, { type: 'count', kind: 'amendment', target: 'section:plan-2017/s-5', count: 0 });
    await waitUntil(() => !text(item).includes('amendement'), 'a count back to zero is not shown in the table of contents');
    await expect(el).to.be.accessible();
  });

  it('in English', async () => {
    const { el, backend } = await mount('en');
    backend.live.emit(C, { type: 'count', kind: 'amendment', target: 'section:plan-2017/s-5', count: 4 });
    await waitUntil(() => text(tocItem(el, 's-5')).includes('(4 open amendments)'), 'the English count did not follow');
  });
});

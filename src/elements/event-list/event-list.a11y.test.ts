// Issue #18 items of the agenda: filter controls styled like the other forms, with 44 px targets.
import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider } from '../../test-utils/mount.js';
import type { PgoEventList } from './event-list.js';

const C = 'plan-action-2017';

async function mount(template = html`<pgo-event-list></pgo-event-list>`) {
  const { backend } = memoryBackendFixture({ events: 3 });
  const { el, provider } = await mountInProvider<PgoEventList>(backend, C, template);
  await waitUntil(() => el.shadowRoot!.querySelector('pgo-event-card'), 'the agenda did not load');
  await el.updateComplete;
  return { el, provider, backend };
}

describe('<pgo-event-list> filters look and size', () => {
  it('every filter control has the forms’ text size, border and a 44 px target', async () => {
    const { el } = await mount();
    const controls = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="filters"] input, [part~="filters"] select')];
    expect(controls).to.have.length(5);
    const text = parseFloat(getComputedStyle(el.shadowRoot!.querySelector('label')!).fontSize);
    for (const control of controls) {
      const style = getComputedStyle(control);
      const box = control.getBoundingClientRect();
      expect(parseFloat(style.fontSize), `${control.id} text size`).to.equal(text);
      expect(box.height, `${control.id} height`).to.be.at.least(44);
      expect(parseFloat(style.borderTopWidth), `${control.id} border`).to.equal(2);
    }
    await expect(el).to.be.accessible();
  });
});

// Issue #18 items of the agenda: filter controls styled like the other forms, with 44 px targets.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../../test-utils/wait.js';
import { html } from 'lit';
import { memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider } from '../../test-utils/mount.js';
import type { PgoProposalList } from '../proposal-list/proposal-list.js';
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

describe('<pgo-proposal-list> selects', () => {
  it('arrowing through “Trier par” and “Catégorie” on a closed select asks once, for the value it settles on', async () => {
    const { backend } = memoryBackendFixture({ proposals: 6 });
    const { el } = await mountInProvider<PgoProposalList>(backend, C, html`<pgo-proposal-list></pgo-proposal-list>`);
    const list = el;
    await waitUntil(() => el.shadowRoot!.querySelectorAll('li.item').length === 6, 'the list did not load');
    const lists = () =>
      backend.calls.filter((c) => c.method === 'listProposals').map((c) => c.args[1] as { categoryId?: string; sort?: string });
    const before = lists().length;
    const [category, sort] = [...el.shadowRoot!.querySelectorAll<HTMLSelectElement>('select')] as [HTMLSelectElement, HTMLSelectElement];
    // What a closed select does in Chromium on Windows and Linux: one change event per arrow key.
    for (const option of [...category.options].slice(1)) {
      category.value = option.value;
      category.dispatchEvent(new Event('change'));
      await list.updateComplete; // each key press is rendered before the next
    }
    await waitUntil(() => lists().length > before, 'the list never reloaded');
    await waitUntil(() => !el.shadowRoot!.querySelector('[aria-busy="true"]'));
    expect(lists().slice(before), 'one request').to.have.length(1);
    expect(lists().at(-1)!.categoryId).to.equal(category.options[category.options.length - 1]!.value);
    const afterCategory = lists().length;
    sort.value = 'most-supported';
    sort.dispatchEvent(new Event('change'));
    await list.updateComplete;
    sort.value = 'random';
    sort.dispatchEvent(new Event('change'));
    await waitUntil(() => lists().length > afterCategory, 'the order never applied');
    expect(lists().slice(afterCategory), 'one request').to.have.length(1);
    expect(lists().at(-1)!.sort).to.equal('random');
  });
});

describe('<pgo-proposal-list> wording follows the vote model', () => {
  for (const [model, label] of [
    ['support', 'Les plus soutenues'],
    ['for-against-mixed', 'Les plus votées'],
    ['interest', 'Celles qui intéressent le plus'],
  ] as const) {
    it(`${model}: the order by count reads “${label}”`, async () => {
      const { backend } = memoryBackendFixture({ proposals: 2, settings: { voteModel: model } });
      const { el } = await mountInProvider<HTMLElement>(backend, C, html`<pgo-proposal-list></pgo-proposal-list>`);
      await waitUntil(() => el.shadowRoot!.querySelector('select[name="sort"] option[value="most-supported"]'), 'no sort select');
      expect(el.shadowRoot!.querySelector('select[name="sort"] option[value="most-supported"]')!.textContent!.trim()).to.equal(label);
    });
  }
});

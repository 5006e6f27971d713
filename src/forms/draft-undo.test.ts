// "Effacer le brouillon" can be undone (issue 18): the discarded text, its saved copy and its idempotency key
// come back with "Annuler l’effacement", until the citizen types something new. Both forms, by mouse and keyboard.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { MemoryBackend } from '../backends/memory.js';
import { expectInTree } from '../test-utils/a11y-tree.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../test-utils/mount.js';
import { waitUntil } from '../test-utils/wait.js';
import '../define/proposal-form.js';
import '../define/event-form.js';

type Form = HTMLElement & { updateComplete: Promise<unknown> };

async function mount(tag: 'proposal' | 'event', lang = 'fr', backend?: MemoryBackend) {
  const used = backend ?? memoryBackendFixture({ events: 0 }).backend;
  const template = tag === 'proposal' ? html`<pgo-proposal-form></pgo-proposal-form>` : html`<pgo-event-form></pgo-event-form>`;
  const { el } = await mountInProvider<Form>(used, 'plan-action-2017', template, { lang });
  return { el, backend: used };
}
const $ = <T extends HTMLElement = HTMLElement>(el: Form, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const control = (el: Form, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`)!;
const focused = (el: Form) => el.shadowRoot!.activeElement;
// This file's forms only: another test file may hold a draft of its own on this origin at the same time.
const drafts = () => Object.keys(localStorage).filter((k) => k.startsWith('pgo-draft:proposal|') || k.startsWith('pgo-draft:event|'));
function type(el: Form, name: string, value: string) {
  const input = control(el, name);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
}
/** A form with a restored draft: typed, the element re-created (as after a reload). */
async function withRestoredDraft(tag: 'proposal' | 'event', lang = 'fr') {
  const first = await mount(tag, lang);
  type(first.el, 'title', 'Une idée à ne pas perdre');
  if (tag === 'proposal') type(first.el, 'body', 'Trois mille caractères que le citoyen a mis une heure à écrire.');
  first.el.remove();
  const { el, backend } = await mount(tag, lang, first.backend);
  await waitUntil(() => $(el, '[part~="discard"]'), 'no restored draft');
  return { el, backend, key: drafts()[0]!, stored: localStorage.getItem(drafts()[0]!)! };
}

describe('undo after "Effacer le brouillon"', () => {
  const clear = () => drafts().forEach((k) => localStorage.removeItem(k));
  beforeEach(clear);
  afterEach(clear);

  for (const tag of ['proposal', 'event'] as const) {
    it(`brings the ${tag} draft back, saved again with its idempotency key`, async () => {
      const { el, key, stored } = await withRestoredDraft(tag);
      $(el, '[part~="discard"]')!.click();
      await waitUntil(() => control(el, 'title').value === '', 'the draft was not discarded');
      expect(drafts()).to.deep.equal([]);
      expect(shadowText(el, '[part="announcer"]')).to.equal('Brouillon effacé. Vous pouvez encore annuler l’effacement.');
      expect(shadowText(el, '[part="draft-discarded"] p')).to.equal('Brouillon effacé.');
      const undo = $<HTMLButtonElement>(el, '[part~="undo"]')!;
      await expectInTree(undo, { role: 'button', name: 'Annuler l’effacement' });
      await expect(el).to.be.accessible();
      undo.click();
      await waitUntil(() => control(el, 'title').value === 'Une idée à ne pas perdre', 'the draft did not come back');
      expect(JSON.parse(localStorage.getItem(key)!).key).to.equal(JSON.parse(stored).key);
      expect(JSON.parse(localStorage.getItem(key)!).values).to.deep.equal(JSON.parse(stored).values);
      expect(shadowText(el, '[part="announcer"]')).to.equal('Brouillon rétabli.');
      expect($(el, '[part~="undo"]')).to.equal(null);
      expect($(el, '[part~="discard"]')).to.exist;
      await waitUntil(() => focused(el) === control(el, 'title'), 'focus did not go to the first field');
    });
  }

  it('is reached with the keyboard, just before the first field, and works with Enter', async () => {
    const { el } = await withRestoredDraft('proposal');
    $(el, '[part~="discard"]')!.click();
    await waitUntil(() => focused(el) === control(el, 'title'), 'focus did not go to the first field');
    // Tab from a button before the form (Firefox over BiDi drops the Shift of Shift+Tab: never tab backwards).
    const before = document.createElement('button');
    before.textContent = 'avant';
    el.before(before);
    before.focus();
    const seen: (Element | null)[] = [];
    for (let i = 0; i < 10 && focused(el) !== $(el, '[part~="undo"]'); i++) {
      await sendKeys({ press: 'Tab' });
      seen.push(focused(el));
    }
    expect(focused(el)).to.equal($(el, '[part~="undo"]'));
    expect(seen).to.not.include(control(el, 'title'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => control(el, 'title').value === 'Une idée à ne pas perdre', 'the draft did not come back');
    before.remove();
  });

  it('is withdrawn once the citizen types something new (undo would overwrite it)', async () => {
    const { el } = await withRestoredDraft('proposal');
    $(el, '[part~="discard"]')!.click();
    await waitUntil(() => $(el, '[part~="undo"]'), 'no undo offered');
    type(el, 'title', 'Autre chose');
    await el.updateComplete;
    expect($(el, '[part~="undo"]')).to.equal(null);
    expect(control(el, 'title').value).to.equal('Autre chose');
  });

  it('speaks English', async () => {
    const { el } = await withRestoredDraft('event', 'en');
    $(el, '[part~="discard"]')!.click();
    await waitUntil(() => $(el, '[part~="undo"]'), 'no undo offered');
    expect(shadowText(el, '[part="announcer"]')).to.equal('Draft discarded. You can still undo this.');
    await expectInTree($(el, '[part~="undo"]')!, { role: 'button', name: 'Undo discard' });
  });
});

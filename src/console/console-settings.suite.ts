/**
 * The console's settings editor against a real reference server (test/console-server.mjs), by keyboard, axe in
 * every state, in each engine: editing, moderation per kind of contribution, an unsaved edit kept across a reload.
 * A file of its own so that each file stays within the runner's time limit on a loaded machine.
 */
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { expect } from '@open-wc/testing';
import { waitUntil } from '../test-utils/wait.js';
import './index.js';
import type { PgoConsole } from './console-app.js';
import { deep, deepActive, mountConsole, startConsoleServer, tabTo, text } from './console-test-kit.js';

/** Saves the settings by keyboard (Tab to the submit button, Enter) and waits for the editor to announce the save. */
async function saveByKeyboard(editor: Element): Promise<void> {
  await tabTo((a) => a.getAttribute('type') === 'submit', 'Save the settings', 200);
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => /Settings saved \(revision \d+\)/.test(text(deep(editor, '[part="announcer"]'))), 'not saved', {
    timeout: 20_000,
  });
}

describe('<pgo-console> settings by keyboard, against the reference server', function () {
  this.timeout(180_000);
  let el: PgoConsole;

  /** Opens the Settings section by keyboard and waits for the editor to show `ready` (a selector in its shadow root). */
  const openSettings = async (ready: string, what: string) => {
    await tabTo((a) => a.textContent?.trim() === 'Settings', 'the Settings section', 60, true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deep(el, 'pgo-consultation-editor', ready), what, { timeout: 20_000 });
    return deep(el, 'pgo-consultation-editor')!;
  };

  before(async () => {
    const { password } = await startConsoleServer();
    // Signing in by keyboard is console.test.ts's first test; here the session starts through the API (same cookie).
    const signedIn = await fetch('/api/v1/admin/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@ville.example.fr', password }),
    });
    expect(signedIn.status).to.equal(200);
    el = await mountConsole();
  });
  after(async () => {
    el?.remove();
    await executeServerCommand('pgo-console-stop');
  });

  it('edits the consultation: an origin with a path is refused on its field, then a new title and category are saved and served', async () => {
    const editor = await openSettings('#f-consultation-title', 'no editor');
    await expect(el).to.be.accessible();
    await tabTo((a) => a.id === 'f-consultation-title', 'the title field');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' (édité)' });
    await tabTo((a) => a.id === 'add-categories', 'Add a category', 200);
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () =>
        deepActive()
          ?.getAttribute('name')
          ?.match(/^consultation\.categories\.\d+\.title$/),
      'focus is not on the new category',
    );
    await sendKeys({ type: 'Culture' });
    await tabTo((a) => a.id === 'f-allowedOrigins', 'the origins', 200);
    await sendKeys({ press: 'End' });
    await sendKeys({ type: '\nhttps://bad.example/path' });
    await tabTo((a) => a.getAttribute('type') === 'submit', 'Save the settings', 200);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deep(editor, '#f-allowedOrigins-error'), 'no error on the origins field');
    expect(text(deep(editor, '#f-allowedOrigins-error'))).to.contain('An origin such as https://www.town.example');
    await expect(el).to.be.accessible();
    await tabTo((a) => a.id === 'f-allowedOrigins', 'the origins', 200, true);
    await sendKeys({ press: 'End' });
    for (let i = 0; i < '\nhttps://bad.example/path'.length; i++) await sendKeys({ press: 'Backspace' });
    await saveByKeyboard(editor);
    await expect(el).to.be.accessible();
    const served = (await (await fetch('/api/v1/consultations/plan-action-2017')).json()) as {
      title: string;
      categories: { title: string }[];
    };
    expect(served.title).to.match(/\(édité\)$/);
    expect(served.categories.map((c) => c.title)).to.include('Culture');
    expect(deep<HTMLAnchorElement>(el, 'pgo-consultation-transfer', 'a[download]')!.href).to.match(
      /\/api\/v1\/admin\/consultations\/plan-action-2017\/export$/,
    );
  });

  it('sets proposed events to be published at once (moderation per kind), saved and served to the server', async () => {
    const editor = await openSettings('[name="moderation.event"]', 'no editor');
    const radio = (value: string) => deep<HTMLInputElement>(editor, `[name="moderation.event"][value="${value}"]`)!;
    expect(radio('pre').checked, 'events are moderated first by default').to.equal(true);
    expect(text(radio('post').parentElement)).to.equal('Published at once, moderated after');
    // A radio group is one tab stop (the checked radio); an arrow key chooses the next option.
    await tabTo((a) => a === radio('pre'), 'the proposed events’ moderation', 200);
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => radio('post').checked, 'the arrow key did not choose “published at once”');
    await saveByKeyboard(editor);
    await expect(el).to.be.accessible();
    const stored = (await (await fetch('/api/v1/admin/consultations/plan-action-2017/settings')).json()) as {
      moderation: Record<string, string>;
    };
    expect(stored.moderation.event).to.equal('post');
    expect(stored.moderation.amendment ?? 'post', 'amendments keep their default').to.equal('post');
  });

  it('keeps an unsaved edit of the settings across a reload, then saving clears it', async () => {
    const KEY = 'pgo-draft:console-settings|plan-action-2017';
    localStorage.removeItem(KEY);
    await tabTo((a) => a.textContent?.trim() === 'Settings', 'the Settings section', 60, true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deep(el, 'pgo-consultation-editor', '#f-consultation-title'), 'no editor', { timeout: 20_000 });
    await tabTo((a) => a.id === 'f-consultation-title', 'the title field');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' (brouillon)' });
    await tabTo((a) => a.id === 'add-categories', 'Add a category', 200);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => /^consultation\.categories\.\d+\.title$/.test(deepActive()?.getAttribute('name') ?? ''), 'no new category');
    await sendKeys({ type: 'Mobilités' });
    await sendKeys({ press: 'Tab' });
    // What a reload finds: the draft on this device (written when the field was left; a reload's pagehide writes it too).
    await waitUntil(() => localStorage.getItem(KEY)?.includes('Mobilités'), 'the draft was not kept on the device');
    // The reload: a new console on this page, nothing kept in memory; the session cookie still signs it in.
    el.remove();
    el = await mountConsole();
    expect(deep(el, 'pgo-console-sign-in'), 'the console came back signed in').to.equal(null);
    const editor = await openSettings('[part="draft-notice"]', 'no draft restored');
    expect(deep<HTMLInputElement>(editor, '#f-consultation-title')!.value).to.match(/ \(brouillon\)$/);
    const categories = [...editor.shadowRoot!.querySelectorAll<HTMLInputElement>('[name^="consultation.categories."][name$=".title"]')];
    expect(categories.map((c) => c.value)).to.include('Mobilités');
    await expect(el).to.be.accessible();
    await saveByKeyboard(editor);
    expect(localStorage.getItem(KEY), 'a saved edit leaves no draft').to.equal(null);
    expect(deep(editor, '[part="draft-notice"]')).to.equal(null);
    const served = (await (await fetch('/api/v1/consultations/plan-action-2017')).json()) as {
      title: string;
      categories: { title: string }[];
    };
    expect(served.title).to.match(/ \(brouillon\)$/);
    expect(served.categories.map((c) => c.title)).to.include('Mobilités');
  });
});

import { forgetDrafts } from '../../test-utils/storage.js';
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { MemoryBackend } from '../../backends/memory.js';
import { expectInTree } from '../../test-utils/a11y-tree.js';
import { setFormField } from '../../test-utils/form-field.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import { waitUntil } from '../../test-utils/wait.js';
import { FUTURE, PAST, spreadsheetRows, workshopBackend } from '../../test-utils/workshop-fixture.js';
import type { PgoWorkshopReport } from './workshop-report.js';

const C = 'plan-action-2017';
const XSS = '<img src=x onerror=alert(1)>';

async function mount(options: { backend?: MemoryBackend; event?: string; lang?: string; hostKey?: string } = {}) {
  const made = workshopBackend();
  const backend = options.backend ?? made.backend;
  const { el, provider } = await mountInProvider<PgoWorkshopReport>(
    backend,
    C,
    html`<pgo-workshop-report event=${options.event ?? PAST} host-key=${options.hostKey ?? ''}></pgo-workshop-report>`,
    { lang: options.lang },
  );
  await waitUntil(() => !el.shadowRoot!.querySelector('.pgo-loading'), 'the workshop did not load');
  await el.updateComplete;
  return { el, provider, backend, heldOn: made.heldOn };
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);

const set = setFormField;

async function facts(el: PgoWorkshopReport, heldOn: string) {
  await set(el, 'heldOn', heldOn);
  await set(el, 'attendees', '24');
  await set(el, 'organisations', 'Centre social des Pentes\nAssociation Lyon Ouverte');
  await set(el, 'summary', 'Trois tables, deux heures de débat, une restitution commune.');
}
async function row(el: PgoWorkshopReport, i: number, title: string) {
  await set(el, `contributions.${i}.title`, title);
  await set(el, `contributions.${i}.body`, `Ce que la table ${i + 1} propose, rédigé ensemble pendant l’atelier.`);
  await set(el, `contributions.${i}.categoryId`, 'donnees');
  await set(el, `contributions.${i}.roomSupport`, String(10 + i));
}
const click = async (el: PgoWorkshopReport, selector: string) => {
  $<HTMLButtonElement>(el, selector)!.click();
  await el.updateComplete;
};
const clearDrafts = () => forgetDrafts('workshop-report');

describe('<pgo-workshop-report>', () => {
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  it('opens on the facts, step 1 of 3, announced as such; accessible', async () => {
    const { el } = await mount();
    expect(shadowText(el, '[part~="steps"]')).to.contain('Le déroulé');
    const title = $(el, '.step-title')!;
    await expectInTree(title, { role: 'heading', name: 'Étape 1 sur 3 : Le déroulé' });
    expect($(el, '[part~="steps"] [aria-current="step"]')!.textContent).to.equal('Le déroulé');
    await expectInTree($(el, '[part~="steps"]')!, { role: 'list', name: 'Étapes du compte rendu' });
    await expect(el).to.be.accessible();
  });

  it('keyboard only: facts, two contributions, review with consent, sent once; pgo-report-submitted', async () => {
    const { el, backend, heldOn } = await mount();
    await set(el, 'heldOn', heldOn);
    $<HTMLInputElement>(el, '[name="attendees"]')!.focus();
    await sendKeys({ type: '18' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Centre social' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Une soirée de travail en trois tables, puis une restitution.' });
    await sendKeys({ press: 'Enter' }); // a new line in the textarea, not a submit
    $<HTMLButtonElement>(el, '[part~="next"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.step === 'contributions', 'Continue did not lead to the contributions');
    expect(el.shadowRoot!.activeElement?.classList.contains('step-title')).to.equal(true);
    // From the step's title, Tab walks the row: title, text, theme (typed ahead), support in the room, remove, add.
    const focused = () => el.shadowRoot!.activeElement?.getAttribute('name') ?? el.shadowRoot!.activeElement?.className ?? '';
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('contributions.0.title');
    await sendKeys({ type: 'Publier les budgets des communes' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Chaque commune publie son budget en données ouvertes, ligne par ligne.' });
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('contributions.0.categoryId');
    await sendKeys({ type: 'Ouvrir' });
    await waitUntil(() => el.form.values['contributions.0.categoryId'] === 'donnees', 'the theme was not chosen with the keyboard');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '12' });
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.contain('remove-row');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.contain('add-row');
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => el.shadowRoot!.activeElement?.getAttribute('name') === 'contributions.1.title',
      'the new row did not take the focus',
    );
    await sendKeys({ type: 'Un budget participatif par quartier' });
    await row(el, 1, 'Un budget participatif par quartier');
    $<HTMLButtonElement>(el, '[part~="next"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.step === 'review', 'Continue did not lead to the review');
    expect(shadowText(el, '[part~="review"]')).to.contain('Publier les budgets des communes').and.contain('2 contributions');
    $<HTMLInputElement>(el, '[name="consent"]')!.focus();
    await sendKeys({ press: ' ' });
    const sent = oneEvent(el, 'pgo-report-submitted');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    const { detail } = await sent;
    expect(detail.report.contributions.map((c: { title: string }) => c.title)).to.deep.equal([
      'Publier les budgets des communes',
      'Un budget participatif par quartier',
    ]);
    expect(backend.workshops.reports.size).to.equal(1);
    await waitUntil(() => el.shadowRoot!.activeElement?.classList.contains('success'), 'the confirmation did not take the focus');
    await expect(el).to.be.accessible();
  });

  it('refuses to continue with two contributions of the same title, saying which, focused', async () => {
    const { el, heldOn } = await mount();
    await facts(el, heldOn);
    await click(el, '[part~="next"]');
    await row(el, 0, 'Publier les budgets des communes');
    await click(el, '.add-row');
    await row(el, 1, '  publier les BUDGETS des communes ');
    await click(el, '[part~="next"]');
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('name') === 'contributions.1.title', 'the duplicate was not focused');
    expect(el.step).to.equal('contributions');
    expect(shadowText(el, '[part~="row"]:nth-of-type(2)')).to.contain('déjà celui de la contribution 1');
    await expect(el).to.be.accessible();
  });

  it('keeps the whole report on the device from the first key press; it survives closing the tab, with its key', async () => {
    const first = await mount();
    await set(first.el, 'summary', 'Le début du compte rendu');
    dispatchEvent(new Event('pagehide'));
    const stored = Object.entries(localStorage).find(([k]) => k.startsWith('pgo-draft:workshop-report|'));
    expect(stored, 'a draft is stored').to.not.equal(undefined);
    const key = JSON.parse(stored![1]).key;
    first.el.remove();
    const again = await mount({ backend: first.backend });
    expect($<HTMLTextAreaElement>(again.el, '[name="summary"]')!.value).to.equal('Le début du compte rendu');
    expect(shadowText(again.el, '[part~="draft-notice"]')).to.not.equal('');
    expect(JSON.parse(localStorage.getItem(stored![0])!).key).to.equal(key);
  });

  it('offline, it waits; back online it sends by itself, once', async () => {
    const { el, backend, heldOn } = await mount();
    await facts(el, heldOn);
    await click(el, '[part~="next"]');
    await row(el, 0, 'Publier les budgets des communes');
    await click(el, '[part~="next"]');
    await set(el, 'consent', true);
    backend.offline = true;
    dispatchEvent(new Event('offline'));
    await el.updateComplete;
    await click(el, '[part~="submit"]');
    await waitUntil(() => el.form.status === 'failed', 'the send did not fail offline');
    expect(shadowText(el, '[part~="offline"]')).to.contain('partira une seule fois');
    await expect(el).to.be.accessible();
    backend.offline = false;
    const sent = oneEvent(el, 'pgo-report-submitted');
    dispatchEvent(new Event('online'));
    await sent;
    dispatchEvent(new Event('online'));
    await el.updateComplete;
    expect(backend.workshops.reports.size).to.equal(1);
    expect(backend.calls.filter((c) => c.method === 'submitWorkshopReport').length).to.equal(2);
  });

  it('takes 60 rows pasted from a spreadsheet, announced; accessible with 60 rows', async function () {
    // Axe over 240 fields takes seconds on a loaded machine: a bound on how long a failure takes, not a timing check.
    this.timeout(120_000);
    const { el } = await mount();
    el.go('contributions');
    await el.updateComplete;
    $<HTMLDetailsElement>(el, 'details')!.open = true;
    const area = $<HTMLTextAreaElement>(el, '#paste-rows')!;
    area.value = spreadsheetRows(60);
    area.dispatchEvent(new Event('input'));
    await click(el, '[part~="paste-add"]');
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="row"]').length === 61, 'the rows were not added');
    expect(shadowText(el, '[part~="announcer"]')).to.equal('60 contributions ajoutées.');
    await click(el, '[part~="row"]:first-of-type .remove-row');
    expect(el.shadowRoot!.querySelectorAll('[part~="row"]').length).to.equal(60);
    expect($<HTMLSelectElement>(el, '[name="contributions.1.categoryId"]')!.value).to.equal('participation');
    await expect(el).to.be.accessible();
  });

  it('every other state: not started, already published, not available, refused (not the host), English', async () => {
    const early = await mount({ event: FUTURE });
    expect(shadowText(early.el, '[part~="status"]')).to.contain('pourra être déposé à partir du');
    await expect(early.el).to.be.accessible();
    early.el.remove();

    const { backend, heldOn } = workshopBackend();
    const filed = await backend.submitWorkshopReport(
      C,
      PAST,
      {
        heldOn,
        attendees: 9,
        summary: 'Un compte rendu déjà déposé et publié.',
        consent: true,
        contributions: [
          { title: 'Une proposition déjà publiée', body: 'Le texte de la proposition déjà publiée ici.', categoryId: 'donnees' },
        ],
      },
      { idempotencyKey: 'k' },
    );
    backend.approve(filed.report.id);
    const done = await mount({ backend });
    expect(shadowText(done.el, '[part~="status"]')).to.contain('déjà publié');
    done.el.remove();

    const none = workshopBackend().backend;
    none.capabilities = { ...none.capabilities, workshopReports: false };
    const off = await mount({ backend: none });
    expect(shadowText(off.el, '[part~="status"]')).to.contain('pas possibles');
    off.el.remove();

    const other = workshopBackend();
    other.backend.participantId = 'someone-else';
    const refused = await mount({ backend: other.backend, lang: 'en', hostKey: 'hl_wrong' });
    expect(shadowText(refused.el, '.step-title')).to.equal('Step 1 of 3: How it went');
    await facts(refused.el, other.heldOn);
    await click(refused.el, '[part~="next"]');
    await row(refused.el, 0, `A proposal ${XSS}`);
    await click(refused.el, '[part~="next"]');
    expect(refused.el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(shadowText(refused.el, '[part~="review"]')).to.contain(XSS);
    await set(refused.el, 'consent', true);
    await click(refused.el, '[part~="submit"]');
    await waitUntil(() => refused.el.form.status === 'failed', 'the refusal did not show');
    expect(shadowText(refused.el, '[part~="send-error"]')).to.not.equal('');
    await expect(refused.el).to.be.accessible();
  });

  it('axe in every other state: published, unavailable, no event, load error, event unknown, draft found, each step, sending', async function () {
    this.timeout(60_000);
    const check = async (el: PgoWorkshopReport, part: string, text: string) => {
      expect(shadowText(el, part), part).to.contain(text);
      await expect(el).to.be.accessible();
      el.remove();
    };
    const { backend, heldOn } = workshopBackend();
    const filed = await backend.submitWorkshopReport(
      C,
      PAST,
      {
        heldOn,
        attendees: 9,
        summary: 'Un compte rendu déjà déposé et publié.',
        consent: true,
        contributions: [
          { title: 'Une proposition déjà publiée', body: 'Le texte de la proposition déjà publiée ici.', categoryId: 'donnees' },
        ],
      },
      { idempotencyKey: 'k' },
    );
    backend.approve(filed.report.id);
    await check((await mount({ backend })).el, '[part~="status"]', 'déjà publié');

    const none = workshopBackend().backend;
    none.capabilities = { ...none.capabilities, workshopReports: false };
    await check((await mount({ backend: none })).el, '[part~="status"]', 'pas possibles');
    await check((await mount({ event: '' })).el, '[part~="status"]', 'Aucun atelier');

    const missing = workshopBackend().backend;
    missing.failNext('getEvent', 'not-found');
    await check((await mount({ backend: missing })).el, '[part~="error"]', 'L’atelier n’a pas pu être chargé');

    // A network failure while loading: the host may still write; the server checks at sending.
    const flaky = workshopBackend().backend;
    flaky.failNext('getEvent', 'network');
    const unknown = await mount({ backend: flaky });
    expect(unknown.el.shadowRoot!.querySelector('form')).to.not.equal(null);
    await check(unknown.el, '[part~="status"]', 'vérifié à l’envoi');

    const first = await mount();
    await set(first.el, 'summary', 'Le début du compte rendu');
    first.el.remove();
    const again = await mount({ backend: first.backend });
    expect(shadowText(again.el, '[part~="draft-notice"]')).to.not.equal('');
    await expect(again.el).to.be.accessible();
    again.el.remove();

    const { el, backend: held, heldOn: day } = await mount();
    await facts(el, day);
    await click(el, '[part~="next"]');
    await row(el, 0, 'Publier les budgets des communes');
    await expect(el).to.be.accessible();
    await click(el, '[part~="next"]');
    expect(el.step).to.equal('review');
    await expect(el).to.be.accessible();
    // Sent without the consent: the error summary, focused.
    await click(el, '[part~="submit"]');
    await waitUntil(() => el.shadowRoot!.activeElement?.closest('[part~="error-summary"]'), 'the error summary did not take the focus');
    await expect(el).to.be.accessible();
    await set(el, 'consent', true);
    const release = held.hold('submitWorkshopReport');
    await click(el, '[part~="submit"]');
    await waitUntil(() => el.form.busy, 'the send did not start');
    expect($(el, 'form')!.getAttribute('aria-busy')).to.equal('true');
    expect($(el, '[part~="submit"]')!.getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    release();
    await waitUntil(() => el.form.status === 'success', 'the report was not sent');
  });

  it('while the workshop loads, says so', async () => {
    const { backend } = workshopBackend();
    const release = backend.hold('getEvent');
    const { el } = await mountInProvider<PgoWorkshopReport>(backend, C, html`<pgo-workshop-report event=${PAST}></pgo-workshop-report>`);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.pgo-loading')).to.not.equal(null);
    await expect(el).to.be.accessible();
    release();
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the form did not show');
  });
});

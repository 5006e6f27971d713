import { forgetDrafts } from '../../test-utils/storage.js';
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../test-utils/wait.js';
import { html } from 'lit';
import type { MemoryBackend } from '../../backends/memory.js';
import { memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import { setFormField } from '../../test-utils/form-field.js';
import { localToInstant, type PgoEventForm } from './event-form.js';

const C = 'plan-action-2017';
const XSS = '<img src=x onerror=alert(1)>';

async function mount(options: { position?: 'ideation' | 'between' | 'after'; lang?: string; backend?: MemoryBackend } = {}) {
  const backend = options.backend ?? memoryBackendFixture({ events: 0, position: options.position }).backend;
  const { el, provider } = await mountInProvider<PgoEventForm>(backend, C, html`<pgo-event-form></pgo-event-form>`, { lang: options.lang });
  await el.updateComplete;
  return { el, provider, backend };
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const control = (el: PgoEventForm, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`)!;

/** Sets a field as the browser would after the citizen edited it and left. */
async function set(el: PgoEventForm, name: string, value: string | boolean) {
  if (name !== 'mode') return setFormField(el, name, value);
  const radio = $<HTMLInputElement>(el, `[name="mode"][value="${value}"]`)!;
  radio.checked = true;
  radio.dispatchEvent(new Event('change'));
  radio.dispatchEvent(new Event('blur'));
  await el.updateComplete;
}

async function fillValid(el: PgoEventForm, title = 'Atelier-relais : le gouvernement ouvert à Lyon') {
  await set(el, 'title', title);
  await set(el, 'description', 'Deux heures pour discuter des engagements du plan d’action.\nOuvert à toutes et tous.');
  await set(el, 'startsAt', '2027-03-28T08:00');
  await set(el, 'endsAt', '2027-03-28T12:00');
  await set(el, 'address.placeName', 'Hôtel de ville');
  await set(el, 'address.postalCode', '69001');
  await set(el, 'address.locality', 'Lyon');
  await set(el, 'capacity', '40');
  await set(el, 'organiserName', 'Association Lyon Ouverte');
  await set(el, 'organiserEmail', 'contact@lyon-ouverte.example.fr');
  await set(el, 'consent', true);
}

const labels = (el: PgoEventForm) =>
  [...el.shadowRoot!.querySelectorAll('[part~="field"] > label, [part~="field"] .checkbox label, [part~="field"] > legend')].map((l) =>
    l.textContent!.replace(/\s+/g, ' ').trim(),
  );
const clearDrafts = () => forgetDrafts('event');

describe('<pgo-event-form>', () => {
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  it('asks for everything an event needs, the format defaulting to atelier-relais, times in the named zone', async () => {
    const { el } = await mount();
    expect(labels(el)).to.deep.equal([
      'Titre de l’événement (obligatoire)',
      'Format (obligatoire)',
      'Présentation (obligatoire)',
      'Début (obligatoire)',
      'Fin (obligatoire)',
      'Participation (obligatoire)',
      'Nom du lieu',
      'Adresse',
      'Code postal',
      'Commune (obligatoire)',
      'Nombre de places',
      'Votre nom ou celui de votre structure (obligatoire)',
      'Votre adresse e-mail (obligatoire)',
      'J’accepte que cet événement soit publié après modération et que mes coordonnées servent à l’organiser. (obligatoire)',
    ]);
    expect(control(el, 'format').value).to.equal('atelier-relais');
    expect($<HTMLInputElement>(el, '[name="mode"][value="in-person"]')!.checked).to.equal(true);
    expect(control(el, 'startsAt').type).to.equal('datetime-local');
    expect(shadowText(el, '#f-startsAt-hint')).to.equal('Fuseau horaire : heure d’Europe centrale (Europe/Paris).');
    expect(control(el, 'startsAt').getAttribute('aria-describedby')).to.contain('f-startsAt-hint');
    expect(shadowText(el, '[part="group"] legend')).to.equal('Lieu');
    await expect(el).to.be.accessible();
  });

  it('asks for the place or the link the attendance mode needs', async () => {
    const { el } = await mount();
    await set(el, 'mode', 'online');
    expect($(el, '[part="group"]')).to.equal(null);
    expect(control(el, 'onlineUrl').type).to.equal('url');
    await expect(el).to.be.accessible();
    await set(el, 'mode', 'hybrid');
    expect($(el, '[part="group"]')).to.exist;
    expect(control(el, 'onlineUrl')).to.exist;
  });

  it('lists the errors in a focused summary whose links focus their fields', async () => {
    const { el, backend } = await mount();
    await set(el, 'mode', 'hybrid');
    await set(el, 'onlineUrl', 'ftp://visio.example.fr');
    await set(el, 'startsAt', '2027-03-28T12:00');
    await set(el, 'endsAt', '2027-03-28T08:00');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('part') === 'error-summary', 'the summary was not focused');
    const items = [...el.shadowRoot!.querySelectorAll('[part="error-summary"] li')].map((li) => li.textContent!.trim());
    expect(items).to.deep.equal([
      'Titre de l’événement : Ce champ est obligatoire.',
      'Présentation : Ce champ est obligatoire.',
      'Fin : La fin doit être après le début.',
      'Commune : Ce champ est obligatoire.',
      'Lien pour participer en ligne : Saisissez une adresse web commençant par https://.',
      'Votre nom ou celui de votre structure : Ce champ est obligatoire.',
      'Votre adresse e-mail : Ce champ est obligatoire.',
      'Consentement : Vous devez donner votre accord pour continuer.',
    ]);
    expect(backend.calls.filter((c) => c.method === 'proposeEvent')).to.have.length(0);
    await expect(el).to.be.accessible();
    $<HTMLAnchorElement>(el, '[part="error-summary"] a[href="#f-address-locality"]')!.click();
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'f-address-locality');
    expect(control(el, 'address.locality').getAttribute('aria-invalid')).to.equal('true');
  });

  it('sends once on a double click, times read in the consultation’s zone, and says the event awaits moderation', async () => {
    const { el, backend } = await mount();
    const before = backend.events.size;
    await fillValid(el, `Atelier ${XSS} à Lyon`);
    const submitted = oneEvent(el, 'pgo-event-submitted');
    const submit = $<HTMLButtonElement>(el, '[part~="submit"]')!;
    submit.click();
    submit.click();
    const { detail } = await submitted;
    expect(detail.moderation).to.equal('pending');
    expect(backend.calls.filter((c) => c.method === 'proposeEvent')).to.have.length(1);
    expect(backend.events.size).to.equal(before + 1);
    const stored = backend.events.get(detail.event.id)!;
    expect(stored.moderation).to.equal('pending');
    // 08:00 on the day the clocks go forward in Paris is 06:00 UTC.
    expect(stored.startsAt).to.equal('2027-03-28T06:00:00.000Z');
    expect(stored.endsAt).to.equal('2027-03-28T10:00:00.000Z');
    expect(stored.timeZone).to.equal('Europe/Paris');
    expect(stored.address).to.deep.include({ placeName: 'Hôtel de ville', postalCode: '69001', locality: 'Lyon' });
    expect(stored.registration).to.deep.equal({ kind: 'inline', capacity: 40, seatsLeft: 40 });
    await el.updateComplete;
    const success = $(el, '[part~="success"]')!;
    await waitUntil(() => el.shadowRoot!.activeElement === success, 'the confirmation was not focused');
    expect(shadowText(el, '[part~="success"] p')).to.equal(
      `« Atelier ${XSS} à Lyon » sera publié après modération. L’équipe vous écrira à contact@lyon-ouverte.example.fr si besoin.`,
    );
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    // Pending events are not in the agenda.
    const page = await backend.listEvents(C, {});
    expect(page.items.map((e) => e.id)).not.to.include(detail.event.id);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="another"]')!.click();
    await el.updateComplete;
    expect(control(el, 'title').value).to.equal('');
  });

  it('lets the host veto the submission with pgo-event-submit', async () => {
    const { el, backend } = await mount();
    await fillValid(el);
    el.addEventListener('pgo-event-submit', (e) => e.preventDefault(), { once: true });
    const vetoed = oneEvent(el, 'pgo-event-submit');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    const { detail } = await vetoed;
    expect(detail.startsAt).to.equal('2027-03-28T06:00:00.000Z');
    expect(detail.organiserEmail).to.equal('contact@lyon-ouverte.example.fr');
    expect(backend.calls.filter((c) => c.method === 'proposeEvent')).to.have.length(0);
  });

  it('retries a failed send with the same key: one event in the end', async () => {
    const { el, backend } = await mount();
    const before = backend.events.size;
    await fillValid(el);
    backend.failNext('proposeEvent', 'network');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '[part="send-error"]'));
    expect(shadowText(el, '[part="send-error"]')).to.contain('La connexion au serveur a échoué');
    await expect(el).to.be.accessible();
    const submitted = oneEvent(el, 'pgo-event-submitted');
    $<HTMLButtonElement>(el, '[part="send-error"] button')!.click();
    await submitted;
    const keys = backend.calls.filter((c) => c.method === 'proposeEvent');
    expect(keys).to.have.length(2);
    expect(backend.events.size).to.equal(before + 1);
  });

  it('keeps a draft on the device and restores it after a reload', async () => {
    const backend = memoryBackendFixture({ events: 0 }).backend;
    const { el } = await mount({ backend });
    await set(el, 'title', 'Un atelier à Évry');
    await set(el, 'mode', 'online');
    await set(el, 'onlineUrl', 'https://visio.example.fr/evry');
    el.remove();
    const { el: again } = await mount({ backend });
    expect(control(again, 'title').value).to.equal('Un atelier à Évry');
    expect($<HTMLInputElement>(again, '[name="mode"][value="online"]')!.checked).to.equal(true);
    expect(control(again, 'onlineUrl').value).to.equal('https://visio.example.fr/evry');
    expect(control(again, 'format').value).to.equal('atelier-relais');
    expect(shadowText(again, '[part="draft-notice"]')).to.contain('Nous avons retrouvé votre brouillon');
    await expect(again).to.be.accessible();
    $<HTMLButtonElement>(again, '[part~="discard"]')!.click();
    await again.updateComplete;
    expect(control(again, 'title').value).to.equal('');
    expect(Object.keys(localStorage).some((k) => k.startsWith('pgo-draft:event|'))).to.equal(false);
  });

  it('is closed, with the opening date, while the phase takes no event proposals', async () => {
    const { el } = await mount({ position: 'between' });
    expect($(el, 'form')).to.equal(null);
    expect(shadowText(el, '[part="closed"]')).to.match(
      /^Les propositions d’événements ne sont pas ouvertes en ce moment\. Elles ouvriront le \d+ \w+/,
    );
    await expect(el).to.be.accessible();
    const { el: after } = await mount({ position: 'after' });
    expect(shadowText(after, '[part="closed"]')).to.equal(
      'Les propositions d’événements ne sont pas ouvertes en ce moment. Elles sont closes.',
    );
  });

  it('speaks English', async () => {
    const { el } = await mount({ lang: 'en' });
    expect(shadowText(el, '#f-startsAt-hint')).to.equal('Time zone: Central European Time (Europe/Paris).');
    expect(labels(el)[0]).to.equal('Title of the event (required)');
    await expect(el).to.be.accessible();
  });

  it('reads datetime-local values in a zone on both sides of a daylight-saving change', () => {
    expect(localToInstant('2027-03-27T10:00', 'Europe/Paris')).to.equal('2027-03-27T09:00:00.000Z');
    expect(localToInstant('2027-03-28T10:00', 'Europe/Paris')).to.equal('2027-03-28T08:00:00.000Z');
    expect(localToInstant('2027-10-31T10:00', 'Europe/Paris')).to.equal('2027-10-31T09:00:00.000Z');
    expect(localToInstant('2027-07-01T10:00', 'America/Cayenne')).to.equal('2027-07-01T13:00:00.000Z');
    expect(localToInstant('demain', 'Europe/Paris')).to.equal('demain');
  });

  it('says live, without a reload, when the moderators publish the event or turn it down (issue 23)', async () => {
    const { el, backend, provider } = await mount();
    await waitUntil(() => provider.session!.live.lastId !== null, 'the stream did not get ready');
    await fillValid(el, `Atelier ${XSS} à Lyon`);
    const submitted = oneEvent(el, 'pgo-event-submitted');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    const { detail } = await submitted;
    await el.updateComplete;
    const decision = () => $(el, '[part~="decision"]')!;
    // Present and empty before the decision, so that screen readers hear it when it comes.
    expect(decision().getAttribute('role')).to.equal('status');
    expect(decision().textContent!.trim()).to.equal('');
    backend.approve(detail.event.id);
    await waitUntil(
      () => decision().textContent!.trim() === `Bonne nouvelle : « Atelier ${XSS} à Lyon » vient d’être publié.`,
      'the publication was not shown',
    );
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    await expect(el).to.be.accessible();
    backend.hide(detail.event.id);
    await waitUntil(
      () => decision().textContent!.trim() === `« Atelier ${XSS} à Lyon » n’a pas été retenu par la modération.`,
      'the refusal was not shown',
    );
  });

  it('says the decision in English too', async () => {
    const { el, backend, provider } = await mount({ lang: 'en' });
    await waitUntil(() => provider.session!.live.lastId !== null, 'the stream did not get ready');
    await fillValid(el, 'Relay workshop in Lyon');
    const submitted = oneEvent(el, 'pgo-event-submitted');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    const { detail } = await submitted;
    backend.approve(detail.event.id);
    await waitUntil(
      () => shadowText(el, '[part~="decision"]') === 'Good news: “Relay workshop in Lyon” has just been published.',
      'not in English',
    );
  });
});

import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../test-utils/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import ICAL from 'ical.js';
import { html } from 'lit';
import type { MemoryBackend, MemoryEvent } from '../../backends/memory.js';
import type { ConsultationEvent } from '../../core/schemas.js';
import { eventFixture, memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import type { PgoEventCard } from './event-card.js';

const XSS = '<img src=x onerror=alert(1)>';

/** An event on Sunday 6 December 2026, 10:00–11:00 in Paris, in person, free entry. */
function baseEvent(overrides: Partial<MemoryEvent> = {}): MemoryEvent {
  return eventFixture('plan-action-2017', 0, Date.now(), {
    startsAt: '2026-12-06T10:00:00+01:00',
    endsAt: '2026-12-06T11:00:00+01:00',
    registration: { kind: 'none' },
    ...overrides,
  });
}

function backendWith(events: MemoryEvent[]): MemoryBackend {
  const { backend } = memoryBackendFixture({ events: 0 });
  for (const e of events) backend.events.set(e.id, structuredClone(e));
  return backend;
}

async function mountObject(event: ConsultationEvent, options: { lang?: string; backend?: MemoryBackend; compact?: boolean } = {}) {
  const backend = options.backend ?? backendWith([event as MemoryEvent]);
  const { el, provider } = await mountInProvider<PgoEventCard>(
    backend,
    'plan-action-2017',
    html`<pgo-event-card .event=${event} ?compact=${options.compact ?? false}></pgo-event-card>`,
    { lang: options.lang },
  );
  await el.updateComplete;
  return { el, provider, backend };
}

async function mountId(backend: MemoryBackend, id: string) {
  const { el, provider } = await mountInProvider<PgoEventCard>(
    backend,
    'plan-action-2017',
    html`<pgo-event-card event=${id}></pgo-event-card>`,
  );
  await waitUntil(() => !el.shadowRoot!.querySelector('[aria-busy="true"]'), 'the event did not load');
  await el.updateComplete;
  return { el, provider };
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const jsonLd = (el: Element) => JSON.parse(el.querySelector('script[type="application/ld+json"]')!.textContent!);
/** The visible date text without the zone name the browser adds when it lives in another zone (tests run in UTC). */
const whenText = (el: Element) => shadowText(el, '[part="when"]').replace(/\s?(UTC|GMT)[+−-]\d+/g, '');

describe('<pgo-event-card>', () => {
  describe('display', () => {
    it('shows title, format, status, a one-day range in the event zone with <time> elements, place and organiser', async () => {
      const { el } = await mountObject(baseEvent());
      expect(shadowText(el, '[part="title"]')).to.equal('Atelier-relais 0 : le gouvernement ouvert près de chez vous');
      expect($(el, '[part="title"]').getAttribute('role')).to.equal('heading');
      expect($(el, '[part="title"]').getAttribute('aria-level')).to.equal('3');
      expect(shadowText(el, '[part="format"]')).to.equal('Atelier-relais');
      expect(shadowText(el, '[part~="status"]')).to.equal('Statut : Programmé');
      expect(whenText(el)).to.equal('dimanche 6 décembre 2026, 10:00 – 11:00');
      const times = el.shadowRoot!.querySelectorAll('[part="when"] time');
      expect([...times].map((t) => t.getAttribute('datetime'))).to.deep.equal(['2026-12-06T10:00:00+01:00', '2026-12-06T11:00:00+01:00']);
      expect(shadowText(el, '[part="mode"]')).to.equal('Sur place');
      expect(shadowText(el, '[part="address"]')).to.equal(
        'Forum de Grenelle 5 rue de la Croix Nivert 75015 Paris Voir le lieu sur OpenStreetMap',
      );
      const map = $<HTMLAnchorElement>(el, '[part="map-link"]');
      expect(map.href).to.equal(
        'https://www.openstreetmap.org/search?query=Forum%20de%20Grenelle%2C%205%20rue%20de%20la%20Croix%20Nivert%2C%2075015%20Paris',
      );
      expect(map.target).to.equal('');
      expect(shadowText(el, '[part="organiser"]')).to.equal('Etalab');
      expect(shadowText(el, '[part="registration"]')).to.contain('Entrée libre, sans inscription.');
      await expect(el).to.be.accessible();
    });

    it('shows a multi-day range, and English', async () => {
      const event = baseEvent({ startsAt: '2027-03-27T10:00:00+01:00', endsAt: '2027-03-28T17:00:00+02:00' });
      const { el } = await mountObject(event);
      expect(whenText(el)).to.equal('samedi 27 mars 2027 à 10:00 – dimanche 28 mars 2027 à 17:00');
      el.lang = 'en';
      await el.updateComplete;
      expect(whenText(el)).to.equal('Saturday, March 27, 2027 at 10:00 AM – Sunday, March 28, 2027 at 5:00 PM');
      expect(shadowText(el, '[part~="status"]')).to.equal('Status: Scheduled');
      await expect(el).to.be.accessible();
    });

    for (const [status, text] of [
      ['scheduled', 'Programmé'],
      ['cancelled', 'Annulé'],
      ['postponed', 'Reporté'],
      ['full', 'Complet'],
    ] as const) {
      it(`shows the ${status} status`, async () => {
        const { el } = await mountObject(
          baseEvent({ status: status, registration: { kind: 'inline', capacity: 20, seatsLeft: status === 'full' ? 0 : 5 } }),
        );
        expect(shadowText(el, '[part~="status"]')).to.equal(`Statut : ${text}`);
        expect($(el, `[part~="status-${status}"]`)).to.exist;
        const registration = shadowText(el, '[part="registration"]');
        if (status === 'scheduled') expect(registration).to.contain('5 places restantes sur 20.');
        if (status === 'full') expect(registration).to.contain('Cet événement est complet');
        if (status === 'cancelled' || status === 'postponed') {
          expect(registration).to.contain('Les inscriptions sont fermées.');
          expect(el.shadowRoot!.querySelector('.register')).to.equal(null);
        }
        await expect(el).to.be.accessible();
      });
    }

    it('shows an online event with its link, and a hybrid one with both place and link', async () => {
      const online = baseEvent({ mode: 'online', address: undefined, onlineUrl: 'https://visio.example.fr/atelier' });
      const { el } = await mountObject(online);
      expect(shadowText(el, '[part="mode"]')).to.equal('En ligne');
      expect(el.shadowRoot!.querySelector('[part="address"]')).to.equal(null);
      expect($<HTMLAnchorElement>(el, '[part="online-link"]').href).to.equal('https://visio.example.fr/atelier');
      expect(shadowText(el, 'dd:has([part="online-link"])')).to.equal('Rejoindre l’événement en ligne (visio.example.fr)');
      await expect(el).to.be.accessible();

      const hybrid = baseEvent({ mode: 'hybrid', onlineUrl: 'https://visio.example.fr/h', geo: { lat: 48.8466, lon: 2.2936 } });
      const { el: el2 } = await mountObject(hybrid);
      expect(shadowText(el2, '[part="mode"]')).to.equal('Sur place et en ligne');
      expect($<HTMLAnchorElement>(el2, '[part="map-link"]').href).to.equal(
        'https://www.openstreetmap.org/?mlat=48.8466&mlon=2.2936#map=17/48.8466/2.2936',
      );
      expect($<HTMLAnchorElement>(el2, '[part="online-link"]').href).to.equal('https://visio.example.fr/h');
      await expect(el2).to.be.accessible();
    });

    it('never turns a non-http link into a link, and shows user text as text with its line breaks', async () => {
      const event = baseEvent({
        mode: 'online',
        address: undefined,
        onlineUrl: 'javascript:alert(1)',
        title: `Atelier ${XSS}`,
        description: `Première ligne ${XSS}\nDeuxième ligne`,
        organiser: { name: XSS, url: 'javascript:alert(2)' },
      });
      const { el } = await mountObject(event);
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      expect(el.shadowRoot!.querySelector('[part="online-link"]')).to.equal(null);
      expect(el.shadowRoot!.querySelector('a[href^="javascript"]')).to.equal(null);
      expect(shadowText(el, '[part="title"]')).to.equal(`Atelier ${XSS}`);
      expect(shadowText(el, '[part="organiser"]')).to.equal(XSS);
      const description = $(el, '[part="description"]');
      expect(description.textContent).to.equal(`Première ligne ${XSS}\nDeuxième ligne`);
      expect(getComputedStyle(description).whiteSpace).to.equal('pre-line');
      expect(jsonLd(el).name).to.equal(`Atelier ${XSS}`);
      expect(el.querySelector('script[type="application/ld+json"]')!.textContent).not.to.contain('<');
    });

    it('fetches an event by id, shows loading, then the event; a missing one says so', async () => {
      const backend = backendWith([baseEvent({ id: 'e7' })]);
      const { el: loading } = await mountInProvider<PgoEventCard>(backend, 'plan-action-2017', html`<pgo-event-card></pgo-event-card>`);
      expect(shadowText(loading)).to.equal('Aucun événement n’est indiqué : ajoutez l’attribut « event ».');
      const release = backend.hold('getEvent');
      loading.setAttribute('event', 'e7');
      await loading.updateComplete;
      expect(shadowText(loading)).to.equal('Chargement…');
      await expect(loading).to.be.accessible();
      release();
      await waitUntil(() => shadowText(loading).includes('Atelier-relais 0'));
      expect(backend.calls.filter((c) => c.method === 'getEvent')).to.have.length(1);
      const { el } = await mountId(backend, 'missing');
      expect(shadowText(el, '[role="alert"]')).to.equal('Impossible de charger l’événement. Élément introuvable.');
      await expect(el).to.be.accessible();
    });

    it('retries after a failed load', async () => {
      const backend = backendWith([baseEvent({ id: 'e7' })]);
      backend.failNext('getEvent', 'network');
      const { el } = await mountId(backend, 'e7');
      expect(shadowText(el, '[role="alert"]')).to.contain('La connexion au serveur a échoué');
      $(el, '[role="alert"] button').click();
      await waitUntil(() => shadowText(el).includes('Atelier-relais 0'));
    });

    it('compact: a summary with a disclosure button for the rest', async () => {
      const { el } = await mountObject(baseEvent({ registration: { kind: 'inline', capacity: 10, seatsLeft: 10 } }), { compact: true });
      const toggle = $(el, '[part~="toggle"]');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(shadowText(el, '[part="mode"]')).to.equal('Sur place · Paris');
      expect(el.shadowRoot!.querySelector('[part="description"]')).to.equal(null);
      expect(el.shadowRoot!.querySelector('[part="calendar"]')).to.equal(null);
      await expect(el).to.be.accessible();
      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect($(el, '#more').hidden).to.equal(false);
      expect($(el, '[part="description"]')).to.exist;
      expect($(el, '[part="address"]')).to.exist;
      expect($(el, '[part="calendar"]')).to.exist;
      await expect(el).to.be.accessible();
    });
  });

  describe('calendar file and structured data', () => {
    it('offers an .ics download that an independent parser reads back with the right instants', async () => {
      const event = baseEvent({
        startsAt: '2027-03-28T08:00:00+02:00',
        endsAt: '2027-03-28T12:00:00+02:00',
        title: 'Atelier, « données » ; relais',
      });
      const { el } = await mountObject(event);
      const link = $<HTMLAnchorElement>(el, '[part="calendar"]');
      expect(link.getAttribute('download')).to.equal('atelier-donnees-relais.ics');
      // The .ics writer loads on the first click; the file made, the link downloads it (kept from the test page here).
      link.addEventListener('click', (click) => link.href.startsWith('blob:') && click.preventDefault());
      link.click();
      await waitUntil(() => link.href.startsWith('blob:'), 'the calendar file was not made');
      expect(link.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Ajouter à mon agenda (fichier .ics)');
      const text = await (await fetch(link.href)).text();
      const calendar = new ICAL.Component(ICAL.parse(text));
      ICAL.TimezoneService.reset();
      ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
      const parsed = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
      expect(parsed.uid).to.equal('e0@plan-action-2017.pgo-widgets');
      expect(parsed.summary).to.equal('Atelier, « données » ; relais');
      expect(parsed.startDate.toJSDate().toISOString()).to.equal('2027-03-28T06:00:00.000Z');
      expect(parsed.endDate.toJSDate().toISOString()).to.equal('2027-03-28T10:00:00.000Z');
      expect(parsed.description).to.contain('Organisé par Etalab');
      ICAL.TimezoneService.reset();
    });

    it('keeps schema.org Event JSON-LD in the light DOM, updates it and removes it on disconnect', async () => {
      const event = baseEvent({
        mode: 'hybrid',
        onlineUrl: 'https://visio.example.fr/h',
        registration: { kind: 'external', url: 'https://inscription.example.fr/e0' },
      });
      const { el } = await mountObject(event);
      const data = jsonLd(el);
      expect(data['@context']).to.equal('https://schema.org');
      expect(data['@type']).to.equal('Event');
      expect(data.startDate).to.equal('2026-12-06T10:00:00+01:00');
      expect(data.endDate).to.equal('2026-12-06T11:00:00+01:00');
      expect(data.eventStatus).to.equal('https://schema.org/EventScheduled');
      expect(data.eventAttendanceMode).to.equal('https://schema.org/MixedEventAttendanceMode');
      expect(data.location[0]).to.deep.include({ '@type': 'Place', name: 'Forum de Grenelle' });
      expect(data.location[0].address).to.deep.equal({
        '@type': 'PostalAddress',
        streetAddress: '5 rue de la Croix Nivert',
        postalCode: '75015',
        addressLocality: 'Paris',
        addressCountry: 'FR',
      });
      expect(data.location[1]).to.deep.equal({ '@type': 'VirtualLocation', url: 'https://visio.example.fr/h' });
      expect(data.organizer).to.deep.equal({ '@type': 'Organization', name: 'Etalab' });
      expect(data.offers).to.deep.equal({
        '@type': 'Offer',
        url: 'https://inscription.example.fr/e0',
        availability: 'https://schema.org/InStock',
      });
      el.event = {
        ...event,
        status: 'cancelled',
        mode: 'online',
        address: undefined,
        startsAt: '2027-07-01T18:00:00+02:00',
        endsAt: '2027-07-01T20:00:00+02:00',
      };
      await el.updateComplete;
      expect(el.querySelectorAll('script')).to.have.length(1);
      expect(jsonLd(el)).to.deep.include({
        eventStatus: 'https://schema.org/EventCancelled',
        startDate: '2027-07-01T18:00:00+02:00',
        eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      });
      expect(jsonLd(el).location).to.deep.equal({ '@type': 'VirtualLocation', url: 'https://visio.example.fr/h' });
      const parent = el.parentElement!;
      el.remove();
      expect(el.querySelector('script')).to.equal(null);
      parent.append(el);
      await el.updateComplete;
      expect(jsonLd(el).name).to.equal(event.title);
    });
  });

  describe('registration', () => {
    it('links to an external registration page', async () => {
      const { el } = await mountObject(baseEvent({ registration: { kind: 'external', url: 'https://inscription.example.fr/e0' } }));
      const link = $<HTMLAnchorElement>(el, 'a[part~="register"]');
      expect(link.href).to.equal('https://inscription.example.fr/e0');
      expect(link.textContent!.trim()).to.equal('S’inscrire sur le site de l’organisateur');
      await expect(el).to.be.accessible();
    });

    it('says the event is over, with no registration and no calendar file', async () => {
      const { el } = await mountObject(
        baseEvent({
          startsAt: '2020-01-10T10:00:00+01:00',
          endsAt: '2020-01-10T12:00:00+01:00',
          registration: { kind: 'inline', capacity: 10, seatsLeft: 3 },
        }),
      );
      expect(shadowText(el, '[part="registration"]')).to.contain('Cet événement est terminé.');
      expect(el.shadowRoot!.querySelector('.register')).to.equal(null);
      expect(el.shadowRoot!.querySelector('[part="calendar"]')).to.equal(null);
    });

    it('registers inline: errors first, then one registration, the seats left and pgo-registered', async () => {
      const event = baseEvent({ registration: { kind: 'inline', capacity: 30, seatsLeft: 12 } });
      const { el, backend, provider } = await mountObject(event);
      expect(shadowText(el, '[part="seats"]')).to.equal('12 places restantes sur 30.');
      $(el, '.register').click();
      await el.updateComplete;
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'f-name', 'focus did not move to the name field');
      await expect(el).to.be.accessible();
      $(el, '[part~="submit"]').click();
      await waitUntil(() => el.shadowRoot!.querySelector('.error-summary'));
      expect(shadowText(el, '.error-summary')).to.contain('Nom : Ce champ est obligatoire.');
      expect(shadowText(el, '.error-summary')).to.contain('Consentement : Vous devez donner votre accord pour continuer.');
      await expect(el).to.be.accessible();
      const type = (id: string, value: string) => {
        const input = $<HTMLInputElement>(el, `#${id}`);
        input.value = value;
        input.dispatchEvent(new Event('input'));
      };
      type('f-name', `Camille ${XSS}`);
      type('f-email', 'camille@example.fr');
      $<HTMLInputElement>(el, '#f-consent').click();
      const registered = oneEvent(el, 'pgo-registered');
      $(el, '[part~="submit"]').click();
      $(el, '[part~="submit"]').click();
      const { detail } = await registered;
      expect(detail.seatsLeft).to.equal(11);
      expect(detail.event.id).to.equal('e0');
      expect(backend.calls.filter((c) => c.method === 'registerForEvent')).to.have.length(1);
      await el.updateComplete;
      expect(shadowText(el, '[part="seats"]')).to.equal('11 places restantes sur 30.');
      expect(shadowText(el, '[part="notice"]')).to.equal(`C’est noté : vous êtes inscrit·e à « ${event.title} ».`);
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'registration-notice');
      expect(provider.session!.participation!.registrations).to.include('e0');
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('shows the registered state from the participation', async () => {
      const event = baseEvent({ registration: { kind: 'inline', capacity: 30, seatsLeft: 12 } });
      const { el, provider } = await mountObject(event);
      await waitUntil(() => provider.session!.participation);
      provider.session!.setParticipation({ ...provider.session!.participation!, registrations: ['e0'] });
      await el.updateComplete;
      expect(shadowText(el, '[part="notice"]')).to.equal('Vous êtes inscrit·e à cet événement.');
      expect(el.shadowRoot!.querySelector('.register')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('shows a send error with a retry that registers once, and turns full when the last seat went', async () => {
      const event = baseEvent({ registration: { kind: 'inline', capacity: 30, seatsLeft: 12 } });
      const { el, backend } = await mountObject(event);
      backend.failNext('registerForEvent', 'network');
      $(el, '.register').click();
      await el.updateComplete;
      const fill = async () => {
        for (const [id, value] of [
          ['f-name', 'Camille'],
          ['f-email', 'camille@example.fr'],
        ]) {
          const input = $<HTMLInputElement>(el, `#${id}`);
          input.value = value!;
          input.dispatchEvent(new Event('input'));
        }
        $<HTMLInputElement>(el, '#f-consent').click();
        await el.updateComplete;
      };
      await fill();
      $(el, '[part~="submit"]').click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part="send-error"]'));
      expect(shadowText(el, '[part="send-error"]')).to.contain('La connexion au serveur a échoué');
      await expect(el).to.be.accessible();
      const registered = oneEvent(el, 'pgo-registered');
      $(el, '[part="send-error"] button').click();
      // Two requests (the failed one and the retry), one seat taken.
      expect((await registered).detail.seatsLeft).to.equal(11);
      expect(backend.calls.filter((c) => c.method === 'registerForEvent')).to.have.length(2);

      // Someone else took the last seat meanwhile: the backend says so, the card turns full.
      const last = baseEvent({ id: 'e9', registration: { kind: 'inline', capacity: 1, seatsLeft: 1 } });
      backend.events.set('e9', structuredClone(last));
      backend.events.get('e9')!.registration = { kind: 'inline', capacity: 1, seatsLeft: 0 };
      el.event = last;
      await el.updateComplete;
      $(el, '.register').click();
      await el.updateComplete;
      await fill();
      $(el, '[part~="submit"]').click();
      await waitUntil(() => shadowText(el, '[part="registration"]').includes('complet'));
      expect(shadowText(el, '[part~="status"]')).to.equal('Statut : Complet');
      expect(shadowText(el, '[part="seats"]')).to.equal('Plus aucune place sur 1.');
      await expect(el).to.be.accessible();
    });

    it('registers with the keyboard only', async () => {
      const { el, backend } = await mountObject(baseEvent({ registration: { kind: 'inline', capacity: 30, seatsLeft: 30 } }));
      $(el, '.register').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'f-name', 'focus did not move to the name field');
      await sendKeys({ type: 'Dominique' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'dominique@example.fr' });
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement?.id).to.equal('f-consent');
      await sendKeys({ press: ' ' });
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('button submit');
      const registered = oneEvent(el, 'pgo-registered');
      await sendKeys({ press: 'Enter' });
      await registered;
      expect(backend.calls.filter((c) => c.method === 'registerForEvent')).to.have.length(1);
      expect(backend.events.get('e0')!.registration).to.deep.equal({ kind: 'inline', capacity: 30, seatsLeft: 29 });
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'registration-notice');
    });

    it('cancels the form and gives focus back to the register button', async () => {
      const { el } = await mountObject(baseEvent({ registration: { kind: 'inline', capacity: null, seatsLeft: null } }));
      expect(shadowText(el, '[part="seats"]')).to.equal('Places sans limite.');
      $(el, '.register').click();
      await el.updateComplete;
      $(el, '[part~="cancel"]').click();
      await waitUntil(() => el.shadowRoot!.activeElement?.classList.contains('register'));
      expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    });
  });
});

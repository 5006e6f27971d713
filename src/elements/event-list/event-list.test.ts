import { expect } from '@open-wc/testing';
import { waitUntil } from '../../test-utils/wait.js';
import { html } from 'lit';
import type { MemoryBackend, MemoryEvent } from '../../backends/memory.js';
import { DAY, HOUR } from '../../core/phase.js';
import type { EventQuery } from '../../core/schemas.js';
import { eventFixture, iso, memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import type { PgoEventCard } from '../event-card/event-card.js';
import type { PgoEventList } from './event-list.js';

const C = 'plan-action-2017';
const lyon = { placeName: 'Hôtel de ville', street: '1 place de la Comédie', postalCode: '69001', locality: 'Lyon' };
const evry = { placeName: 'Médiathèque', postalCode: '91000', locality: 'Évry-Courcouronnes' };

/** Four upcoming events (Paris, online, Lyon, Évry), one past, one just after midnight in Paris on 11 February 2027. */
function agendaBackend(): MemoryBackend {
  const now = Date.now();
  const { backend } = memoryBackendFixture({ events: 0 });
  const events: MemoryEvent[] = [
    eventFixture(C, 0, now),
    eventFixture(C, 1, now),
    eventFixture(C, 2, now, { address: lyon, title: 'Atelier-relais à Lyon' }),
    eventFixture(C, 3, now, {
      address: evry,
      title: 'Ministère ouvert à Évry',
      format: 'ministere-ouvert',
      mode: 'hybrid',
      onlineUrl: 'https://visio.example.fr/evry',
    }),
    eventFixture(C, 4, now, { id: 'past', title: 'Un atelier passé', startsAt: iso(now - 3 * DAY), endsAt: iso(now - 3 * DAY + 2 * HOUR) }),
    eventFixture(C, 5, now, {
      id: 'midnight',
      title: 'Atelier de minuit',
      format: 'atelier-relais',
      startsAt: '2027-02-11T00:30:00+01:00',
      endsAt: '2027-02-11T02:00:00+01:00',
    }),
  ];
  for (const e of events) backend.events.set(e.id, e);
  return backend;
}

async function mount(backend: MemoryBackend, attrs: { pageSize?: number } = {}) {
  const { el, provider } = await mountInProvider<PgoEventList>(
    backend,
    C,
    html`<pgo-event-list page-size=${attrs.pageSize ?? 10}></pgo-event-list>`,
  );
  await settle(el);
  return { el, provider };
}

async function settle(el: PgoEventList) {
  await waitUntil(
    () => !el.shadowRoot!.querySelector('[aria-busy="true"]') && !shadowText(el, '[part~="load-more"]').includes('Chargement'),
    'the agenda did not load',
  );
  await el.updateComplete;
}

const titles = (el: PgoEventList) =>
  [...el.shadowRoot!.querySelectorAll<PgoEventCard>('pgo-event-card')].map((card) => (card.event as { title: string }).title);
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const lastQuery = (backend: MemoryBackend) => backend.calls.filter((c) => c.method === 'listEvents').at(-1)!.args[1] as EventQuery;

async function filter(el: PgoEventList, values: Partial<Record<'from' | 'to' | 'format' | 'mode' | 'place', string>>) {
  for (const [name, value] of Object.entries(values)) {
    const control = $<HTMLInputElement | HTMLSelectElement>(el, `[name="${name}"]`);
    control.value = value;
  }
  $(el, '[part~="apply"]').click();
  await el.updateComplete;
  await settle(el);
}

describe('<pgo-event-list>', () => {
  it('lists upcoming events grouped by day, with a polite count and compact cards', async () => {
    const { el } = await mount(agendaBackend());
    expect(titles(el)).to.not.include('Un atelier passé');
    expect(titles(el)).to.have.length(5);
    const count = $(el, '[part="count"]');
    expect(count.getAttribute('role')).to.equal('status');
    expect(count.textContent).to.equal('5 événements');
    const headings = [...el.shadowRoot!.querySelectorAll('[part="day-heading"]')];
    expect(headings).to.have.length(5);
    expect(headings.every((h) => h.getAttribute('role') === 'heading' && h.getAttribute('aria-level') === '3')).to.equal(true);
    const card = el.shadowRoot!.querySelector<PgoEventCard>('pgo-event-card')!;
    expect(card.compact).to.equal(true);
    expect(card.headingLevel).to.equal(4);
    await expect(el).to.be.accessible();
  });

  it('puts each day under a heading in the consultation’s time zone', async () => {
    const { el } = await mount(agendaBackend());
    // 00:30 in Paris on 11 February is still the 10th in UTC, where the tests run.
    const section = [...el.shadowRoot!.querySelectorAll('[part="day"]')].find((s) =>
      [...s.querySelectorAll<PgoEventCard>('pgo-event-card')].some(
        (card) => (card.event as { title: string }).title === 'Atelier de minuit',
      ),
    )!;
    expect(section.querySelector('[part="day-heading"]')!.textContent).to.equal('jeudi 11 février 2027');
  });

  it('opens a compact card to the full card', async () => {
    const { el } = await mount(agendaBackend());
    const card = el.shadowRoot!.querySelector<PgoEventCard>('pgo-event-card')!;
    $(card, '[part~="toggle"]').click();
    await card.updateComplete;
    expect($(card, '[part="description"]')).to.exist;
    expect($(card, '.register')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('filters by format', async () => {
    const backend = agendaBackend();
    const { el } = await mount(backend);
    await filter(el, { format: 'ministere-ouvert' });
    expect(lastQuery(backend).format).to.equal('ministere-ouvert');
    expect(titles(el)).to.deep.equal(['Ministère ouvert : dialogue 1', 'Ministère ouvert à Évry']);
    expect(shadowText(el, '[part="count"]')).to.equal('2 événements');
    await expect(el).to.be.accessible();
  });

  it('filters by attendance mode', async () => {
    const backend = agendaBackend();
    const { el } = await mount(backend);
    await filter(el, { mode: 'online' });
    expect(lastQuery(backend).mode).to.equal('online');
    expect(titles(el)).to.deep.equal(['Ministère ouvert : dialogue 1']);
    expect(shadowText(el, '[part="count"]')).to.equal('1 événement');
    await filter(el, { mode: 'hybrid' });
    expect(titles(el)).to.deep.equal(['Ministère ouvert à Évry']);
  });

  it('filters by place: a postal-code prefix or a town, accents folded', async () => {
    const backend = agendaBackend();
    const { el } = await mount(backend);
    await filter(el, { place: '69' });
    expect(lastQuery(backend).place).to.equal('69');
    expect(titles(el)).to.deep.equal(['Atelier-relais à Lyon']);
    await filter(el, { place: 'evry' });
    expect(titles(el)).to.deep.equal(['Ministère ouvert à Évry']);
  });

  it('filters by date range, whole days in the consultation’s time zone', async () => {
    const backend = agendaBackend();
    const { el } = await mount(backend);
    await filter(el, { from: '2027-02-10', to: '2027-02-10' });
    expect(lastQuery(backend).from).to.equal('2027-02-09T23:00:00.000Z');
    expect(lastQuery(backend).to).to.equal('2027-02-10T22:59:59.999Z');
    expect(titles(el)).to.deep.equal([]);
    await filter(el, { from: '2027-02-11', to: '2027-02-11' });
    expect(titles(el)).to.deep.equal(['Atelier de minuit']);
    await expect(el).to.be.accessible();
  });

  it('says when nothing matches and resets the filters', async () => {
    const { el } = await mount(agendaBackend());
    await filter(el, { place: '99999', format: 'pitch' });
    expect(shadowText(el, '.empty')).to.contain('Aucun événement ne correspond à ces critères.');
    expect(shadowText(el, '[part="count"]')).to.equal('Aucun événement');
    await expect(el).to.be.accessible();
    $(el, '.empty [part~="reset"]').click();
    await el.updateComplete;
    await settle(el);
    expect(titles(el)).to.have.length(5);
    expect($<HTMLInputElement>(el, '[name="place"]').value).to.equal('');
    expect($<HTMLSelectElement>(el, '[name="format"]').value).to.equal('');
  });

  it('says when no event is coming', async () => {
    const { backend } = memoryBackendFixture({ events: 0 });
    const { el } = await mount(backend);
    expect(shadowText(el, '.empty')).to.equal('Aucun événement à venir pour le moment.');
    expect(el.shadowRoot!.querySelector('.empty button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('pages with “Afficher plus” and moves focus to the first new event', async () => {
    const { backend } = memoryBackendFixture({ events: 25 });
    const { el } = await mount(backend, { pageSize: 10 });
    expect(titles(el)).to.have.length(10);
    expect(shadowText(el, '[part="count"]')).to.equal('25 événements');
    $(el, '[part~="load-more"]').click();
    await settle(el);
    expect(titles(el)).to.have.length(20);
    const items = el.shadowRoot!.querySelectorAll('[part="item"]');
    await waitUntil(() => el.shadowRoot!.activeElement === items[10], 'focus did not move to the 11th event');
    expect(titles(el)[10]).to.equal('Atelier-relais 10 : le gouvernement ouvert près de chez vous');
    $(el, '[part~="load-more"]').click();
    await settle(el);
    expect(titles(el)).to.have.length(25);
    expect(el.shadowRoot!.querySelector('[part~="load-more"]')).to.equal(null);
    expect(new Set(titles(el)).size).to.equal(25);
    await expect(el).to.be.accessible();
  });

  it('shows the loading state, then an error with a retry that works', async () => {
    const backend = agendaBackend();
    backend.failNext('listEvents', 'server');
    const { el } = await mount(backend);
    expect(shadowText(el, '[role="alert"]')).to.equal(
      'Impossible de charger les événements. Le serveur a rencontré une erreur. Réessayez dans un instant. Réessayer',
    );
    await expect(el).to.be.accessible();
    const release = backend.hold('listEvents');
    $(el, '[part~="retry"]').click();
    await el.updateComplete;
    expect(shadowText(el, '[aria-busy="true"]')).to.equal('Chargement…');
    await expect(el).to.be.accessible();
    release();
    await settle(el);
    expect(titles(el)).to.have.length(5);
  });

  it('lists the shown events as schema.org JSON-LD in its light DOM', async () => {
    const { el } = await mount(agendaBackend());
    const data = JSON.parse(el.querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(data).to.have.length(5);
    expect(data.map((e: { name: string }) => e.name)).to.include('Atelier de minuit');
    expect(data.find((e: { name: string }) => e.name === 'Atelier de minuit').startDate).to.equal('2027-02-11T00:30:00+01:00');
    expect(el.shadowRoot!.querySelectorAll('pgo-event-card script')).to.have.length(0);
  });

  it('takes starting filters from attributes and speaks English', async () => {
    const backend = agendaBackend();
    const { el } = await mountInProvider<PgoEventList>(
      backend,
      C,
      html`<pgo-event-list format="ministere-ouvert" place="91"></pgo-event-list>`,
      { lang: 'en' },
    );
    await settle(el);
    expect(titles(el)).to.deep.equal(['Ministère ouvert à Évry']);
    expect(shadowText(el, '[part="count"]')).to.equal('1 event');
    expect($<HTMLSelectElement>(el, '[name="format"]').value).to.equal('ministere-ouvert');
    expect(shadowText(el, 'label[for="filter-place"]')).to.equal('Place');
  });
});

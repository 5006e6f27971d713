// Issue 22: a relay workshop's contributions in the list: labelled with their workshop and town, the room's
// support shown apart from the online tally, and the list filtered by origin or by workshop.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import { waitUntil } from '../../test-utils/wait.js';
import { PAST, workshopBackend } from '../../test-utils/workshop-fixture.js';
import type { PgoProposalList } from './proposal-list.js';

const C = 'plan-action-2017';
const XSS = '<img src=x onerror=alert(1)>';

async function withReport() {
  const { backend, heldOn } = workshopBackend();
  backend.events.get(PAST)!.title = `Atelier-relais des Pentes ${XSS}`;
  const { report } = await backend.submitWorkshopReport(
    C,
    PAST,
    {
      heldOn,
      attendees: 20,
      summary: 'Deux heures de débat en trois tables, puis une restitution.',
      consent: true,
      contributions: [
        {
          title: 'Ouvrir les données des cantines scolaires',
          body: 'Publier les menus et la provenance des produits en données ouvertes.',
          categoryId: 'donnees',
          roomSupport: 14,
        },
        {
          title: 'Un budget participatif par quartier',
          body: 'Chaque quartier décide de l’usage d’une part du budget d’investissement.',
          categoryId: 'participation',
          roomSupport: null,
        },
      ],
    },
    { idempotencyKey: 'report-1' },
  );
  backend.approve(report.id);
  return backend;
}

const titles = (el: PgoProposalList) => [...el.shadowRoot!.querySelectorAll('[part~="title"]')].map((t) => t.textContent!.trim());

describe('<pgo-proposal-list> and relay workshops', () => {
  it('labels a contribution “Atelier-relais : <event>, <town>” with the room support apart from the tally', async () => {
    const backend = await withReport();
    const { el } = await mountInProvider<PgoProposalList>(backend, C, html`<pgo-proposal-list></pgo-proposal-list>`);
    await waitUntil(() => titles(el).includes('Ouvrir les données des cantines scolaires'), 'the contribution is not listed');
    const item = [...el.shadowRoot!.querySelectorAll('[part~="item"]')].find((i) => i.textContent!.includes('cantines'))!;
    const origin = item.querySelector('[part~="origin"]')!;
    expect(origin.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      `Atelier-relais : Atelier-relais des Pentes ${XSS}, Lyon · 14 soutiens dans la salle, comptés à part`,
    );
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    const online = [...el.shadowRoot!.querySelectorAll('[part~="item"]')].find((i) => !i.textContent!.includes('Atelier-relais'))!;
    expect(online.querySelector('[part~="origin"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('filters by origin and by workshop', async () => {
    const backend = await withReport();
    const { el } = await mountInProvider<PgoProposalList>(backend, C, html`<pgo-proposal-list origin="workshop"></pgo-proposal-list>`);
    await waitUntil(() => titles(el).length === 2, 'the workshop filter did not apply');
    expect(titles(el).sort()).to.deep.equal(['Ouvrir les données des cantines scolaires', 'Un budget participatif par quartier']);
    el.origin = 'online';
    await waitUntil(() => titles(el).length === 2 && !titles(el).some((t) => t.includes('cantines')), 'the online filter did not apply');
    el.origin = '';
    el.workshop = PAST;
    await waitUntil(
      () => titles(el).length === 2 && titles(el).some((t) => t.includes('cantines')),
      'the workshop id filter did not apply',
    );
    expect(shadowText(el)).to.contain('Atelier-relais');
  });

  it('a visible filter by origin, by keyboard; none where the backend takes no workshop report', async () => {
    const backend = await withReport();
    const { el } = await mountInProvider<PgoProposalList>(backend, C, html`<pgo-proposal-list></pgo-proposal-list>`);
    await waitUntil(() => titles(el).length === 4, 'the list did not load');
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select[name="origin"]')!;
    // Labelled by its <label> (WebKit's tree calls a select a button named after its label and value: DOM checked here).
    expect(select.labels?.[0]?.textContent?.trim().startsWith('Origine')).to.equal(true);
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => el.origin === 'workshop' && titles(el).length === 2, 'the workshop choice did not filter');
    expect(titles(el).sort()).to.deep.equal(['Ouvrir les données des cantines scolaires', 'Un budget participatif par quartier']);
    expect(select.selectedOptions[0]!.textContent).to.equal('Ateliers-relais');
    await expect(el).to.be.accessible();
    el.remove();

    const none = workshopBackend().backend;
    none.capabilities = { ...none.capabilities, workshopReports: false };
    const other = await mountInProvider<PgoProposalList>(none, C, html`<pgo-proposal-list></pgo-proposal-list>`);
    await waitUntil(() => titles(other.el).length > 0, 'the list did not load');
    expect(other.el.shadowRoot!.querySelector('select[name="origin"]')).to.equal(null);
  });

  it('“this workshop” is a visible choice by name: left and taken again by keyboard, the count said politely; from the page’s ?workshop= too', async () => {
    const backend = await withReport();
    const { el } = await mountInProvider<PgoProposalList>(backend, C, html`<pgo-proposal-list workshop=${PAST}></pgo-proposal-list>`);
    const select = () => el.shadowRoot!.querySelector<HTMLSelectElement>('select[name="origin"]')!;
    const count = () => el.shadowRoot!.querySelector('[part~="count"]')!;
    await waitUntil(
      () => titles(el).length === 2 && select().selectedOptions[0]!.textContent!.includes('Lyon'),
      'the workshop is not named',
    );
    expect(select().selectedOptions[0]!.textContent).to.equal(`Cet atelier-relais : Atelier-relais des Pentes ${XSS}, Lyon`);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(count().getAttribute('role')).to.equal('status');
    expect(count().textContent!.trim()).to.equal('2 propositions');
    await expect(el).to.be.accessible();
    select().focus();
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowUp' });
    await waitUntil(
      () => titles(el).length === 4 && count().textContent!.trim() === '4 propositions',
      'leaving the workshop did not show all',
    );
    expect(select().value).to.equal('');
    expect(el.workshop).to.equal(PAST, 'the attribute is left as the host set it');
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
    await waitUntil(
      () => titles(el).length === 2 && count().textContent!.trim() === '2 propositions',
      'the workshop could not be taken again',
    );
    expect(select().value).to.equal('this');
    el.remove();

    // From an event card's link: the page's ?workshop=, which the list never rewrites.
    const address = location.href;
    history.replaceState(null, '', `?workshop=${PAST}`);
    try {
      const linked = await mountInProvider<PgoProposalList>(backend, C, html`<pgo-proposal-list lang="en"></pgo-proposal-list>`, {
        lang: 'en',
      });
      const choice = () => linked.el.shadowRoot!.querySelector<HTMLSelectElement>('select[name="origin"]')!;
      await waitUntil(
        () => titles(linked.el).length === 2 && choice().selectedOptions[0]!.textContent!.includes('Lyon'),
        'the page’s workshop',
      );
      expect(choice().selectedOptions[0]!.textContent).to.equal(`This relay workshop: Atelier-relais des Pentes ${XSS}, Lyon`);
      choice().focus();
      await sendKeys({ press: 'ArrowUp' });
      await waitUntil(() => linked.el.origin === 'workshop' && choice().value === 'workshop', 'the relay workshops choice');
      await waitUntil(() => titles(linked.el).length === 2, 'all workshops’ contributions');
      expect(location.search).to.equal(`?workshop=${PAST}`);
    } finally {
      history.replaceState(null, '', address);
    }
  });
});

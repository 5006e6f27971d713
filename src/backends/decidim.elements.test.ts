import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from '../test-utils/wait.js';
import { html } from 'lit';
import '../define/index.js';
import './decidim/index.js';
import type { PgoConsultation } from '../elements/consultation/consultation.js';
import { shadowText } from '../test-utils/mount.js';
import {
  CALLBACK,
  CLIENT_ID,
  crossOrigin,
  DECIDIM_VERSIONS,
  demoDecidimFixture,
  seedDecidim,
  SITE,
  type DecidimVersion,
} from '../../test/decidim/fixture.js';

// The widgets on a Decidim process, through `backend="decidim"` as a webmaster would write it, against the
// local Decidim stand-in, once per pinned Decidim version. The fixture's texts carry HTML and script
// payloads: none may ever run.
const trap = window as unknown as { __pwned?: unknown; __control?: unknown };
let version: DecidimVersion = '0.32';

async function mount(options: { clientId?: boolean; votesHidden?: boolean; otherSite?: boolean } = {}) {
  const seeded = await seedDecidim(demoDecidimFixture(Date.now(), { votesHidden: !!options.votesHidden, version }));
  const endpoint = options.otherSite ? crossOrigin(seeded) : seeded;
  const provider = await fixture<PgoConsultation>(html`
    <pgo-consultation backend="decidim" endpoint=${endpoint} consultation="budget-2027" process="budget-2027"
      proposals-component="12" meetings-component="13" lang="fr" client-id=${options.clientId ? CLIENT_ID : ''} redirect-uri=${CALLBACK()}>
      <pgo-phase-countdown></pgo-phase-countdown>
      <pgo-proposal-list></pgo-proposal-list>
      <pgo-vote-button proposal="101"></pgo-vote-button>
      <pgo-event-card event="201"></pgo-event-card>
      <pgo-event-card event="202"></pgo-event-card>
      <pgo-event-list></pgo-event-list>
    </pgo-consultation>`);
  await waitUntil(() => provider.session?.status === 'ready', 'the Decidim process did not load');
  const get = <T extends HTMLElement>(selector: string) => provider.querySelector<T>(selector)!;
  return { provider, get, endpoint };
}

/** Every shadow root under `root`, deeply. */
function shadowRoots(root: ParentNode): ShadowRoot[] {
  return [...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el.shadowRoot, ...shadowRoots(el.shadowRoot)] : []));
}

for (const pinned of DECIDIM_VERSIONS)
  describe(`decidim backend in the elements (Decidim ${pinned})`, function () {
    this.timeout(20_000);
    before(() => (version = pinned));
    beforeEach(() => {
      delete trap.__pwned;
      delete trap.__control;
    });

    it('the countdown shows the Decidim step open now', async () => {
      const { get } = await mount();
      const countdown = get('pgo-phase-countdown');
      await waitUntil(() => shadowText(countdown).includes('Dépôt des idées'), 'the step title is shown');
      expect(shadowText(countdown)).to.not.include('<');
    });

    it('the proposal list shows Decidim proposals as text with their counts; a hidden count is not shown as zero', async () => {
      const { get } = await mount();
      const list = get('pgo-proposal-list');
      await waitUntil(() => shadowText(list).includes('Des bancs au parc des Lilas'), 'the proposals are listed');
      const text = shadowText(list);
      expect(text).to.include('Un jardin partagé & une grainothèque');
      expect(text).to.include('A cycle lane on the avenue');
      expect(text).to.not.match(/<\/?(p|b|script|img)\b/);

      const hidden = await mount({ votesHidden: true });
      const button = hidden.get('pgo-vote-button');
      await waitUntil(() => !!button.shadowRoot?.querySelector('button.vote'), 'the vote button renders');
      expect(button.shadowRoot!.querySelector('[part="count"]'), 'no count shown').to.equal(null);
    });

    it('without a client id, the vote button says voting is not available here', async () => {
      const { get, provider } = await mount();
      const button = get('pgo-vote-button');
      await waitUntil(() => shadowText(button).includes('Le soutien n’est pas disponible ici.'), 'the reason is given');
      const vote = button.shadowRoot!.querySelector('button.vote')!;
      expect(vote.getAttribute('aria-disabled')).to.equal('true');
      expect(shadowText(button)).to.include('4');
      expect(provider.session!.consultation!.linkOut?.votes).to.equal(`${SITE}/processes/budget-2027/f/12/`);
      // Where one can vote instead: the proposal's page on Decidim.
      const link = button.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="link-out"]');
      expect(link?.href.startsWith(`${SITE}/processes/budget-2027/f/12/`)).to.equal(true);
    });

    it('on another site without CORS on /oauth/token, the vote button links to Decidim instead of failing', async () => {
      const { get } = await mount({ clientId: true, otherSite: true });
      const button = get('pgo-vote-button');
      await waitUntil(() => shadowText(button).includes('Le soutien n’est pas disponible ici.'), 'the reason is given');
      const link = button.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="link-out"]');
      expect(link?.href.startsWith(`${SITE}/processes/budget-2027/f/12/`)).to.equal(true);
    });

    it('the event list shows the Decidim meetings as an agenda', async () => {
      const { get } = await mount();
      const list = get('pgo-event-list');
      // Each meeting is a compact card inside the list's shadow root.
      const cardsText = () => [...(list.shadowRoot?.querySelectorAll('pgo-event-card') ?? [])].map((card) => shadowText(card)).join(' ');
      await waitUntil(
        () => cardsText().includes('Atelier au centre social') && cardsText().includes('Réunion en ligne'),
        'the meetings are listed',
        { timeout: 8000 },
      );
      expect(shadowText(list)).to.match(/3 événements/);
      expect(cardsText()).to.not.match(/<\/?(p|b|i|script|img)\b/);
    });

    it('with a client id, a click signs in through the popup and supports the proposal', async () => {
      const { get, provider } = await mount({ clientId: true });
      const button = get('pgo-vote-button');
      await waitUntil(() => !!button.shadowRoot?.querySelector('button.vote:not([aria-disabled])'), 'the vote button is usable');
      (button.shadowRoot!.querySelector('button.vote') as HTMLButtonElement).click();
      await waitUntil(() => provider.session!.votes.tallyOf('101')?.total === 5, 'the support is counted', { timeout: 10_000 });
      await waitUntil(
        () => button.shadowRoot!.querySelector('button.vote')!.getAttribute('aria-pressed') === 'true',
        'the button shows the support',
      );
    });

    it('event cards show Decidim meetings: on the platform, registration elsewhere', async () => {
      const { get } = await mount();
      const full = get('pgo-event-card');
      const online = get('pgo-event-card[event="202"]');
      await waitUntil(
        () => shadowText(full).includes('Atelier au centre social') && shadowText(online).includes('Réunion en ligne'),
        'the meetings are shown',
      );
      expect(shadowText(full)).to.include('Lyon');
      const register = online.shadowRoot!.querySelector<HTMLAnchorElement>('a[part~="register"]');
      expect(register?.href).to.equal('https://inscription.example.org/budget');
    });

    it('no HTML or script from Decidim ever runs or reaches the page as markup', async () => {
      const { provider } = await mount({ clientId: true });
      await waitUntil(
        () => shadowRoots(provider).some((root) => root.textContent?.includes('Des bancs au parc')),
        'the proposals are shown',
      );
      await waitUntil(
        () => shadowRoots(provider).some((root) => root.textContent?.includes('Atelier au centre social')),
        'the meetings are shown',
      );
      // A positive control: the same kind of payload, put in the page on purpose, does run, and by then
      // any payload the widgets had let in would have run too.
      const control = document.createElement('div');
      control.innerHTML = '<img src="data:," onerror="window.__control = 1">';
      document.body.append(control);
      await waitUntil(() => trap.__control === 1, 'the control payload runs');
      control.remove();
      expect(trap.__pwned).to.equal(undefined);
      for (const root of shadowRoots(provider)) {
        expect(root.querySelector('script, img[onerror], svg[onload], a[href^="javascript:"]'), 'a payload element').to.equal(null);
      }
      const text = shadowRoots(provider)
        .map((root) => root.textContent)
        .join(' ');
      expect(text).to.not.include('__pwned');
    });
  });

import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../test-utils/wait.js';
import { html } from 'lit';
import { MemoryBackend } from '../../backends/memory.js';
import { DAY, HOUR, MINUTE } from '../../core/phase.js';
import type { Phase } from '../../core/schemas.js';
import { actionPlanConsultation, iso } from '../../test-utils/fixtures.js';
import { mountInProvider, restorePageVisibility, setPageVisibility, shadowText } from '../../test-utils/mount.js';
import type { PgoPhaseCountdown } from './phase-countdown.js';

/** A backend whose clock reads `serverNow` at the moment of the call (then runs with real time). */
function backendAt(serverNow: number, phases?: Phase[]) {
  const started = Date.now();
  // Phases placed 30 s later than `serverNow`, so "21 days" still reads 21 days after a slow mount.
  const consultation = actionPlanConsultation(serverNow + 30_000, 'ideation');
  if (phases) consultation.phases = phases;
  return new MemoryBackend({ consultations: [consultation] }, { now: () => serverNow + (Date.now() - started) });
}

async function mount(backend: MemoryBackend, lang = 'fr', attrs = '') {
  const { el, provider } = await mountInProvider<PgoPhaseCountdown>(
    backend,
    'plan-action-2017',
    attrs === 'compact' ? html`<pgo-phase-countdown compact></pgo-phase-countdown>` : html`<pgo-phase-countdown></pgo-phase-countdown>`,
    { lang },
  );
  return { el, provider };
}

/** Counts the page's setTimeout calls until `restore()`; `wait` sleeps without being counted. */
/** Records the delay of every timer armed until `restore()`. */
function recordTimers() {
  const original = window.setTimeout;
  const timers = {
    delays: [] as number[],
    /** Waits on the engine's own timer, not recorded. */
    wait: (ms: number) => new Promise((resolve) => original(resolve, ms)),
    restore: () => (window.setTimeout = original),
  };
  window.setTimeout = ((handler: TimerHandler, delay?: number, ...rest: unknown[]) => {
    timers.delays.push(delay ?? 0);
    return original(handler, delay, ...rest);
  }) as typeof setTimeout;
  return timers;
}

const statusText = (el: PgoPhaseCountdown) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

describe('<pgo-phase-countdown>', () => {
  // Pages of a concurrent run may report themselves hidden: each test says what it needs.
  beforeEach(() => setPageVisibility('visible'));
  afterEach(() => restorePageVisibility());

  it('shows the loading state, then the open phase, its time left and its end date', async () => {
    const now = Date.parse('2027-03-25T10:00:00+01:00');
    const backend = backendAt(now);
    const release = backend.hold();
    const { el } = await mountInProvider<PgoPhaseCountdown>(
      backend,
      'plan-action-2017',
      html`<pgo-phase-countdown></pgo-phase-countdown>`,
      { ready: false },
    );
    expect(shadowText(el)).to.equal('Chargement…');
    expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist;
    await expect(el).to.be.accessible();
    release();
    await waitUntil(() => shadowText(el).includes('Idéation'));
    expect(shadowText(el, '[part="heading"]')).to.equal('Phase en cours Idéation');
    expect(shadowText(el, '[part="remaining"]')).to.equal('Il reste 21 jours');
    const deadline = el.shadowRoot!.querySelector('[part="deadline"] time')!;
    expect(deadline.getAttribute('datetime')).to.equal(iso(now + 30_000 + 21 * DAY));
    expect(deadline.textContent).to.contain('15 avril 2027');
    await expect(el).to.be.accessible();
  });

  it('marks the current phase in the timeline with aria-current="step" and its progress', async () => {
    const now = Date.parse('2027-03-25T10:00:00+01:00');
    const { el } = await mount(backendAt(now));
    const items = el.shadowRoot!.querySelectorAll('li');
    expect(items).to.have.length(2);
    expect(items[0]!.getAttribute('aria-current')).to.equal('step');
    expect(items[1]!.hasAttribute('aria-current')).to.equal(false);
    const bar = items[0]!.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuenow')).to.equal('32'); // 10 days of 31
    expect(bar.getAttribute('aria-label')).to.equal('Avancement de la phase « Idéation »');
    expect(items[0]!.querySelectorAll('time')[0]!.getAttribute('datetime')).to.equal(iso(now + 30_000 - 10 * DAY));
  });

  it('counts down to the first phase when the consultation has not started', async () => {
    const now = Date.now();
    const consultation = actionPlanConsultation(now, 'before');
    const backend = new MemoryBackend({ consultations: [consultation] });
    const { el } = await mount(backend);
    expect(shadowText(el, '[part="heading"]')).to.equal('Prochaine phase Idéation');
    expect(shadowText(el, '[part="remaining"]')).to.match(/^La consultation commence dans (2 jours et 23 heures|3 jours)$/);
    expect(el.shadowRoot!.querySelector('[aria-current]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('counts down to the next phase between two phases', async () => {
    const backend = new MemoryBackend({ consultations: [actionPlanConsultation(Date.now(), 'between')] });
    const { el } = await mount(backend);
    expect(shadowText(el, '[part="heading"]')).to.equal('Prochaine phase Co-rédaction');
    expect(shadowText(el, '[part="remaining"]')).to.match(/^Ouverture dans (51|52) jours/);
    const statuses = [...el.shadowRoot!.querySelectorAll('.phase-status')].map((s) => s.textContent);
    expect(statuses).to.deep.equal(['(terminée)', '(à venir)']);
    await expect(el).to.be.accessible();
  });

  it('says the consultation is closed after the last phase', async () => {
    const backend = new MemoryBackend({ consultations: [actionPlanConsultation(Date.now(), 'after')] });
    const { el } = await mount(backend);
    expect(shadowText(el, '[part~="heading"]')).to.equal('La consultation est terminée.');
    expect(el.shadowRoot!.querySelector('[part="remaining"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says when no phase is announced', async () => {
    const backend = backendAt(Date.now(), []);
    const { el } = await mount(backend);
    expect(shadowText(el, '[part="status"]')).to.equal('Aucune phase n’est encore annoncée.');
    expect(el.shadowRoot!.querySelector('ol')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows a load error with a retry that works', async () => {
    const backend = backendAt(Date.now());
    backend.failNext('getConsultation', 'network');
    const { el, provider } = await mount(backend);
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Impossible de charger la consultation.');
    await expect(el).to.be.accessible();
    alert.querySelector('button')!.click();
    await waitUntil(() => provider.session?.status === 'ready');
    await el.updateComplete;
    expect(shadowText(el, '[part="heading"]')).to.contain('Idéation');
  });

  it('counts real elapsed time across the March daylight-saving change in Europe/Paris', async () => {
    // 27 March 2027 noon (CET, +01:00) to 28 March noon (CEST, +02:00) is 23 hours, not a day.
    const now = Date.parse('2027-03-27T11:59:30+01:00');
    const phases: Phase[] = [
      { id: 'ideation', title: 'Idéation', kind: 'ideation', startsAt: '2027-03-15T00:00:00+01:00', endsAt: '2027-03-28T12:00:00+02:00' },
    ];
    const { el } = await mount(backendAt(now, phases));
    expect(shadowText(el, '[part="remaining"]')).to.equal('Il reste 23 heures');
    expect(shadowText(el, '[part="deadline"]')).to.match(/^Jusqu’au 28 mars 2027 (à )?12:00/);
  });

  it('trusts the server clock when the local one is 10 minutes off', async () => {
    const serverNow = Date.now() + 10 * MINUTE;
    const phases: Phase[] = [
      { id: 'ideation', title: 'Idéation', kind: 'ideation', startsAt: iso(serverNow - DAY), endsAt: iso(serverNow + 30 * MINUTE) },
    ];
    const { el, provider } = await mount(backendAt(serverNow, phases));
    expect(Math.round(provider.session!.clockOffset / MINUTE)).to.equal(10);
    // The local clock would say 40 minutes; the server says 30.
    expect(shadowText(el, '[part="remaining"]')).to.match(/^Il reste (30 minutes|29 minutes et 5\d secondes)$/);
  });

  it('formats in English', async () => {
    const now = Date.parse('2027-03-25T10:00:00+01:00');
    const { el } = await mount(backendAt(now), 'en');
    expect(shadowText(el, '[part="heading"]')).to.equal('Open now Idéation');
    expect(shadowText(el, '[part="remaining"]')).to.equal('21 days left');
    expect(shadowText(el, '[part="deadline"]')).to.match(/^Until April 15, 2027/);
    await expect(el).to.be.accessible();
  });

  it('takes its own lang over the page and its provider', async () => {
    const now = Date.parse('2027-03-25T10:00:00+01:00');
    const { el } = await mount(backendAt(now), 'fr');
    el.lang = 'en';
    await el.updateComplete;
    expect(shadowText(el, '[part="remaining"]')).to.equal('21 days left');
  });

  it('has a compact variant without the timeline', async () => {
    const now = Date.parse('2027-03-25T10:00:00+01:00');
    const { el } = await mount(backendAt(now), 'fr', 'compact');
    expect(el.shadowRoot!.querySelector('ol')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="deadline"]')).to.equal(null);
    expect(shadowText(el, '[part="remaining"]')).to.equal('Il reste 21 jours');
    await expect(el).to.be.accessible();
  });

  it('hides the timeline with hide-timeline', async () => {
    const { el } = await mount(backendAt(Date.parse('2027-03-25T10:00:00+01:00')));
    el.hideTimeline = true;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('ol')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="deadline"]')).to.exist;
  });

  it('ticks every second in the last hour and keeps the ticking text out of live regions', async () => {
    const serverNow = Date.now();
    const phases: Phase[] = [
      { id: 'ideation', title: 'Idéation', kind: 'ideation', startsAt: iso(serverNow - DAY), endsAt: iso(serverNow + 50 * MINUTE) },
    ];
    const { el } = await mount(backendAt(serverNow, phases));
    const before = shadowText(el, '[part="remaining"]');
    await waitUntil(() => shadowText(el, '[part="remaining"]') !== before, 'the countdown did not tick');
    const remaining = el.shadowRoot!.querySelector('[part="remaining"]')!;
    expect(remaining.closest('[aria-live],[role="status"],[role="timer"]')).to.equal(null);
    expect(statusText(el)).to.equal('');
  });

  it('does not tick while the page is hidden, and catches up when shown', async () => {
    const serverNow = Date.now();
    const phases: Phase[] = [
      { id: 'ideation', title: 'Idéation', kind: 'ideation', startsAt: iso(serverNow - DAY), endsAt: iso(serverNow + 50 * MINUTE) },
    ];
    const { el } = await mount(backendAt(serverNow, phases));
    const timers = recordTimers();
    try {
      setPageVisibility('hidden');
      const frozen = shadowText(el, '[part="remaining"]');
      await timers.wait(2100);
      expect(shadowText(el, '[part="remaining"]')).to.equal(frozen);
      expect(timers.delays).to.deep.equal([]);
      setPageVisibility('visible');
      await el.updateComplete;
      expect(shadowText(el, '[part="remaining"]')).not.to.equal(frozen);
      expect(timers.delays.length).to.be.greaterThan(0);
    } finally {
      timers.restore();
    }
  });

  it('wakes up once per tick: the session’s transition timer is not re-armed on every tick', async () => {
    const serverNow = Date.now();
    const phases: Phase[] = [
      { id: 'ideation', title: 'Idéation', kind: 'ideation', startsAt: iso(serverNow - DAY), endsAt: iso(serverNow + 50 * MINUTE) },
    ];
    const { el } = await mount(backendAt(serverNow, phases));
    const timers = recordTimers();
    try {
      // Two ticks seen on screen, however late or early the engine's timers fire.
      const shown = [shadowText(el, '[part="remaining"]')];
      await waitUntil(() => {
        const now = shadowText(el, '[part="remaining"]');
        if (now !== shown.at(-1)) shown.push(now);
        return shown.length >= 3;
      }, 'the countdown did not tick twice');
      // Each tick arms the countdown's next tick (at most a second away); the session's timer to the
      // transition (50 minutes away) is armed once, at load, never again on a tick.
      expect(timers.delays.length).to.be.greaterThan(0);
      expect(timers.delays.filter((delay) => delay > MINUTE)).to.deep.equal([]);
    } finally {
      timers.restore();
    }
  });

  it('emits pgo-phase-change, announces the transition and moves the provider’s phase', async () => {
    const serverNow = Date.now();
    const phases: Phase[] = [
      { id: 'ideation', title: 'Idéation', kind: 'ideation', startsAt: iso(serverNow - DAY), endsAt: iso(serverNow + 1200) },
      {
        id: 'redaction',
        title: 'Co-rédaction',
        kind: 'collaborative-writing',
        startsAt: iso(serverNow + 1200),
        endsAt: iso(serverNow + 30 * DAY),
      },
    ];
    const { el, provider } = await mount(backendAt(serverNow, phases));
    expect(provider.session!.phaseState.kind).to.equal('open');
    const event = await oneEvent(el, 'pgo-phase-change');
    expect(event.detail.state).to.equal('open');
    expect(event.detail.phase?.id).to.equal('redaction');
    expect(event.detail.previous?.id).to.equal('ideation');
    expect(event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    const state = provider.session!.phaseState;
    expect(state.kind === 'open' && state.phase.id).to.equal('redaction');
    await waitUntil(() => statusText(el) !== '');
    expect(statusText(el)).to.equal('La phase « Co-rédaction » est maintenant ouverte.');
    expect(el.shadowRoot!.querySelector('li[aria-current="step"] .phase-title')!.textContent).to.equal('Co-rédaction');
  });

  it('never shows a phase the session does not see yet (a timer that fires early, a clock re-synchronised)', async () => {
    const serverNow = Date.now();
    const phases: Phase[] = [
      { id: 'ideation', title: 'Idéation', kind: 'ideation', startsAt: iso(serverNow - DAY), endsAt: iso(serverNow + 10 * MINUTE) },
      {
        id: 'redaction',
        title: 'Co-rédaction',
        kind: 'collaborative-writing',
        startsAt: iso(serverNow + 10 * MINUTE),
        endsAt: iso(serverNow + 30 * DAY),
      },
    ];
    const { el, provider } = await mount(backendAt(serverNow, phases));
    const session = provider.session!;
    const seen: string[] = [];
    el.addEventListener('pgo-phase-change', (event) => {
      const state = session.phaseState;
      seen.push(`${event.detail.phase?.id}/${state.kind === 'open' ? state.phase.id : state.kind}`);
    });
    // The clock moves past the transition before the session's timer has run.
    session.clockOffset += 11 * MINUTE;
    el.requestUpdate();
    await el.updateComplete;
    const current = () => el.shadowRoot!.querySelector('li[aria-current="step"] .phase-title')!.textContent;
    const state = session.phaseState;
    expect(current()).to.equal(state.kind === 'open' ? state.phase.title : '');
    await waitUntil(() => seen.length > 0, 'the countdown never moved to the next phase');
    expect(seen).to.deep.equal(['redaction/redaction']);
    expect(current()).to.equal('Co-rédaction');
  });

  it('announces the last hour once, politely', async () => {
    const serverNow = Date.now();
    const phases: Phase[] = [
      { id: 'ideation', title: 'Idéation', kind: 'ideation', startsAt: iso(serverNow - DAY), endsAt: iso(serverNow + HOUR + 1000) },
    ];
    const { el } = await mount(backendAt(serverNow, phases));
    expect(statusText(el)).to.equal('');
    await waitUntil(() => statusText(el) !== '', 'no announcement');
    expect(statusText(el)).to.equal('Il reste moins d’une heure pour la phase « Idéation ».');
    const region = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
  });

  it('works alone, without a provider, from its own attributes', async () => {
    const { registerBackend } = await import('../../core/backend.js');
    const backend = backendAt(Date.parse('2027-03-25T10:00:00+01:00'));
    registerBackend('test-standalone', () => backend);
    const holder = document.createElement('div');
    holder.innerHTML = '<pgo-phase-countdown lang="en" backend="test-standalone" consultation="plan-action-2017"></pgo-phase-countdown>';
    document.body.append(holder);
    try {
      const el = holder.firstElementChild as PgoPhaseCountdown;
      await waitUntil(() => shadowText(el).includes('days left'));
      expect(shadowText(el, '[part="remaining"]')).to.equal('21 days left');
    } finally {
      holder.remove();
    }
  });

  it('says what is missing when no consultation is configured', async () => {
    const holder = document.createElement('div');
    holder.innerHTML = '<pgo-phase-countdown></pgo-phase-countdown>';
    document.body.append(holder);
    try {
      const el = holder.firstElementChild as PgoPhaseCountdown;
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Aucune consultation n’est configurée');
    } finally {
      holder.remove();
    }
  });
});

describe('a backend whose script loads after the elements', () => {
  it('fails with “unsupported” first, then works on retry once the backend registers', async () => {
    const { registerBackend } = await import('../../core/backend.js');
    const holder = document.createElement('div');
    holder.innerHTML = '<pgo-phase-countdown backend="late-test" consultation="plan-action-2017"></pgo-phase-countdown>';
    document.body.append(holder);
    try {
      const el = holder.firstElementChild as PgoPhaseCountdown;
      await waitUntil(() => el.shadowRoot?.querySelector('[role="alert"]'));
      expect(shadowText(el, '[role="alert"]')).to.contain('Cette action n’est pas disponible ici.');
      registerBackend('late-test', () => backendAt(Date.parse('2027-03-25T10:00:00+01:00')));
      el.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
      await waitUntil(() => shadowText(el).includes('Idéation'));
      expect(shadowText(el, '[part="remaining"]')).to.equal('Il reste 21 jours');
    } finally {
      holder.remove();
    }
  });
});

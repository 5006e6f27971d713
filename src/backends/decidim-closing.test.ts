import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { DAY } from '../core/phase.js';
import { WorkshopReport } from '../core/reports.js';
import { dayIn } from '../core/reports-rules.js';
import '../define/event-card.js';
import type { PgoEventCard } from '../elements/event-card/event-card.js';
import { mountInProvider } from '../test-utils/mount.js';
import { waitUntil } from '../test-utils/wait.js';
import { DecidimBackend } from './decidim/index.js';
import { decidimLog, demoDecidimFixture, failure, seedDecidim } from '../../test/decidim/fixture.js';

// Issue 22: a Decidim meeting's closing (meeting_type.rb: closingReport, attendeeCount, attendingOrganizations,
// contributionCount) read as the event's workshop report, read-only, against the local Decidim stand-in, whose
// requests are validated against the pinned schema.
const PROCESS = 'budget-2027';
const HOSTILE = '<img src=x onerror="window.__pgoClosing=1"><script>window.__pgoClosing=1</script>';
const HOUR = 3_600_000;

async function closedMeetings(now: number) {
  const fixture = demoDecidimFixture(now);
  const base = fixture.meetings[0]!;
  const past = (id: string, extra: object) => ({
    ...base,
    id,
    startTime: new Date(now - 2 * DAY).toISOString(),
    endTime: new Date(now - 2 * DAY + 2 * HOUR).toISOString(),
    url: base.url.replace(/\d+$/, id),
    ...extra,
  });
  fixture.meetings.push(
    past('204', {
      title: { fr: 'Atelier-relais des Lilas' },
      closed: true,
      closingReport: { fr: `<p>Deux heures de <b>débat</b> en trois tables.</p>${HOSTILE}`, en: '<p>Two hours of debate.</p>' },
      attendeeCount: 23,
      attendingOrganizations: `Centre social des Lilas, Association Vélo ${HOSTILE}\nConseil citoyen`,
      contributionCount: 7,
    }),
    past('205', { closed: true, closingVisible: false, closingReport: { fr: '<p>Pas encore visible</p>' }, attendeeCount: 4 }),
    past('206', { closed: false }),
  );
  return seedDecidim(fixture);
}

describe('decidim backend: a meeting’s closing as its workshop report (read-only)', function () {
  this.timeout(30_000);

  it('reads a closed meeting’s closing; none while not closed or not visible; says it files none', async () => {
    const now = Date.now();
    const endpoint = await closedMeetings(now);
    const backend = new DecidimBackend({ endpoint, process: PROCESS });
    expect(backend.capabilities).to.deep.include({ workshopReports: false, readWorkshopReports: true });
    expect('submitWorkshopReport' in backend).to.equal(false);
    const report = await backend.getWorkshopReport(PROCESS, '204');
    WorkshopReport.parse(report);
    expect(report).to.deep.include({
      eventId: '204',
      consultationId: PROCESS,
      heldOn: dayIn(now - 2 * DAY, 'Europe/Paris'),
      attendees: 23,
      status: 'published',
      contributionCount: 7,
    });
    expect(report.contributions).to.deep.equal([]);
    expect(report.summary).to.equal('Deux heures de débat en trois tables.');
    expect(report.organisations).to.deep.equal(['Centre social des Lilas', 'Association Vélo', 'Conseil citoyen']);
    expect((await new DecidimBackend({ endpoint, process: PROCESS, locale: 'en' }).getWorkshopReport(PROCESS, '204')).summary).to.equal(
      'Two hours of debate.',
    );
    for (const id of ['205', '206', '999']) expect((await failure(backend.getWorkshopReport(PROCESS, id))).code, id).to.equal('not-found');
    const log = await decidimLog(endpoint);
    expect(log.filter((entry) => /PgoMeetingClosing/.test(entry.query)).length).to.be.above(0);
    expect(log.every((entry) => entry.token === null)).to.equal(true);
  });

  it('<pgo-event-card> of the past meeting shows its closing: facts, organisations, text, count; no link; accessible', async () => {
    const backend = new DecidimBackend({ endpoint: await closedMeetings(Date.now()), process: PROCESS, meetingsComponent: '13' });
    const { el } = await mountInProvider<PgoEventCard>(backend, PROCESS, html`<pgo-event-card event="204"></pgo-event-card>`);
    const report = () => el.shadowRoot!.querySelector('[part~="report"]');
    await waitUntil(() => report(), 'the closing is not shown');
    const text = report()!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Compte rendu de l’atelier');
    expect(text).to.contain('23 personnes');
    expect(text).to.contain('Centre social des Lilas, Association Vélo, Conseil citoyen');
    expect(text).to.contain('Deux heures de débat en trois tables.');
    expect(text).to.contain('7 contributions recueillies lors de la rencontre');
    expect(report()!.querySelector('a, ul')).to.equal(null);
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect((window as unknown as { __pgoClosing?: number }).__pgoClosing).to.equal(undefined);
    await expect(el).to.be.accessible();
  });
});

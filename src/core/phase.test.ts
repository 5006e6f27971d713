import { expect } from '@open-wc/testing';
import { actionWindow, delayToNextTick, HOUR, MINUTE, nextTransition, phaseStateAt, SECOND, splitDuration } from './phase.js';
import { offsetAt, zonedTimeToInstant } from './time-zone.js';
import type { Phase } from './schemas.js';
import { actionPlanConsultation } from '../test-utils/fixtures.js';

const phases: Phase[] = [
  { id: 'b', title: 'B', kind: 'collaborative-writing', startsAt: '2027-06-15T00:00:00+02:00', endsAt: '2027-07-15T23:59:00+02:00' },
  { id: 'a', title: 'A', kind: 'ideation', startsAt: '2027-03-15T00:00:00+01:00', endsAt: '2027-04-15T23:59:00+02:00' },
];

describe('phase maths', () => {
  it('finds every state, whatever the order of the phases', () => {
    expect(phaseStateAt([], 0).kind).to.equal('empty');
    const before = phaseStateAt(phases, Date.parse('2027-03-01T00:00:00Z'));
    expect(before.kind === 'upcoming' && before.next.id).to.equal('a');
    const open = phaseStateAt(phases, Date.parse('2027-03-20T00:00:00Z'));
    expect(open.kind === 'open' && open.phase.id).to.equal('a');
    expect(open.kind === 'open' && open.next?.id).to.equal('b');
    const between = phaseStateAt(phases, Date.parse('2027-05-01T00:00:00Z'));
    expect(between.kind === 'between' && `${between.previous.id}>${between.next.id}`).to.equal('a>b');
    const closed = phaseStateAt(phases, Date.parse('2027-08-01T00:00:00Z'));
    expect(closed.kind === 'closed' && closed.last.id).to.equal('b');
  });

  it('treats the start instant as open and the end instant as closed', () => {
    const start = Date.parse('2027-03-15T00:00:00+01:00');
    expect(phaseStateAt(phases, start).kind).to.equal('open');
    expect(phaseStateAt(phases, start - 1).kind).to.equal('upcoming');
    const end = Date.parse('2027-04-15T23:59:00+02:00');
    expect(phaseStateAt(phases, end).kind).to.equal('between');
  });

  it('measures time left across the March DST change as elapsed time', () => {
    const now = Date.parse('2027-03-27T12:00:00+01:00');
    const p: Phase[] = [{ id: 'x', title: 'X', kind: 'other', startsAt: '2027-03-01T00:00:00+01:00', endsAt: '2027-03-28T12:00:00+02:00' }];
    const state = phaseStateAt(p, now);
    expect(state.kind === 'open' && state.until).to.equal(23 * HOUR);
    expect(nextTransition(p, now)).to.equal(Date.parse('2027-03-28T10:00:00Z'));
  });

  it('converts Paris wall-clock times to instants on both sides of DST changes', () => {
    expect(zonedTimeToInstant({ year: 2027, month: 3, day: 15 }, 'Europe/Paris').toISOString()).to.equal('2027-03-14T23:00:00.000Z');
    expect(zonedTimeToInstant({ year: 2027, month: 4, day: 15 }, 'Europe/Paris').toISOString()).to.equal('2027-04-14T22:00:00.000Z');
    expect(zonedTimeToInstant({ year: 2027, month: 10, day: 31, hour: 12 }, 'Europe/Paris').toISOString()).to.equal(
      '2027-10-31T11:00:00.000Z',
    );
    expect(offsetAt(Date.parse('2027-07-01T00:00:00Z'), 'Europe/Paris')).to.equal(2 * HOUR);
  });

  it('ticks per displayed unit: seconds in the last hour, minutes before', () => {
    expect(delayToNextTick(HOUR - 1500)).to.equal(500);
    expect(delayToNextTick(HOUR + 90 * SECOND)).to.equal(30 * SECOND);
    expect(delayToNextTick(3 * 24 * HOUR)).to.equal(MINUTE);
    expect(splitDuration(26 * HOUR + 61 * SECOND)).to.deep.equal({ days: 1, hours: 2, minutes: 1, seconds: 1 });
  });

  it('tells whether an action is open and when it opens next', () => {
    const now = Date.now();
    const between = actionPlanConsultation(now, 'between');
    const w = actionWindow(between, 'proposals', now);
    expect(w.open).to.equal(false);
    expect(w.opensAt).to.equal(null); // proposals only in ideation, which is over
    const votes = actionWindow(between, 'votes', now);
    expect(votes.opensAt?.id).to.equal('redaction');
    expect(actionWindow(actionPlanConsultation(now, 'ideation'), 'proposals', now).open).to.equal(true);
  });
});

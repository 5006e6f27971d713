/**
 * Phase maths as pure functions. Phases are absolute instants, so durations are plain millisecond
 * differences and stay right across daylight-saving changes; only display goes through a time zone.
 */
import type { Consultation, Phase } from './schemas.js';

export type PhaseState =
  | { kind: 'empty' }
  | { kind: 'upcoming'; next: Phase; until: number }
  | { kind: 'open'; phase: Phase; next: Phase | null; until: number; progress: number }
  | { kind: 'between'; previous: Phase; next: Phase; until: number }
  | { kind: 'closed'; last: Phase };

/** A key that changes exactly when the phase shown changes (which phase is open, or which comes next). */
export function phaseKey(state: PhaseState): string {
  switch (state.kind) {
    case 'open':
      return `open:${state.phase.id}`;
    case 'upcoming':
      return `upcoming:${state.next.id}`;
    case 'between':
      return `between:${state.previous.id}:${state.next.id}`;
    case 'closed':
      return 'closed';
    default:
      return 'empty';
  }
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const start = (p: Phase) => Date.parse(p.startsAt);
const end = (p: Phase) => Date.parse(p.endsAt);

export function sortPhases(phases: readonly Phase[]): Phase[] {
  return [...phases].sort((a, b) => start(a) - start(b));
}

/** Where a consultation stands at `now` (ms since epoch). `until` is the ms left to the next transition. */
export function phaseStateAt(phases: readonly Phase[], now: number): PhaseState {
  const sorted = sortPhases(phases);
  if (!sorted.length) return { kind: 'empty' };
  const first = sorted[0]!;
  if (now < start(first)) return { kind: 'upcoming', next: first, until: start(first) - now };
  for (let i = 0; i < sorted.length; i++) {
    const phase = sorted[i]!;
    const next = sorted[i + 1] ?? null;
    if (now >= start(phase) && now < end(phase)) {
      const length = end(phase) - start(phase);
      return { kind: 'open', phase, next, until: end(phase) - now, progress: length > 0 ? (now - start(phase)) / length : 1 };
    }
    if (next && now >= end(phase) && now < start(next)) {
      return { kind: 'between', previous: phase, next, until: start(next) - now };
    }
  }
  const last = sorted.reduce((a, b) => (end(b) > end(a) ? b : a));
  return { kind: 'closed', last };
}

/** The instant of the next transition after `now`, or null when the consultation is over. */
export function nextTransition(phases: readonly Phase[], now: number): number | null {
  const state = phaseStateAt(phases, now);
  return state.kind === 'empty' || state.kind === 'closed' ? null : now + state.until;
}

/** The phase open at `now`, if any. */
export function currentPhase(phases: readonly Phase[], now: number): Phase | null {
  const state = phaseStateAt(phases, now);
  return state.kind === 'open' ? state.phase : null;
}

/** The next phase (after `now`) whose id is in `ids`: when a closed action opens again. */
export function nextPhaseAmong(phases: readonly Phase[], ids: readonly string[], now: number): Phase | null {
  return sortPhases(phases).find((p) => ids.includes(p.id) && start(p) > now) ?? null;
}

export type Action = 'proposals' | 'votes' | 'eventProposals';

/** Whether the phase open at `now` accepts an action, and when it next opens if not. */
export function actionWindow(
  consultation: Consultation,
  action: Action,
  now: number,
): { open: boolean; phase: Phase | null; opensAt: Phase | null } {
  const ids =
    action === 'proposals'
      ? consultation.settings.proposalPhases
      : action === 'votes'
        ? consultation.settings.votePhases
        : consultation.settings.eventProposalPhases;
  const phase = currentPhase(consultation.phases, now);
  const open = !!phase && ids.includes(phase.id);
  return { open, phase, opensAt: open ? null : nextPhaseAmong(consultation.phases, ids, now) };
}

/** The last instant of the consultation: counts hidden "until the end" show after it. */
export function consultationEnd(phases: readonly Phase[]): number | null {
  return phases.length ? Math.max(...phases.map(end)) : null;
}

export interface Duration {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function splitDuration(ms: number): Duration {
  const total = Math.max(0, Math.floor(ms / SECOND));
  return {
    days: Math.floor(total / 86400),
    hours: Math.floor((total % 86400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/**
 * The unit a countdown shows for `ms` left: seconds only in the last hour, minutes in the last day,
 * hours beyond. The countdown wakes up once per unit, and never more often than once a minute when
 * more than a day remains.
 */
export function displayUnit(ms: number): number {
  if (ms <= HOUR) return SECOND;
  return MINUTE;
}

/** Milliseconds until what a countdown shows for `ms` left changes (at least 1 ms). */
export function delayToNextTick(ms: number): number {
  const unit = displayUnit(ms);
  const rest = ms % unit;
  return rest === 0 ? unit : rest;
}

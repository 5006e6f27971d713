import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PgoElement } from '../../base/pgo-element.js';
import type { ReadySession } from '../../base/session.js';
import { formatInstant } from '../../core/format.js';
import { offsetAt } from '../../core/time-zone.js';
import type { Locale } from '../../core/i18n.js';
import { tCountdown } from './phase-countdown.messages.js';
import {
  DAY,
  delayToNextTick,
  HOUR,
  MINUTE,
  phaseKey,
  phaseStateAt,
  sortPhases,
  splitDuration,
  type PhaseState,
} from '../../core/phase.js';
import type { Phase } from '../../core/schemas.js';
import { progressStyles } from '../../styles/progress.js';
import { baseStyles } from '../../styles/tokens.js';
import { styleProps } from '../../base/style-props.js';
import { countdownStyles } from './phase-countdown.styles.js';

export interface PhaseChangeDetail {
  /** `upcoming`, `open`, `between`, `closed` or `empty`. */
  state: PhaseState['kind'];
  /** The phase open now, if any. */
  phase: Phase | null;
  /** The phase that was open before the change, if any. */
  previous: Phase | null;
}

declare global {
  interface HTMLElementEventMap {
    'pgo-phase-change': CustomEvent<PhaseChangeDetail>;
  }
}

type Threshold = 'far' | 'day' | 'hour';

/**
 * What a citizen sees on a town-hall page: the phase open now and the time left in it, or the time
 * until the first or next phase, or that the consultation is closed, with the timeline of phases.
 * The ticking text is not a live region: a polite status announces only phase changes and the last
 * day and hour. It ticks once per displayed unit (seconds only in the last hour) and not at all while
 * the page is hidden.
 *
 * @summary The current phase of a consultation, the time left and the timeline of phases.
 * @fires pgo-phase-change - When the open phase changes (it also updates the phase every other element sees).
 * @csspart base - The wrapper.
 * @csspart heading - The line naming the current or next phase.
 * @csspart remaining - The time left.
 * @csspart deadline - The date the current phase ends or the next one opens.
 * @csspart timeline - The list of phases.
 * @csspart phase - One phase of the timeline; `phase current` for the open one.
 * @csspart progress - The progress bar of the open phase.
 * @csspart progress-value - The filled part of the progress bar.
 * @csspart status - Loading, empty and closed messages.
 * @csspart error - The load error with its retry button.
 * @cssproperty --pgo-color-primary - Accent: the current phase and the progress bar.
 * @cssproperty --pgo-color-text - Text colour.
 * @cssproperty --pgo-color-text-muted - Secondary text colour (dates, past phases).
 * @cssproperty --pgo-color-surface - Background of the box.
 * @cssproperty --pgo-color-border - Timeline rule and progress track.
 * @cssproperty --pgo-font-family - Font stack.
 * @cssproperty --pgo-font-size - Base font size (px).
 * @cssproperty --pgo-radius - Corner radius.
 * @cssproperty --pgo-space - Base spacing.
 */
export class PgoPhaseCountdown extends PgoElement {
  static override styles = [baseStyles, progressStyles, countdownStyles];

  /** One line: the phase and the time left, without the timeline. */
  @property({ type: Boolean, reflect: true }) compact = false;
  /** Hide the timeline of phases. */
  @property({ type: Boolean, attribute: 'hide-timeline' }) hideTimeline = false;

  /** The text the polite status region carries: only transitions and thresholds. */
  @state() private announcement = '';

  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastKey: string | null = null;
  private lastPhase: Phase | null = null;
  private lastThreshold: Threshold | null = null;
  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') this.stopTicking();
    else this.requestUpdate();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stopTicking();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.scheduleTick();
  }

  /**
   * The state on the server's clock, computed at render time, but never ahead of the session's phase: timers fire
   * a few milliseconds early or late and the clock may be re-synchronised, and every element must show the same
   * phase. Until the session applies a due transition, its phase is shown and the next tick is immediate.
   */
  private currentState(): { state: PhaseState; transitionDue: boolean } | null {
    const session = this.session;
    if (!session?.consultation || session.status !== 'ready') return null;
    const state = phaseStateAt(session.consultation.phases, session.now());
    const transitionDue = phaseKey(state) !== phaseKey(session.phaseState);
    return { state: transitionDue ? session.phaseState : state, transitionDue };
  }

  private scheduleTick(): void {
    this.stopTicking();
    if (document.visibilityState === 'hidden') return;
    const current = this.currentState();
    if (!current) return;
    const { state, transitionDue } = current;
    if (state.kind === 'empty' || state.kind === 'closed') return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.session?.refreshPhase();
        this.requestUpdate();
      },
      transitionDue ? 0 : Math.min(delayToNextTick(state.until), state.until + 1),
    );
  }

  private stopTicking(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Announces transitions and thresholds crossed since the last render (never the first one). */
  private track(state: PhaseState): void {
    const key = phaseKey(state);
    const phase = state.kind === 'open' ? state.phase : null;
    const threshold: Threshold | null = state.kind === 'open' ? (state.until <= HOUR ? 'hour' : state.until <= DAY ? 'day' : 'far') : null;
    const locale = this.locale;
    if (this.lastKey !== null && key !== this.lastKey) {
      if (state.kind === 'open') this.announcement = tCountdown(locale, 'announceOpen', { title: state.phase.title });
      else if (state.kind === 'between')
        this.announcement = tCountdown(locale, 'announceBetween', { title: state.previous.title, next: state.next.title });
      else if (state.kind === 'closed') this.announcement = tCountdown(locale, 'announceClosed');
      this.emit('pgo-phase-change', { state: state.kind, phase, previous: this.lastPhase });
    } else if (phase && this.lastThreshold && threshold && threshold !== this.lastThreshold && threshold !== 'far') {
      this.announcement = tCountdown(locale, threshold === 'hour' ? 'announceHour' : 'announceDay', { title: phase.title });
    }
    this.lastKey = key;
    this.lastPhase = phase;
    this.lastThreshold = threshold;
  }

  protected override render() {
    const session = this.ready;
    if (!session) return this.renderSessionState();
    const { consultation } = session;
    const { state } = this.currentState()!;
    // Announcements are derived from what is rendered, so they follow the display exactly.
    queueMicrotask(() => this.track(state));
    const locale = this.locale;
    return html`<section part="base" class="base" aria-label=${tCountdown(locale, 'label')}>
      ${this.renderSummary(state, locale, consultation.timeZone)}
      ${this.compact || this.hideTimeline || state.kind === 'empty' ? nothing : this.renderTimeline(state, locale, session)}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </section>`;
  }

  private renderSummary(state: PhaseState, locale: Locale, timeZone: string) {
    const time = (instant: string) => html`<time datetime=${instant}>${formatInstant(locale, instant, timeZone)}</time>`;
    switch (state.kind) {
      case 'empty':
        return html`<p part="status" class="status">${tCountdown(locale, 'empty')}</p>`;
      case 'closed':
        return html`<p part="heading status" class="heading">${tCountdown(locale, 'closed')}</p>
          ${this.compact ? nothing : html`<p part="deadline" class="deadline">${this.fill(tCountdown(locale, 'closedOn', { date: '\u0000' }), time(state.last.endsAt))}</p>`}`;
      case 'open':
        return html`<p part="heading" class="heading"><span class="label">${tCountdown(locale, 'openNow')}</span> <strong class="title">${state.phase.title}</strong></p>
          <p part="remaining" class="remaining">${tCountdown(locale, 'timeLeft', { duration: this.duration(locale, state.until) })}</p>
          ${this.compact ? nothing : html`<p part="deadline" class="deadline">${this.fill(tCountdown(locale, 'endsOn', { date: '\u0000' }), time(state.phase.endsAt))}</p>`}`;
      case 'upcoming':
      case 'between':
        return html`<p part="heading" class="heading"><span class="label">${tCountdown(locale, 'nextPhase')}</span> <strong class="title">${state.next.title}</strong></p>
          <p part="remaining" class="remaining">${
            state.kind === 'upcoming'
              ? tCountdown(locale, 'startsIn', { duration: this.duration(locale, state.until) })
              : tCountdown(locale, 'opensIn', { duration: this.duration(locale, state.until) })
          }</p>
          ${this.compact ? nothing : html`<p part="deadline" class="deadline">${this.fill(tCountdown(locale, 'opensOn', { date: '\u0000' }), time(state.next.startsAt))}</p>`}`;
    }
  }

  private renderTimeline(state: PhaseState, locale: Locale, session: ReadySession) {
    const { timeZone, phases } = session.consultation;
    const now = session.now();
    const date = (instant: string) => html`<time datetime=${instant}>${formatInstant(locale, instant, timeZone, 'date')}</time>`;
    return html`<ol part="timeline" class="timeline" aria-label=${tCountdown(locale, 'timeline')}>
      ${sortPhases(phases).map((phase) => {
        const current = state.kind === 'open' && state.phase.id === phase.id;
        const done = Date.parse(phase.endsAt) <= now;
        const status = current ? 'phaseCurrent' : done ? 'phaseDone' : 'phaseUpcoming';
        // Closing at midnight in the consultation's zone: the last day is the day before ("au 19 décembre inclus").
        const end = Date.parse(phase.endsAt);
        const atMidnight = (end + offsetAt(end, timeZone)) % DAY === 0;
        const range = tCountdown(locale, atMidnight ? 'dateRangeInclusive' : 'dateRange', { start: '\u0000', end: '\u0001' });
        return html`<li part=${current ? 'phase current' : 'phase'} class="phase ${status}" aria-current=${current ? 'step' : nothing}>
          <span class="phase-title">${phase.title}</span>
          <span class="phase-status">(${tCountdown(locale, status)})</span>
          <span class="phase-dates">${this.fill(range, date(phase.startsAt), date(atMidnight ? new Date(end - 1).toISOString() : phase.endsAt))}</span>
          ${current && state.kind === 'open' ? this.renderProgress(state.progress, phase, locale) : nothing}
        </li>`;
      })}
    </ol>`;
  }

  private renderProgress(progress: number, phase: Phase, locale: Locale) {
    const percent = Math.round(progress * 100);
    return html`<div part="progress" class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent}
      aria-valuetext="${percent} %" aria-label=${tCountdown(locale, 'progress', { title: phase.title })}>
      <div part="progress-value" class="progress-value" style=${styleProps({ inlineSize: `${percent}%` })}></div>
    </div>`;
  }

  /** "3 jours et 4 heures", "2 heures et 5 minutes", "4 minutes et 10 secondes": two units at most. */
  private duration(locale: Locale, ms: number): string {
    const { days, hours, minutes, seconds } = splitDuration(ms);
    const part = (key: 'days' | 'hours' | 'minutes' | 'seconds', count: number) => tCountdown(locale, key, { count });
    const pair = (a: string, b: string | null) => (b ? tCountdown(locale, 'and', { a, b }) : a);
    if (ms >= DAY) return pair(part('days', days), hours ? part('hours', hours) : null);
    if (ms >= HOUR) return pair(part('hours', hours), minutes ? part('minutes', minutes) : null);
    if (ms >= MINUTE) return pair(part('minutes', minutes), seconds ? part('seconds', seconds) : null);
    return part('seconds', seconds);
  }

  /** Puts templates where a translated sentence has \u0000 and \u0001 placeholders. */
  private fill(text: string, ...parts: unknown[]) {
    const pieces = text.split(/([\u0000\u0001])/);
    return pieces.map((piece) => (piece === '\u0000' ? parts[0] : piece === '\u0001' ? parts[1] : piece));
  }
}

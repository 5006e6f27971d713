import { html, nothing, type PropertyValues } from 'lit';
import { renderAnswer } from '../../base/answer.js';
import { votingClosedByAnswer } from '../../core/answers.js';
import { property, state } from 'lit/decorators.js';
import { renderLoadError, renderLoading } from '../../base/states.js';
import { PgoElement } from '../../base/pgo-element.js';
import type { ConsultationSession, ReadySession } from '../../base/session.js';
import { toBackendError, type BackendError } from '../../core/errors.js';
import { formatInstant } from '../../core/format.js';
import { formatNumber, type Locale } from '../../core/i18n.js';
import { describeError } from '../../core/messages/common.js';
import { tVote } from './vote-button.messages.js';
import type { Consultation, Proposal, VoteChoice, VoteModel, VoteTally } from '../../core/schemas.js';
import type { VoteTarget } from '../../base/vote-store.js';
import { VOTE_CHOICES } from '../../core/vote-choices.js';
import { progressStyles } from '../../styles/progress.js';
import { baseStyles } from '../../styles/tokens.js';
import { voteButtonStyles } from './vote-button.styles.js';
import { NOUN, renderLinkOut, renderThreshold, type AmendmentVoting } from './vote-button-parts.js';

export interface VoteDetail {
  /** The proposal's id, or the amendment's. */
  proposalId: string;
  /** Set for an amendment: `{kind: 'amendment', id, document}`. */
  target?: VoteTarget;
  /** The choice about to be sent; null for a withdrawal. */
  choice: VoteChoice | null;
  /** The participant's choice before this vote, if any. */
  previous: VoteChoice | null;
}
export interface VotedDetail {
  proposalId: string;
  target?: VoteTarget;
  /** The choice recorded; null after a withdrawal. */
  choice: VoteChoice | null;
  /** The tally the server answered with. */
  tally: VoteTally;
}

declare global {
  interface HTMLElementEventMap {
    'pgo-vote': CustomEvent<VoteDetail>;
    'pgo-voted': CustomEvent<VotedDetail>;
  }
}

/** Why voting is not possible: each has its `reason.*` text (worded per vote model for those in `WORDED`). */
type Blocker = 'unsupported' | 'withdrawn' | 'hidden' | 'pending' | 'answered' | 'opens' | 'closed' | 'final' | 'limit';
/** The reasons that name the act (a support, a vote, an interest), so "vote" never shows on a support page. */
const WORDED = new Set<Blocker>(['unsupported', 'answered', 'opens', 'closed', 'final', 'limit']);

/**
 * The vote control of one proposal (or, given `amendment`, of an amendment), shaped by the vote model: a "Soutenir" toggle
 * (`support`), three exclusive choices "D'accord" / "Mitigé" / "Pas d'accord" (`for-against-mixed`),
 * or "Ça m'intéresse" (`interest`), each with its count. It says what limits the participant (votes
 * left, the support threshold, why voting is not possible now) and warns before a vote that cannot be
 * withdrawn. Votes show at once and are rolled back with a message if the server refuses; every
 * button of the page showing the same proposal follows, through the session's shared vote store.
 * Disabled controls stay focusable (`aria-disabled`) and are described by their reason.
 *
 * @summary Support, agree/disagree or show interest in a proposal.
 * @fires pgo-vote - Before a vote or withdrawal is sent; cancelable. `detail: {proposalId, choice, previous}` (`choice` null for a withdrawal).
 * @fires pgo-voted - After the server recorded it. `detail: {proposalId, choice, tally}`.
 * @csspart base - The wrapper.
 * @csspart button - Each vote button; also `pressed` when it holds the participant's vote.
 * @csspart choices - The group of the three `for-against-mixed` buttons.
 * @csspart count - The count inside a button.
 * @csspart hidden-counts - The note shown instead of counts hidden until the end.
 * @csspart threshold - The progress towards the support threshold (text and bar).
 * @csspart progress - The threshold progress bar.
 * @csspart progress-value - Its filled part.
 * @csspart votes-left - "Il vous reste 3 soutiens".
 * @csspart final-note - The warning that a vote will be final, shown before voting.
 * @csspart reason - Why voting is not possible now.
 * @csspart error - A refused vote, or the proposal failing to load (with its retry button).
 * @csspart status - Loading and configuration messages.
 * @cssproperty --pgo-color-primary - Buttons and the progress bar.
 * @cssproperty --pgo-color-on-primary - Text of a pressed button.
 * @cssproperty --pgo-color-background - Background of a button not pressed.
 * @cssproperty --pgo-color-text-muted - Notes and reasons.
 * @cssproperty --pgo-color-border - Progress track.
 * @cssproperty --pgo-color-danger - Refusal messages.
 * @cssproperty --pgo-font-family - Font stack.
 * @cssproperty --pgo-font-size - Base font size (px).
 * @cssproperty --pgo-radius - Corner radius.
 * @cssproperty --pgo-space - Base spacing.
 */
export class PgoVoteButton extends PgoElement {
  static override styles = [baseStyles, progressStyles, voteButtonStyles];

  /** Id of the proposal. Not needed when `data` is set. */
  @property() proposal = '';
  /** The proposal itself, when the page already has it (`<pgo-proposal-list>` passes it): saves a request. */
  @property({ attribute: false }) data: Proposal | null = null;
  /** An amendment to vote on instead of a proposal (`<pgo-text>`), through the same shared store. */
  @property({ attribute: false }) amendment: AmendmentVoting | null = null;

  /** The proposal fetched when only its id was given. */
  @state() private fetched: Proposal | null = null;
  @state() private loadError: BackendError | null = null;
  /** The polite status text: the outcome of the last vote. */
  @state() private announcement = '';
  /** Why the last vote was refused (shown as an alert). */
  @state() private refusal = '';
  private fetching: string | null = null;

  /** The proposal (or amendment) this button votes on. */
  get proposalId(): string {
    return this.amendment?.id ?? this.data?.id ?? this.proposal;
  }

  private get target(): VoteTarget {
    const a = this.amendment;
    return a ? { kind: 'amendment', id: a.id, document: a.document } : this.proposalId;
  }

  private model(consultation: Consultation): VoteModel {
    return this.amendment?.voteModel ?? consultation.settings.voteModel;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('proposal') || changed.has('data') || changed.has('amendment')) {
      if (this.fetched && this.fetched.id !== this.proposalId) this.fetched = null;
      this.loadError = null;
      this.refusal = '';
      this.announcement = '';
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.fetchIfNeeded();
  }

  /**
   * Fetches the proposal (through the session's backend) when only its id is known: its title names
   * the buttons, even when the shared store already has its tally.
   */
  private fetchIfNeeded(): void {
    const session = this.session;
    const id = this.proposalId;
    if (!session || session.status !== 'ready' || !id || this.data || this.amendment || this.loadError) return;
    if (this.fetched?.id === id || this.fetching === id) return;
    this.fetching = id;
    session.backend
      .getProposal(session.consultationId, id)
      .then(
        (proposal) => {
          if (this.fetching !== id) return;
          this.fetched = proposal;
          session.votes.seed([proposal.tally]);
        },
        (error: unknown) => {
          if (this.fetching === id) this.loadError = toBackendError(error);
        },
      )
      .finally(() => {
        if (this.fetching === id) this.fetching = null;
      });
  }

  private get known(): Proposal | null {
    return this.data ?? this.fetched;
  }

  /** Why the participant cannot vote now, or null. */
  private blocker(session: ConsultationSession, consultation: Consultation, current: VoteChoice | null): Blocker | null {
    if (this.amendment) return current && !this.canWithdraw(session, consultation) ? 'final' : null;
    if (!session.backend.capabilities.votes) return 'unsupported';
    const status = this.known?.status;
    if (status === 'withdrawn' || status === 'hidden' || status === 'pending') return status;
    if (votingClosedByAnswer(consultation.settings, this.known?.answer)) return 'answered';
    const window = session.window('votes');
    if (!window.open) return window.opensAt ? 'opens' : 'closed';
    if (current && !this.canWithdraw(session, consultation)) return 'final';
    if (!current && session.participation?.votesLeft === 0) return 'limit';
    return null;
  }

  private describeBlocker(blocker: Blocker, session: ReadySession, locale: Locale): string {
    const opensAt = blocker === 'opens' ? session.window('votes').opensAt : null;
    const noun = NOUN[this.model(session.consultation)];
    const key = WORDED.has(blocker)
      ? (`reason.${blocker}.${noun}` as `reason.limit.${typeof noun}`)
      : (`reason.${blocker}` as 'reason.hidden');
    return tVote(locale, key, opensAt ? { date: formatInstant(locale, opensAt.startsAt, session.consultation.timeZone) } : {});
  }

  private canWithdraw(session: ConsultationSession, consultation: Consultation): boolean {
    return consultation.settings.voteWithdrawal && session.backend.capabilities.withdrawVote;
  }

  /** Votes for `choice`, or withdraws it when it is already the participant's choice. */
  private async choose(choice: VoteChoice): Promise<void> {
    const session = this.session;
    const consultation = session?.consultation;
    const id = this.proposalId;
    const target = this.target;
    if (!session || !consultation || session.votes.isVoting(target)) return;
    const locale = this.locale;
    const previous = session.votes.voteOf(target);
    if (this.blocker(session, consultation, previous)) return;
    const next = previous === choice ? null : choice;
    const which = this.amendment ? { proposalId: id, target } : { proposalId: id };
    if (!this.emit('pgo-vote', { ...which, choice: next, previous }, { cancelable: true })) return;
    this.refusal = '';
    this.announcement = '';
    // The optimistic update needs the tally in the store (a button given `data` outside a list).
    const tally = this.tally(session);
    if (tally && !session.votes.tallyOf(target)) session.votes.seed([tally], this.amendment?.document);
    const noun = NOUN[this.model(consultation)];
    try {
      const result = next ? await session.votes.cast(target, next) : await session.votes.withdraw(target);
      this.announcement = next
        ? tVote(locale, `done.${noun}`, { choice: tVote(locale, `choice.${next as 'for'}`) })
        : tVote(locale, `undone.${noun}`);
      this.emit('pgo-voted', { ...which, choice: next, tally: result.tally });
    } catch (error) {
      this.refusal = tVote(locale, `${next ? 'refused' : 'refusedWithdrawal'}.${noun}`, {
        reason: describeError(locale, toBackendError(error)),
      });
    }
  }

  private tally(session: ConsultationSession): VoteTally | null {
    return session.votes.tallyOf(this.target) ?? this.amendment?.tally ?? this.known?.tally ?? null;
  }

  protected override render() {
    const session = this.ready;
    if (!session) return this.renderSessionState();
    const { consultation } = session;
    const locale = this.locale;
    const id = this.proposalId;
    if (!id) return html`<p part="status" class="pgo-notice">${tVote(locale, 'noProposal')}</p>`;
    if (this.loadError) {
      return renderLoadError(locale, tVote(locale, 'loadError'), this.loadError, () => (this.loadError = null));
    }
    const tally = this.tally(session);
    if (!tally) return renderLoading(locale, 'status', 'pgo-loading');

    const { settings } = consultation;
    const model = this.model(consultation);
    const noun = NOUN[model];
    const current = session.votes.voteOf(this.target);
    const proposal = !this.amendment;
    const blocker = this.blocker(session, consultation, current);
    const reason = blocker && this.describeBlocker(blocker, session, locale);
    const finalNote = !reason && !current && !this.canWithdraw(session, consultation);
    const hidden = tally.hidden || tally.total === null || !tally.counts;
    const describedBy = reason ? 'reason' : finalNote ? 'final-note' : nothing;
    const title = this.amendment?.title ?? this.known?.title;
    // Which proposal: in the name of every button, for those who tab down a list of them.
    const about = title ? html`<span class="visually-hidden"> ${tVote(locale, 'about', { title })}</span>` : nothing;
    const button = (choice: VoteChoice, label: string) => {
      const pressed = current === choice;
      const count = hidden ? null : model === 'for-against-mixed' ? (tally.counts![choice] ?? 0) : tally.total!;
      return html`<button part=${pressed ? 'button pressed' : 'button'} class="pgo-button vote" type="button"
        aria-pressed=${pressed ? 'true' : 'false'} aria-disabled=${reason ? 'true' : nothing} aria-describedby=${describedBy}
        @click=${() => this.choose(choice)}>
        <span class="check" aria-hidden="true">${pressed ? '✓' : ''}</span><span>${label}</span>${about}
        ${count === null ? nothing : html`<span part="count" class="count"><span aria-hidden="true">${formatNumber(locale, count)}</span><span class="visually-hidden"> (${tVote(locale, `count.${noun}`, { count })})</span></span>`}
      </button>`;
    };

    const controls =
      model === 'for-against-mixed'
        ? html`<div part="choices" class="choices" role="group" aria-label=${title ? tVote(locale, 'groupOf', { title }) : tVote(locale, 'group')}>
          ${VOTE_CHOICES[model].map((choice) => button(choice, tVote(locale, `choice.${choice as 'for'}`)))}
        </div>`
        : model === 'support'
          ? button('support', tVote(locale, current ? 'action.supported' : 'action.support'))
          : button('interest', tVote(locale, 'action.interest'));

    const left = session.participation?.votesLeft;
    return html`<div part="base" class="base" aria-busy=${session.votes.isVoting(this.target) ? 'true' : 'false'}>
      ${this.fetched ? renderAnswer(this.fetched.answer, locale) : nothing}
      ${controls}
      ${hidden ? html`<p part="hidden-counts" class="note">${tVote(locale, 'hidden')}</p>` : proposal ? renderThreshold(model, tally, settings.supportThreshold, locale) : nothing}
      ${
        proposal &&
        settings.votesPerParticipant !== null &&
        typeof left === 'number' &&
        (!blocker || blocker === 'limit' || blocker === 'final')
          ? html`<p part="votes-left" class="note">${tVote(locale, `left.${noun}`, { count: left })}</p>`
          : nothing
      }
      ${finalNote ? html`<p part="final-note" id="final-note" class="note">${tVote(locale, `final.${noun}`)}</p>` : nothing}
      ${reason ? html`<p part="reason" id="reason" class="note reason">${reason}</p>` : nothing}
      ${blocker === 'unsupported' ? renderLinkOut([this.known?.url, consultation.linkOut?.votes], model, locale) : nothing}
      ${this.refusal ? html`<p part="error" class="pgo-notice pgo-notice--error" role="alert">${this.refusal}</p>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }
}

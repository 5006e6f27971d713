/**
 * The shared vote store of one consultation on the page: the latest tally of every proposal seen, and
 * the participant's votes, changed at once (optimistically) and rolled back if the backend refuses.
 * Every element showing a proposal reads it here, so they all stay in step.
 */
import { newIdempotencyKey, type ConsultationBackend } from '../core/backend.js';
import { toBackendError } from '../core/errors.js';
import type { Participation, VoteChoice, VoteResult, VoteTally } from '../core/schemas.js';
import { shiftTally, withVote } from '../core/vote-rules.js';
import type { ChangeReason } from './session-events.js';

/** What the store needs from its session: the backend, the participation it updates, a way to notify. */
export interface VoteStoreHost {
  readonly backend: ConsultationBackend;
  readonly consultationId: string;
  participation: Participation | null;
  notify(reason: ChangeReason): void;
}

export class VoteStore {
  private readonly tallies = new Map<string, VoteTally>();
  /** One vote request at most per proposal: a double click joins the request already sent. */
  private readonly inFlight = new Map<string, Promise<VoteResult>>();
  /** Idempotency keys kept after a retryable failure, so a retry of that attempt cannot count twice. */
  private readonly retryKeys = new Map<string, string>();

  constructor(private readonly host: VoteStoreHost) {}

  /** Stores the tally of one proposal. */
  set(tally: VoteTally): void {
    this.tallies.set(tally.proposalId, tally);
    this.host.notify('tally');
  }

  /** Stores many tallies (a page of proposals) with one notification; tallies of votes in flight stay optimistic. */
  seed(tallies: readonly VoteTally[]): void {
    for (const tally of tallies) if (!this.inFlight.has(tally.proposalId)) this.tallies.set(tally.proposalId, tally);
    if (tallies.length) this.host.notify('tally');
  }

  /** The latest known tally of a proposal, or null when none was seen yet. */
  tallyOf(proposalId: string): VoteTally | null {
    return this.tallies.get(proposalId) ?? null;
  }

  /** The participant's current choice on a proposal (optimistic while a request is in flight). */
  voteOf(proposalId: string): VoteChoice | null {
    return this.host.participation?.votes[proposalId] ?? null;
  }

  /** True while a vote or withdrawal of this proposal awaits the server. */
  isVoting(proposalId: string): boolean {
    return this.inFlight.has(proposalId);
  }

  /**
   * Votes for a proposal. The tally and participation change at once (every element showing the
   * proposal follows) and are rolled back if the server refuses; the promise then rejects with the
   * BackendError. While a request for the proposal is in flight, further calls join it.
   */
  cast(proposalId: string, choice: VoteChoice): Promise<VoteResult> {
    return this.send(proposalId, choice);
  }

  /** Withdraws the participant's vote on a proposal, optimistically like `cast`. */
  withdraw(proposalId: string): Promise<VoteResult> {
    return this.send(proposalId, null);
  }

  private send(proposalId: string, choice: VoteChoice | null): Promise<VoteResult> {
    const running = this.inFlight.get(proposalId);
    if (running) return running;
    const host = this.host;
    const previous = this.voteOf(proposalId);
    const before = this.tallies.get(proposalId);
    const optimistic = before && shiftTally(before, previous, choice);
    if (optimistic) this.tallies.set(proposalId, optimistic);
    if (host.participation) host.participation = withVote(host.participation, proposalId, previous, choice);

    const attempt = `${proposalId}|${choice ?? ''}`;
    const idempotencyKey = this.retryKeys.get(attempt) ?? newIdempotencyKey();
    const request = choice
      ? host.backend.vote(host.consultationId, proposalId, choice, { idempotencyKey })
      : host.backend.withdrawVote(host.consultationId, proposalId, { idempotencyKey });
    const settled = request
      .then(
        (result) => {
          this.retryKeys.delete(attempt);
          this.tallies.set(proposalId, result.tally);
          host.participation = result.participation;
          return result;
        },
        (thrown: unknown) => {
          const error = toBackendError(thrown);
          if (error.retryable) this.retryKeys.set(attempt, idempotencyKey);
          else this.retryKeys.delete(attempt);
          // Undo only what is still ours: nothing else writes this tally meanwhile, but another
          // proposal's answer may have replaced the participation already.
          if (optimistic && this.tallies.get(proposalId) === optimistic) this.tallies.set(proposalId, before);
          if (host.participation && (host.participation.votes[proposalId] ?? null) === choice) {
            host.participation = withVote(host.participation, proposalId, choice, previous);
          }
          throw error;
        },
      )
      .finally(() => {
        this.inFlight.delete(proposalId);
        host.notify('vote');
      });
    this.inFlight.set(proposalId, settled);
    host.notify('vote');
    return settled;
  }
}

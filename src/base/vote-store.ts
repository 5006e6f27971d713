/**
 * The shared vote store of one consultation on the page: the latest tally of every proposal and
 * amendment seen, and the participant's votes, changed at once (optimistically) and rolled back if the
 * backend refuses. Every element showing a proposal or an amendment reads it here, so they all stay in step.
 * A vote's target is a proposal's id, or `{ kind: 'amendment', id, document }` (issue 21).
 */
import { newIdempotencyKey, type ConsultationBackend } from '../core/backend.js';
import { toBackendError } from '../core/errors.js';
import type { Participation, VoteChoice, VoteTally } from '../core/schemas.js';
import { shiftTally, withVote } from '../core/vote-rules.js';
import type { ChangeReason } from './session-events.js';

/** What the store needs from its session: the backend, the participation it updates, a way to notify. */
export interface VoteStoreHost {
  readonly backend: ConsultationBackend;
  readonly consultationId: string;
  participation: Participation | null;
  notify(reason: ChangeReason): void;
}

/** What is voted on: a proposal (its id), or an amendment of a document. */
export type VoteTarget = string | { kind: 'amendment'; id: string; document: string };
/** The store's key of a target: a proposal's id, `amendment:ID`. */
export const voteKey = (target: VoteTarget): string => (typeof target === 'string' ? target : `amendment:${target.id}`);

export class VoteStore {
  private readonly tallies = new Map<string, VoteTally>();
  /** One vote request at most per proposal: a double click joins the request already sent. */
  private readonly inFlight = new Map<string, Promise<{ tally: VoteTally }>>();
  /** The participant's votes on amendments (those on proposals are in the participation). */
  private readonly mine = new Map<string, VoteChoice | null>();
  /** Idempotency keys kept after a retryable failure, so a retry of that attempt cannot count twice. */
  private readonly retryKeys = new Map<string, string>();

  constructor(private readonly host: VoteStoreHost) {}

  /** Stores the tally of one proposal. */
  set(tally: VoteTally): void {
    this.tallies.set(tally.proposalId, tally);
    this.host.notify('tally');
  }

  /**
   * Stores many tallies (a page of proposals; amendments with `document`, and then the participant's
   * `myVote` of each) with one notification; tallies of votes in flight stay optimistic.
   */
  seed(tallies: readonly VoteTally[], document?: string, myVotes?: readonly (VoteChoice | null)[]): void {
    tallies.forEach((tally, i) => {
      const key = voteKey(document ? { kind: 'amendment', id: tally.proposalId, document } : tally.proposalId);
      if (this.inFlight.has(key)) return;
      this.tallies.set(key, tally);
      if (myVotes) this.mine.set(key, myVotes[i] ?? null);
    });
    if (tallies.length) this.host.notify('tally');
  }

  /** The latest known tally of a proposal or amendment, or null when none was seen yet. */
  tallyOf(target: VoteTarget): VoteTally | null {
    return this.tallies.get(voteKey(target)) ?? null;
  }

  /** The participant's current choice (optimistic while a request is in flight). */
  voteOf(target: VoteTarget): VoteChoice | null {
    return typeof target === 'string' ? (this.host.participation?.votes[target] ?? null) : (this.mine.get(voteKey(target)) ?? null);
  }

  /** True while a vote or withdrawal of this target awaits the server. */
  isVoting(target: VoteTarget): boolean {
    return this.inFlight.has(voteKey(target));
  }

  /**
   * Votes for a proposal or an amendment. The tally and participation change at once (every element
   * showing it follows) and are rolled back if the server refuses; the promise then rejects with the
   * BackendError. While a request for the same target is in flight, further calls join it.
   */
  cast(target: VoteTarget, choice: VoteChoice): Promise<{ tally: VoteTally }> {
    return this.send(target, choice);
  }

  /** Withdraws the participant's vote, optimistically like `cast`. */
  withdraw(target: VoteTarget): Promise<{ tally: VoteTally }> {
    return this.send(target, null);
  }

  /** The participant's vote changes: in the participation (proposals, with votes left) or in `mine` (amendments). */
  private move(target: VoteTarget, from: VoteChoice | null, to: VoteChoice | null): void {
    const host = this.host;
    if (typeof target !== 'string') this.mine.set(voteKey(target), to);
    else if (host.participation) host.participation = withVote(host.participation, target, from, to);
  }

  private send(target: VoteTarget, choice: VoteChoice | null): Promise<{ tally: VoteTally }> {
    const key = voteKey(target);
    const running = this.inFlight.get(key);
    if (running) return running;
    const host = this.host;
    const previous = this.voteOf(target);
    const before = this.tallies.get(key);
    const optimistic = before && shiftTally(before, previous, choice);
    if (optimistic) this.tallies.set(key, optimistic);
    this.move(target, previous, choice);

    const attempt = `${key}|${choice ?? ''}`;
    const idempotencyKey = this.retryKeys.get(attempt) ?? newIdempotencyKey();
    const { backend, consultationId } = host;
    const request =
      typeof target !== 'string'
        ? backend.documents!.voteAmendment(consultationId, target.document, target.id, choice, { idempotencyKey })
        : choice
          ? backend.vote(consultationId, target, choice, { idempotencyKey })
          : backend.withdrawVote(consultationId, target, { idempotencyKey });
    const settled = (request as Promise<{ tally: VoteTally; participation?: Participation; myVote?: VoteChoice | null }>)
      .then(
        (result) => {
          this.retryKeys.delete(attempt);
          this.tallies.set(key, result.tally);
          if (result.participation) host.participation = result.participation;
          else this.mine.set(key, result.myVote ?? null);
          return result;
        },
        (thrown: unknown) => {
          const error = toBackendError(thrown);
          if (error.retryable) this.retryKeys.set(attempt, idempotencyKey);
          else this.retryKeys.delete(attempt);
          // Undo only what is still ours: nothing else writes this tally meanwhile, but another
          // proposal's answer may have replaced the participation already.
          if (optimistic && this.tallies.get(key) === optimistic) this.tallies.set(key, before);
          if (this.voteOf(target) === choice) this.move(target, choice, previous);
          throw error;
        },
      )
      .finally(() => {
        this.inFlight.delete(key);
        host.notify('vote');
      });
    this.inFlight.set(key, settled);
    host.notify('vote');
    return settled;
  }
}

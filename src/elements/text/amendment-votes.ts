/**
 * Votes on amendments in `<pgo-text>`, with the document's vote model: shown at once (optimistic, the
 * shared `shiftTally`), rolled back and announced if refused; the same choice again withdraws the vote
 * where the consultation allows it. One vote in flight per amendment.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadySession } from '../../base/session.js';
import { newIdempotencyKey } from '../../core/backend.js';
import { toBackendError } from '../../core/errors.js';
import type { Locale } from '../../core/i18n.js';
import { describeError } from '../../core/messages/common.js';
import type { VoteChoice } from '../../core/schemas.js';
import type { Amendment } from '../../core/text.js';
import { shiftTally } from '../../core/vote-rules.js';
import { translatorFor } from './text-parts.js';

export interface AmendmentVotesHost extends ReactiveControllerHost {
  readonly locale: Locale;
  /** Replaces fields of one amendment in the host's list. */
  patchAmendment(id: string, patch: Partial<Amendment>): void;
  announce(text: string): void;
}

export class AmendmentVotes implements ReactiveController {
  private readonly inFlight = new Set<string>();

  constructor(private readonly host: AmendmentVotesHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  busy(amendmentId: string): boolean {
    return this.inFlight.has(amendmentId);
  }

  async vote(session: ReadySession, documentId: string, amendment: Amendment, choice: VoteChoice): Promise<void> {
    const documents = session.backend.documents;
    if (!documents || this.inFlight.has(amendment.id)) return;
    const t = translatorFor(this.host.locale);
    const next = amendment.myVote === choice ? (session.consultation.settings.voteWithdrawal ? null : choice) : choice;
    if (next === amendment.myVote) return;
    this.host.patchAmendment(amendment.id, { myVote: next, tally: shiftTally(amendment.tally, amendment.myVote, next) });
    this.inFlight.add(amendment.id);
    this.host.requestUpdate();
    try {
      const result = await documents.voteAmendment(session.consultationId, documentId, amendment.id, next, {
        idempotencyKey: newIdempotencyKey(),
      });
      this.host.patchAmendment(amendment.id, { myVote: result.myVote, tally: result.tally });
      this.host.announce(next ? t('voted', { choice: t(`choice.${next}`) }) : t('voteWithdrawn'));
    } catch (error) {
      this.host.patchAmendment(amendment.id, { myVote: amendment.myVote, tally: amendment.tally });
      this.host.announce(`${t('voteFailed')} ${describeError(this.host.locale, toBackendError(error))}`);
    } finally {
      this.inFlight.delete(amendment.id);
      this.host.requestUpdate();
    }
  }
}

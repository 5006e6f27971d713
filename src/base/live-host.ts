/** What the live feed (live.ts) and the poller (live-poll.ts) need from their session. */
import type { ConsultationBackend } from '../core/backend.js';
import type { Consultation } from '../core/schemas.js';
import type { PageWrites } from './page-writes.js';
import type { ChangeReason } from './session-events.js';
import type { VoteStore } from './vote-store.js';

export interface LiveHost {
  readonly backend: ConsultationBackend;
  readonly consultationId: string;
  readonly consultation: Consultation | null;
  readonly votes: VoteStore;
  readonly writes: PageWrites;
  /** A changed consultation from the backend: phases recomputed, timers re-armed, elements told. */
  replaceConsultation(consultation: Consultation): void;
  refreshParticipation(): Promise<void>;
  notify(reason: ChangeReason): void;
}

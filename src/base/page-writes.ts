/**
 * The page's own writes, as its session learns of them: proposals created here and published at once,
 * and the seats left after registrations made here. Every element of the session reads them, so a list
 * shows the proposal just published on the same page, and every card of an event its new seat count,
 * with no reload and no request of their own (other people's writes come with live updates).
 */
import type { ConsultationBackend, WriteOptions } from '../core/backend.js';
import type {
  EventProposal,
  EventReceipt,
  Participation,
  Proposal,
  ProposalDraft,
  ProposalReceipt,
  RegistrationInput,
  RegistrationReceipt,
} from '../core/schemas.js';
import type { ChangeReason } from './session-events.js';

/** What the store needs from its session. */
export interface PageWritesHost {
  readonly backend: ConsultationBackend;
  readonly consultationId: string;
  participation: Participation | null;
  setParticipation(participation: Participation): void;
  refreshParticipation(): Promise<void>;
  notify(reason: ChangeReason): void;
  /** A contribution was sent from this page: decisions on it must reach the reader (live.ts `identify`). */
  contributed(): void;
}

export class PageWrites {
  private readonly published: Proposal[] = [];
  private readonly seats = new Map<string, number | null>();

  constructor(private readonly host: PageWritesHost) {}

  /** Sends a proposal; once the backend says it is published, every element of the session learns of it. */
  async createProposal(draft: ProposalDraft, options: WriteOptions): Promise<ProposalReceipt> {
    const receipt = await this.host.backend.createProposal(this.host.consultationId, draft, options);
    this.host.contributed();
    if (receipt.moderation === 'published') {
      this.published.unshift(receipt.proposal);
      this.host.notify('proposal');
    }
    return receipt;
  }

  /** Proposes an event (it awaits moderation); the decision reaches the reader live. */
  async proposeEvent(input: EventProposal, options: WriteOptions): Promise<EventReceipt> {
    const receipt = await this.host.backend.proposeEvent(this.host.consultationId, input, options);
    this.host.contributed();
    return receipt;
  }

  /** Proposals published from this page, newest first. */
  publishedHere(): readonly Proposal[] {
    return this.published;
  }

  /** Registers for an event; the seats left and the participant's registrations follow page-wide. */
  async registerForEvent(eventId: string, input: RegistrationInput, options: WriteOptions): Promise<RegistrationReceipt> {
    const receipt = await this.host.backend.registerForEvent(this.host.consultationId, eventId, input, options);
    this.seats.set(eventId, receipt.seatsLeft);
    const participation = this.host.participation;
    if (participation && !participation.registrations.includes(eventId)) {
      this.host.setParticipation({ ...participation, registrations: [...participation.registrations, eventId] });
    } else if (!participation) {
      void this.host.refreshParticipation();
    }
    this.host.notify('registration');
    return receipt;
  }

  /** The backend said the event is full (a refused registration): every card of it says so. */
  eventFull(eventId: string): void {
    this.seats.set(eventId, 0);
    this.host.notify('registration');
  }

  /** Seats left after this page's last write on the event; undefined when the page wrote nothing there. */
  seatsLeft(eventId: string): number | null | undefined {
    return this.seats.get(eventId);
  }
}

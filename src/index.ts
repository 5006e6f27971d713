/**
 * The package root: the public API, named one by one (what is not here is internal and may change).
 * Importing it registers nothing: `pgo-widgets/define` registers the elements.
 */

// The elements and the events they fire.
export { PgoConsultation } from './elements/consultation/consultation.js';
export { PgoPhaseCountdown, type PhaseChangeDetail } from './elements/phase-countdown/phase-countdown.js';
export { PgoVoteButton, type VoteDetail, type VotedDetail } from './elements/vote-button/vote-button.js';
export { PgoProposalList } from './elements/proposal-list/proposal-list.js';
export { PgoProposalForm } from './elements/proposal-form/proposal-form.js';
export { PgoEventCard, type RegisteredDetail } from './elements/event-card/event-card.js';
export { PgoEventList, type EventFilters } from './elements/event-list/event-list.js';
export { PgoComments } from './elements/comments/comments.js';
export { PgoEventForm } from './elements/event-form/event-form.js';
export { PgoText, type AmendmentDecidedDetail } from './elements/text/text.js';
export { PgoWorkshopReport } from './elements/workshop-report/workshop-report.js';

// Building an element of one's own on the same base.
export { PgoElement } from './base/pgo-element.js';
export { defineElement } from './base/define.js';
export { ConsultationSession, type ReadySession, type SessionStatus } from './base/session.js';
export { sessionContext } from './base/session-registry.js';
export type { ChangeReason } from './base/session-events.js';

// Writing or choosing a backend.
export {
  registerBackend,
  createBackend,
  newIdempotencyKey,
  ALL_CAPABILITIES,
  NO_CAPABILITIES,
  type ConsultationBackend,
  type BackendCapabilities,
  type BackendConfig,
  type BackendFactory,
  type RequestOptions,
  type WriteOptions,
} from './core/backend.js';
export { BackendError, backendError, validationError, toBackendError, isAbort } from './core/errors.js';

// The data shapes (types; the zod schemas stay internal).
export type {
  Address,
  ApiError,
  Category,
  Consultation,
  ConsultationEvent,
  ConsultationSettings,
  ErrorCode,
  EventFormat,
  EventMode,
  EventProposal,
  EventQuery,
  EventReceipt,
  EventStatus,
  ExtraField,
  FieldError,
  Page,
  Participant,
  Participation,
  Phase,
  PhaseKind,
  Proposal,
  ProposalDraft,
  ProposalFieldRules,
  ProposalQuery,
  ProposalReceipt,
  ProposalSort,
  ProposalStatus,
  Registration,
  RegistrationInput,
  RegistrationReceipt,
  ServerTime,
  VoteChoice,
  VoteModel,
  VoteResult,
  VoteTally,
} from './core/schemas.js';

// Rules and helpers a host page may want.
export { phaseStateAt, actionWindow, type PhaseState, type Action } from './core/phase.js';
export { validateProposalDraft, validateRegistration, validateEventProposal } from './core/validate.js';
export { normalizeLocale, DEFAULT_LOCALE, type Locale } from './core/i18n.js';
export { eventToIcs, icsUid } from './core/ics.js';
export { eventJsonLd } from './core/jsonld.js';
export { VERSION } from './core/version.js';

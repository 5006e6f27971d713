/** The package root: classes, core types and helpers. Importing it registers nothing. */
export * from './core/schemas.js';
export * from './core/backend.js';
export * from './core/errors.js';
export * from './core/phase.js';
export * from './core/i18n.js';
export * from './core/validate.js';
export { VERSION } from './core/version.js';
export { ConsultationSession, sessionContext } from './base/session.js';
export { PgoElement } from './base/pgo-element.js';
export { defineElement } from './base/define.js';
export { PgoConsultation } from './elements/consultation/consultation.js';
export { PgoPhaseCountdown, type PhaseChangeDetail } from './elements/phase-countdown/phase-countdown.js';
export { PgoProposalForm } from './elements/proposal-form/proposal-form.js';
export { eventToIcs, icsUid } from './core/ics.js';
export { eventJsonLd } from './core/jsonld.js';
export { PgoEventCard, type RegisteredDetail } from './elements/event-card/event-card.js';
export { PgoEventList, type EventFilters } from './elements/event-list/event-list.js';
export { PgoEventForm } from './elements/event-form/event-form.js';

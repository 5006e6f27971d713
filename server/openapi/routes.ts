/**
 * Every route of the HTTP API as data: the OpenAPI document and the reference page are built from
 * this list, and a test checks it against the routes the server really has.
 */
import * as z from 'zod/mini';
import { EventQuery, ProposalQuery, type ErrorCode } from '../../src/core/schemas.js';
import { ORGANISER_ROUTES } from './organiser-routes.js';

export interface RouteDoc {
  /** The operationId: the ConsultationBackend method name where there is one. */
  id: string;
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path under /api/v1, `{param}` style. */
  path: string;
  tag: 'Participants' | 'Consultations' | 'Proposals' | 'Votes' | 'Events' | 'Open data' | 'Moderation' | 'Organisers' | 'Reference';
  summary: string;
  description?: string;
  auth: 'none' | 'participant' | 'optional-participant' | 'admin' | 'organiser';
  query?: z.ZodMiniObject;
  /** Component name of the JSON request body. */
  body?: string;
  ok: { status: number; description: string; schema?: string; contentType?: string };
  errors: ErrorCode[];
  /** A write: takes Idempotency-Key, counted by the rate limits. */
  write?: boolean;
  /** A read with ETag / If-None-Match (304). */
  cached?: boolean;
}

const C = '/consultations/{id}';
const READ_ERRORS: ErrorCode[] = ['not-found'];
const WRITE_ERRORS: ErrorCode[] = ['validation', 'unauthorized', 'not-found', 'rate-limited', 'too-large', 'conflict'];

export const ROUTES: RouteDoc[] = [
  { id: 'getServerTime', method: 'get', path: '/time', tag: 'Consultations', summary: 'The server clock', description: 'Countdowns correct the visitor’s clock with it. Never cached.', auth: 'none', ok: { status: 200, description: 'Now, on the server', schema: 'ServerTime' }, errors: [] },
  { id: 'createParticipant', method: 'post', path: '/participants', tag: 'Participants', summary: 'Get an anonymous participant token', description: 'No cookies anywhere: keep the token (the rest backend uses localStorage) and send it as `Authorization: Bearer <token>`. The server keeps only a hash of it. A retry with the same Idempotency-Key returns a new token for the same participant.', auth: 'none', ok: { status: 201, description: 'A new participant and its token', schema: 'ParticipantToken' }, errors: ['rate-limited', 'validation'], write: true },
  { id: 'signInWithIdentity', method: 'post', path: `${C}/identity`, tag: 'Participants', summary: 'Sign in with a host-signed identity', description: 'The host site (a CMS with logged-in users) signs a JWT (HS256) with the consultation’s key: `sub` (its user id) and `exp` required, `name` optional. With an anonymous token in Authorization, that participant becomes the verified one and keeps its votes.', auth: 'optional-participant', body: 'IdentityInput', ok: { status: 200, description: 'The verified participant and a token', schema: 'ParticipantToken' }, errors: ['validation', 'unauthorized', 'forbidden', 'not-found', 'rate-limited', 'too-large'], write: true },
  { id: 'getConsultation', method: 'get', path: C, tag: 'Consultations', summary: 'A consultation: phases, categories, settings', auth: 'none', ok: { status: 200, description: 'The consultation', schema: 'Consultation' }, errors: READ_ERRORS, cached: true },
  { id: 'getParticipation', method: 'get', path: `${C}/participation`, tag: 'Participants', summary: 'The current participant’s votes, votes left and registrations', description: 'Without a token: an empty participation.', auth: 'optional-participant', ok: { status: 200, description: 'The participation', schema: 'Participation' }, errors: ['not-found', 'unauthorized'], cached: true },
  { id: 'listProposals', method: 'get', path: `${C}/proposals`, tag: 'Proposals', summary: 'Published proposals, paged', description: '`sort=random` with a `seed` gives the same order on every page and load. While counts are hidden, `most-supported` gives the newest first (the order would reveal them).', auth: 'none', query: ProposalQuery, ok: { status: 200, description: 'A page of proposals', schema: 'ProposalPage' }, errors: ['not-found', 'validation'], cached: true },
  { id: 'getProposal', method: 'get', path: `${C}/proposals/{proposalId}`, tag: 'Proposals', summary: 'One proposal', description: 'A pending or hidden proposal is visible to its author only.', auth: 'optional-participant', ok: { status: 200, description: 'The proposal', schema: 'Proposal' }, errors: READ_ERRORS, cached: true },
  { id: 'createProposal', method: 'post', path: `${C}/proposals`, tag: 'Proposals', summary: 'Submit a proposal', description: 'Validated by the same rules as the form (src/core/validate.ts). The honeypot `website` must stay empty. With pre-moderation the proposal waits for a moderator.', auth: 'participant', body: 'ProposalDraft', ok: { status: 201, description: 'The stored proposal', schema: 'ProposalReceipt' }, errors: [...WRITE_ERRORS, 'closed', 'forbidden'], write: true },
  { id: 'reportProposal', method: 'post', path: `${C}/proposals/{proposalId}/reports`, tag: 'Proposals', summary: 'Report a proposal to the moderators', auth: 'participant', body: 'ReportInput', ok: { status: 202, description: 'Received', schema: 'ReportReceipt' }, errors: WRITE_ERRORS, write: true },
  { id: 'vote', method: 'put', path: `${C}/proposals/{proposalId}/vote`, tag: 'Votes', summary: 'Vote for a proposal (or change the choice)', description: 'One vote per participant and proposal. Refused when the phase takes no votes (closed), no votes are left (limit-reached) or votes are final (forbidden).', auth: 'participant', body: 'VoteInput', ok: { status: 200, description: 'The new tally and participation', schema: 'VoteResult' }, errors: [...WRITE_ERRORS, 'closed', 'limit-reached', 'forbidden'], write: true },
  { id: 'withdrawVote', method: 'delete', path: `${C}/proposals/{proposalId}/vote`, tag: 'Votes', summary: 'Withdraw a vote', description: 'Also works on a proposal that moderators hid: its vote no longer counts (votes left, participation) but may be withdrawn so that it does not come back if the proposal is restored.', auth: 'participant', ok: { status: 200, description: 'The new tally and participation', schema: 'VoteResult' }, errors: [...WRITE_ERRORS, 'closed', 'forbidden'], write: true },
  { id: 'listEvents', method: 'get', path: `${C}/events`, tag: 'Events', summary: 'Approved events, paged', description: 'From now on unless `from` says otherwise. `place` is a postal-code prefix or a town name (accents ignored).', auth: 'none', query: EventQuery, ok: { status: 200, description: 'A page of events', schema: 'EventPage' }, errors: ['not-found', 'validation'], cached: true },
  { id: 'getEvent', method: 'get', path: `${C}/events/{eventId}`, tag: 'Events', summary: 'One event', auth: 'none', ok: { status: 200, description: 'The event', schema: 'ConsultationEvent' }, errors: READ_ERRORS, cached: true },
  { id: 'registerForEvent', method: 'post', path: `${C}/events/{eventId}/registrations`, tag: 'Events', summary: 'Register for an event', description: 'Registering twice keeps one seat.', auth: 'participant', body: 'RegistrationInput', ok: { status: 201, description: 'Registered', schema: 'RegistrationReceipt' }, errors: [...WRITE_ERRORS, 'closed', 'limit-reached', 'forbidden', 'unsupported'], write: true },
  { id: 'proposeEvent', method: 'post', path: `${C}/events`, tag: 'Events', summary: 'Propose an event (a relay workshop)', description: 'It is listed once a moderator approves it.', auth: 'participant', body: 'EventProposal', ok: { status: 201, description: 'Stored, awaiting moderation', schema: 'EventReceipt' }, errors: [...WRITE_ERRORS, 'closed', 'forbidden'], write: true },
  { id: 'exportJson', method: 'get', path: `${C}/export.json`, tag: 'Open data', summary: 'Published proposals and tallies (JSON)', description: 'No e-mail, no name, no participant id. Counts are null while hidden.', auth: 'none', ok: { status: 200, description: 'The export', schema: 'OpenDataExport' }, errors: READ_ERRORS, cached: true },
  { id: 'exportCsv', method: 'get', path: `${C}/export.csv`, tag: 'Open data', summary: 'Published proposals and tallies (CSV)', description: 'RFC 4180, UTF-8, one column per extra field and per vote choice.', auth: 'none', ok: { status: 200, description: 'The export', contentType: 'text/csv' }, errors: READ_ERRORS, cached: true },
  { id: 'getOpenApiDocument', method: 'get', path: '/openapi.json', tag: 'Reference', summary: 'This document (OpenAPI 3.1)', auth: 'none', ok: { status: 200, description: 'The OpenAPI document', contentType: 'application/json' }, errors: [], cached: true },
  { id: 'getReferencePage', method: 'get', path: '/docs', tag: 'Reference', summary: 'A readable reference page', auth: 'none', ok: { status: 200, description: 'HTML', contentType: 'text/html' }, errors: [], cached: true },
  { id: 'getModerationQueue', method: 'get', path: '/admin/consultations/{id}/moderation', tag: 'Moderation', summary: 'What awaits moderation', description: 'Pending, hidden or reported proposals (with report reasons and the author’s e-mail) and proposed or hidden events.', auth: 'admin', ok: { status: 200, description: 'The moderation queue', schema: 'ModerationQueue' }, errors: ['unauthorized', 'forbidden', 'not-found'] },
  ...(['approve', 'hide', 'restore'] as const).flatMap((action): RouteDoc[] => [
    { id: `${action}Proposal`, method: 'post', path: `/admin/proposals/{proposalId}/${action}`, tag: 'Moderation', summary: `${action[0]!.toUpperCase()}${action.slice(1)} a proposal`, auth: 'admin', ok: { status: 200, description: 'The proposal', schema: 'ModeratedProposal' }, errors: ['unauthorized', 'forbidden', 'not-found'] },
    { id: `${action}Event`, method: 'post', path: `/admin/events/{eventId}/${action}`, tag: 'Moderation', summary: `${action[0]!.toUpperCase()}${action.slice(1)} an event`, auth: 'admin', ok: { status: 200, description: 'The event', schema: 'ModeratedEvent' }, errors: ['unauthorized', 'forbidden', 'not-found'] },
  ]),
  ...ORGANISER_ROUTES,
];

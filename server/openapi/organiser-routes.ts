/**
 * The organiser side's operations (issue 19) for the OpenAPI document: every console action is one of
 * these, so another front end could replace the console. Auth `organiser`: a session cookie (writes also
 * send `X-CSRF-Token`) or the automation token.
 */
import type * as z from 'zod/mini';
import * as org from '../../src/core/organisers.js';
import type { RouteDoc } from './routes.js';

const A = '/admin';
const C = `${A}/consultations/{id}`;
const DENIED: RouteDoc['errors'] = ['unauthorized', 'forbidden'];
const WRITE: RouteDoc['errors'] = ['validation', 'unauthorized', 'forbidden', 'too-large'];

export const ORGANISER_ROUTES: RouteDoc[] = [
  { id: 'setUpFirstAdmin', method: 'post', path: `${A}/setup`, tag: 'Organisers', summary: 'Create the first admin', description: 'Only while no organiser exists, with the one-time setup token the server prints at start (`npm run organisers -- create-admin`).', auth: 'none', body: 'SetupInput', ok: { status: 201, description: 'The first admin (role admin on every consultation)', schema: 'Organiser' }, errors: ['validation', 'forbidden', 'too-large'] },
  { id: 'signIn', method: 'post', path: `${A}/session`, tag: 'Organisers', summary: 'Sign in with e-mail and password', description: 'Sets the session cookie (HttpOnly, SameSite=Strict; `__Host-` and Secure under HTTPS), a new one at every sign-in. One generic error for a wrong e-mail or password; failures are throttled per account and per address (429).', auth: 'none', body: 'SignInInput', ok: { status: 200, description: 'The session and its CSRF token', schema: 'OrganiserSession' }, errors: ['validation', 'unauthorized', 'rate-limited', 'too-large'] },
  { id: 'getSession', method: 'get', path: `${A}/session`, tag: 'Organisers', summary: 'The current session and its CSRF token', auth: 'organiser', ok: { status: 200, description: 'The session', schema: 'OrganiserSession' }, errors: ['unauthorized'] },
  { id: 'signOut', method: 'delete', path: `${A}/session`, tag: 'Organisers', summary: 'Sign out', auth: 'organiser', ok: { status: 204, description: 'Signed out' }, errors: DENIED },
  { id: 'signOutEverywhere', method: 'delete', path: `${A}/sessions`, tag: 'Organisers', summary: 'End every session of this organiser', auth: 'organiser', ok: { status: 204, description: 'Every session ended' }, errors: DENIED },
  { id: 'listOrganisers', method: 'get', path: `${A}/organisers`, tag: 'Organisers', summary: 'Every organiser (server admins)', auth: 'organiser', ok: { status: 200, description: 'The organisers', schema: 'OrganiserList' }, errors: DENIED },
  { id: 'createOrganiser', method: 'post', path: `${A}/organisers`, tag: 'Organisers', summary: 'Create an organiser account (server admins)', auth: 'organiser', body: 'OrganiserInput', ok: { status: 201, description: 'The organiser', schema: 'Organiser' }, errors: [...WRITE, 'conflict'] },
  { id: 'setOrganiserRoles', method: 'put', path: `${A}/organisers/{organiserId}/roles`, tag: 'Organisers', summary: 'Set an organiser’s roles (server admins)', auth: 'organiser', body: 'RolesInput', ok: { status: 200, description: 'The organiser', schema: 'Organiser' }, errors: [...WRITE, 'not-found'] },
  { id: 'resetOrganiserPassword', method: 'put', path: `${A}/organisers/{organiserId}/password`, tag: 'Organisers', summary: 'Reset a password (server admins); ends the account’s sessions', auth: 'organiser', body: 'PasswordInput', ok: { status: 204, description: 'Reset' }, errors: [...WRITE, 'not-found'] },
  { id: 'rotateAdminToken', method: 'post', path: `${A}/token`, tag: 'Organisers', summary: 'Rotate the automation token', description: 'The answer holds the new token, shown once; every other token (the configured ADMIN_TOKEN included) stops working, across restarts.', auth: 'organiser', ok: { status: 201, description: 'The new token', schema: 'AdminTokenRotation' }, errors: DENIED },
  { id: 'listOrganiserConsultations', method: 'get', path: `${A}/consultations`, tag: 'Moderation', summary: 'The consultations the caller acts on, with its role', auth: 'organiser', ok: { status: 200, description: 'The consultations', schema: 'OrganiserConsultations' }, errors: DENIED },
  { id: 'getModerationTab', method: 'get', path: `${C}/queue`, tag: 'Moderation', summary: 'One tab of the moderation queue (every kind of contribution), oldest first', description: '`pending`: awaiting approval; `reported`: published with reports newer than the last decision; `hidden`. With the count of each tab.', auth: 'organiser', query: org.QueueQuery, ok: { status: 200, description: 'The tab', schema: 'ModerationQueuePage' }, errors: [...DENIED, 'not-found', 'validation'] },
  { id: 'decideModeration', method: 'post', path: `${C}/decisions`, tag: 'Moderation', summary: 'Approve, hide or restore contributions (`kind:id`), with a reason', description: 'All or nothing: one unknown target refuses the batch. Each decision is audited.', auth: 'organiser', body: 'DecisionInput', ok: { status: 200, description: 'The new statuses', schema: 'DecisionResult' }, errors: [...WRITE, 'not-found', 'conflict'] },
  { id: 'answerProposal', method: 'put', path: `${C}/proposals/{proposalId}/answer`, tag: 'Moderation', summary: 'Answer a proposal', description: 'Under study, kept (with its commitment), merged into another proposal, not kept. The text is required for `not-kept` and `merged`.', auth: 'organiser', body: 'AnswerInput', ok: { status: 200, description: 'The answer', schema: 'ProposalAnswer' }, errors: [...WRITE, 'not-found'] },
  { id: 'getAuditLog', method: 'get', path: `${A}/audit`, tag: 'Organisers', summary: 'The audit log, newest first (JSON or CSV)', description: 'With `consultation`: that consultation’s entries (its admins); without: every entry (server admins).', auth: 'organiser', query: org.AuditQuery, ok: { status: 200, description: 'The entries (`format=csv`: text/csv)', schema: 'AuditPage' }, errors: [...DENIED, 'not-found', 'validation'] },
];

/** Answers and request bodies of these operations, for the document's components. */
export const ORGANISER_ANSWERS: Record<string, z.ZodMiniType> = {
  Organiser: org.Organiser, RoleGrant: org.RoleGrant, OrganiserSession: org.OrganiserSession, OrganiserList: org.OrganiserList,
  AdminTokenRotation: org.AdminTokenRotation, OrganiserConsultations: org.OrganiserConsultations, ModerationQueuePage: org.ModerationQueuePage,
  QueueItem: org.QueueItem, DecisionResult: org.DecisionResult, ProposalAnswer: org.ProposalAnswer, AuditEntry: org.AuditEntry, AuditPage: org.AuditPage,
};
export const ORGANISER_REQUESTS: Record<string, z.ZodMiniType> = {
  SetupInput: org.SetupInput, SignInInput: org.SignInInput, OrganiserInput: org.OrganiserInput, RolesInput: org.RolesInput,
  PasswordInput: org.PasswordInput, DecisionInput: org.DecisionInput, AnswerInput: org.AnswerInput,
};

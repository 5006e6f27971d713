/**
 * The organiser side's operations (issue 19) for the OpenAPI document: every console action is one of
 * these, so another front end could replace the console. Auth `organiser`: a session cookie (writes also
 * send `X-CSRF-Token`) or the automation token.
 */
import type * as z from 'zod/mini';
import * as org from '../../src/core/organisers.js';
import { CONSULTATION_ANSWERS, CONSULTATION_REQUESTS, CONSULTATION_ROUTES } from './consultation-routes.js';
import { OIDC_ANSWERS, OIDC_ROUTES } from './oidc-routes.js';
import type { RouteDoc } from './route-doc.js';

const A = '/admin';
const C = `${A}/consultations/{id}`;
const DENIED: RouteDoc['refusals'] = {
  forbidden: 'the organiser’s role does not allow this, or a cookie write without a valid `X-CSRF-Token`',
};
const WRITE: RouteDoc['refusals'] = { ...DENIED, validation: 'a field breaks its rule (`fieldErrors`)' };
const organiserAccount = 'Server admins only (role `admin` on `*`).';

export const ORGANISER_ROUTES: RouteDoc[] = [
  {
    id: 'setUpFirstAdmin',
    method: 'post',
    path: `${A}/setup`,
    tag: 'Organisers',
    summary: 'Create the first admin',
    description:
      'Only while no organiser exists, with the one-time setup token the server prints at start (`npm run organisers -- create-admin`).',
    auth: 'none',
    body: 'SetupInput',
    ok: { status: 201, description: 'The first admin (role admin on every consultation)', schema: 'Organiser' },
    refusals: {
      validation: 'a field breaks its rule (`fieldErrors`)',
      forbidden: 'an organiser exists already, or the setup token is wrong',
    },
  },
  {
    id: 'signIn',
    method: 'post',
    path: `${A}/session`,
    tag: 'Organisers',
    summary: 'Sign in with e-mail and password',
    description:
      'Sets the session cookie (HttpOnly, SameSite=Strict; `__Host-` and Secure under HTTPS), a new one at every sign-in. One generic error for a wrong e-mail or password; failures are throttled per account and per address (429).',
    auth: 'none',
    body: 'SignInInput',
    ok: { status: 200, description: 'The session and its CSRF token', schema: 'OrganiserSession' },
    refusals: {
      validation: 'a field breaks its rule',
      unauthorized: 'a wrong e-mail or password',
      'rate-limited': 'too many failed sign-ins for this account or address',
    },
  },
  {
    id: 'getSession',
    method: 'get',
    path: `${A}/session`,
    tag: 'Organisers',
    summary: 'The current session and its CSRF token',
    description: 'What the console reads at start: who is signed in, and the token its writes send.',
    auth: 'organiser',
    ok: { status: 200, description: 'The session', schema: 'OrganiserSession' },
    refusals: {},
  },
  {
    id: 'signOut',
    method: 'delete',
    path: `${A}/session`,
    tag: 'Organisers',
    summary: 'Sign out',
    description: 'Ends this session.',
    auth: 'organiser',
    ok: { status: 204, description: 'Signed out' },
    refusals: DENIED,
  },
  {
    id: 'signOutEverywhere',
    method: 'delete',
    path: `${A}/sessions`,
    tag: 'Organisers',
    summary: 'End every session of this organiser',
    description: 'Signs this organiser out on every device.',
    auth: 'organiser',
    ok: { status: 204, description: 'Every session ended' },
    refusals: DENIED,
  },
  {
    id: 'listOrganisers',
    method: 'get',
    path: `${A}/organisers`,
    tag: 'Organisers',
    summary: 'Every organiser (server admins)',
    description: organiserAccount,
    auth: 'organiser',
    ok: { status: 200, description: 'The organisers', schema: 'OrganiserList' },
    refusals: DENIED,
  },
  {
    id: 'createOrganiser',
    method: 'post',
    path: `${A}/organisers`,
    tag: 'Organisers',
    summary: 'Create an organiser account (server admins)',
    description: organiserAccount,
    auth: 'organiser',
    body: 'OrganiserInput',
    ok: { status: 201, description: 'The organiser', schema: 'Organiser' },
    refusals: { ...WRITE, conflict: 'an organiser has this e-mail already' },
  },
  {
    id: 'setOrganiserRoles',
    method: 'put',
    path: `${A}/organisers/{organiserId}/roles`,
    tag: 'Organisers',
    summary: 'Set an organiser’s roles (server admins)',
    description: organiserAccount,
    auth: 'organiser',
    body: 'RolesInput',
    ok: { status: 200, description: 'The organiser', schema: 'Organiser' },
    refusals: { ...WRITE, 'not-found': 'no such organiser' },
  },
  {
    id: 'resetOrganiserPassword',
    method: 'put',
    path: `${A}/organisers/{organiserId}/password`,
    tag: 'Organisers',
    summary: 'Reset a password (server admins); ends the account’s sessions',
    description: organiserAccount,
    auth: 'organiser',
    body: 'PasswordInput',
    ok: { status: 204, description: 'Reset' },
    refusals: { ...WRITE, 'not-found': 'no such organiser' },
  },
  {
    id: 'rotateAdminToken',
    method: 'post',
    path: `${A}/token`,
    tag: 'Organisers',
    summary: 'Rotate the automation token',
    description:
      'The answer holds the new token, shown once; every other token (the configured ADMIN_TOKEN included) stops working, across restarts.',
    auth: 'organiser',
    ok: { status: 201, description: 'The new token', schema: 'AdminTokenRotation' },
    refusals: DENIED,
  },
  {
    id: 'listOrganiserConsultations',
    method: 'get',
    path: `${A}/consultations`,
    tag: 'Moderation',
    summary: 'The consultations the caller acts on, with its role',
    description: 'Every consultation for server admins; the ones its roles name otherwise.',
    auth: 'organiser',
    ok: { status: 200, description: 'The consultations', schema: 'OrganiserConsultations' },
    refusals: DENIED,
  },
  {
    id: 'getModerationTab',
    method: 'get',
    path: `${C}/queue`,
    tag: 'Moderation',
    summary: 'One tab of the moderation queue (every kind of contribution), oldest first',
    description:
      '`pending`: awaiting approval; `reported`: published with reports newer than the last decision; `hidden`. With the count of each tab.',
    auth: 'organiser',
    query: org.QueueQuery,
    ok: { status: 200, description: 'The tab', schema: 'ModerationQueuePage' },
    refusals: { ...DENIED, validation: 'an unknown tab' },
  },
  {
    id: 'decideModeration',
    method: 'post',
    path: `${C}/decisions`,
    tag: 'Moderation',
    summary: 'Approve, hide or restore contributions (`kind:id`), with a reason',
    description:
      'All or nothing: one unknown target refuses the batch. Each decision is audited. Hiding a proposal releases its votes until it is restored.',
    auth: 'organiser',
    body: 'DecisionInput',
    ok: { status: 200, description: 'The new statuses', schema: 'DecisionResult' },
    refusals: {
      ...WRITE,
      'not-found': 'a target does not exist in this consultation',
      conflict: 'a target cannot take this action in its status',
    },
  },
  {
    id: 'answerProposal',
    method: 'put',
    path: `${C}/proposals/{proposalId}/answer`,
    tag: 'Moderation',
    summary: 'Answer a proposal',
    description:
      'Under study, kept (with its commitment), merged into another proposal, not kept. The text is required for `not-kept` and `merged`.',
    auth: 'organiser',
    body: 'AnswerInput',
    ok: { status: 200, description: 'The answer', schema: 'ProposalAnswer' },
    refusals: { ...WRITE, 'not-found': 'no such proposal' },
  },
  {
    id: 'getAuditLog',
    method: 'get',
    path: `${A}/audit`,
    tag: 'Organisers',
    summary: 'The audit log, newest first (JSON or CSV)',
    description: 'With `consultation`: that consultation’s entries (its admins); without: every entry (server admins).',
    auth: 'organiser',
    query: org.AuditQuery,
    ok: { status: 200, description: 'The entries (`format=csv`: text/csv)', schema: 'AuditPage' },
    refusals: { ...DENIED, 'not-found': 'no such consultation', validation: 'an unknown format' },
  },
  ...CONSULTATION_ROUTES,
  ...OIDC_ROUTES,
];

/** Answers and request bodies of these operations, for the document's components. */
export const ORGANISER_ANSWERS: Record<string, z.ZodMiniType> = {
  Organiser: org.Organiser,
  RoleGrant: org.RoleGrant,
  OrganiserSession: org.OrganiserSession,
  OrganiserList: org.OrganiserList,
  AdminTokenRotation: org.AdminTokenRotation,
  OrganiserConsultations: org.OrganiserConsultations,
  ModerationQueuePage: org.ModerationQueuePage,
  QueueItem: org.QueueItem,
  DecisionResult: org.DecisionResult,
  ProposalAnswer: org.ProposalAnswer,
  AuditEntry: org.AuditEntry,
  AuditPage: org.AuditPage,
  ...CONSULTATION_ANSWERS,
  ...OIDC_ANSWERS,
};
export const ORGANISER_REQUESTS: Record<string, z.ZodMiniType> = {
  SetupInput: org.SetupInput,
  SignInInput: org.SignInInput,
  OrganiserInput: org.OrganiserInput,
  RolesInput: org.RolesInput,
  PasswordInput: org.PasswordInput,
  DecisionInput: org.DecisionInput,
  AnswerInput: org.AnswerInput,
  ...CONSULTATION_REQUESTS,
};

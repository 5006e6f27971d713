/** The OpenAPI description of the relay-workshop report routes (issue 22): routes, schemas and examples. */
import type * as z from 'zod/mini';
import * as reports from '../../src/core/reports.js';
import { C, type RouteDoc } from '../openapi/route-doc.js';

const HOST =
  'The event’s host: the participant who proposed the event, or a participant sending the secret of a live host link (`hostKey`).';
const DENIED: RouteDoc['refusals'] = {
  forbidden: 'the organiser is not an admin of this consultation, or a cookie write without a valid `X-CSRF-Token`',
};

export const WORKSHOP_REPORT_DOCS: RouteDoc[] = [
  {
    id: 'getWorkshopReport',
    method: 'get',
    path: `${C}/events/{eventId}/report`,
    tag: 'Events',
    summary: 'An event’s published report',
    description:
      'The relay workshop’s report once a moderator approved it, with its published contributions (each a proposal, `proposalId`, or an amendment of a text, `amendmentId`). Room support is what the room counted: never part of a proposal’s tally.',
    auth: 'none',
    ok: { status: 200, description: 'The report', schema: 'WorkshopReport' },
    refusals: { 'not-found': 'no such event, or no published report' },
    cached: true,
  },
  {
    id: 'submitWorkshopReport',
    method: 'post',
    path: `${C}/events/{eventId}/report`,
    tag: 'Events',
    summary: 'File a relay workshop’s report (its host)',
    description: `${HOST} One report per event, once the event has started; it and its contributions await a moderator (deciding the report decides every contribution still pending). A row of kind \`amendment\` (\`sectionId\`, and \`documentId\` when the consultation has several texts) becomes an amendment of that section of the text’s current version, written by the host, its title the reason and its text the new section text; it shows with the workshop as \`origin\`. The same draft sent again with its Idempotency-Key, even after the key’s stored answer expired or from another participant token, answers the report it filed. Its body may reach eight times the usual limit (512 KB by default).`,
    auth: 'participant',
    body: 'WorkshopReportDraft',
    ok: { status: 201, description: 'Stored, awaiting moderation', schema: 'WorkshopReportReceipt' },
    refusals: {
      validation:
        'a field breaks a rule (`fieldErrors`: `contributions.N.title` `duplicate` when two rows share a title, accents and case ignored; `contributions.N.sectionId` / `documentId` for an amendment row on no section of a text)',
      forbidden: 'not the host, a revoked or unknown host link, or the honeypot is filled',
      'not-found': 'no such approved event',
      closed: 'the event has not started',
      conflict: 'the event already has a report (filed with another key)',
    },
    write: true,
  },
  {
    id: 'listHostLinks',
    method: 'get',
    path: `/admin${C}/events/{eventId}/host-links`,
    tag: 'Organisers',
    summary: 'An event’s host links',
    description: 'Issued and revoked links; never their secrets (only a hash is stored).',
    auth: 'organiser',
    ok: { status: 200, description: 'The links', schema: 'HostLinkList' },
    refusals: { ...DENIED, 'not-found': 'no such event' },
  },
  {
    id: 'issueHostLink',
    method: 'post',
    path: `/admin${C}/events/{eventId}/host-links`,
    tag: 'Organisers',
    summary: 'Issue a host link for an event',
    description: 'Its holder may file the event’s report. The secret is in this answer only; audited.',
    auth: 'organiser',
    body: 'HostLinkInput',
    ok: { status: 201, description: 'The link and its secret, shown once', schema: 'HostLinkIssued' },
    refusals: { ...DENIED, validation: 'a field breaks its rule', 'not-found': 'no such event' },
  },
  {
    id: 'revokeHostLink',
    method: 'delete',
    path: `/admin${C}/host-links/{linkId}`,
    tag: 'Organisers',
    summary: 'Revoke a host link',
    description: 'Effective at once: the next write with its secret is refused. Audited.',
    auth: 'organiser',
    ok: { status: 200, description: 'The revoked link', schema: 'HostLink' },
    refusals: { ...DENIED, 'not-found': 'no such link' },
  },
];

export const WORKSHOP_REPORT_ANSWERS: Record<string, z.ZodMiniType> = {
  WorkshopReport: reports.WorkshopReport,
  WorkshopReportReceipt: reports.WorkshopReportReceipt,
  WorkshopContribution: reports.WorkshopContribution,
  ProposalOrigin: reports.ProposalOrigin,
  HostLink: reports.HostLink,
  HostLinkIssued: reports.HostLinkIssued,
  HostLinkList: reports.HostLinkList,
};
export const WORKSHOP_REPORT_REQUESTS: Record<string, z.ZodMiniType> = {
  WorkshopReportDraft: reports.WorkshopReportDraft,
  HostLinkInput: reports.HostLinkInput,
};

const AT = '2026-03-21T09:00:00.000Z';
const contribution = {
  position: 1,
  kind: 'proposal',
  title: 'Un budget participatif dans chaque quartier',
  body: 'La table des habitants des Pentes propose que chaque quartier vote une part du budget.',
  categoryId: 'participation',
  sectionId: null,
  documentId: null,
  roomSupport: 18,
  proposalId: 'p-Wk3xQ9mL2vR7tY1z',
  amendmentId: null,
};
const report = {
  id: 'wr-Lq8vX2mN0kT5rY3p',
  consultationId: 'plan-action-2017',
  eventId: 'e-atelier-lyon',
  heldOn: '2026-03-20',
  attendees: 24,
  organisations: ['Centre social des Pentes'],
  summary: 'Trois tables, deux heures de débat.',
  status: 'published',
  createdAt: AT,
  contributions: [contribution],
};
const link = { id: 'hl-Zp4kR8vQ1mX6tN2s', eventId: 'e-atelier-lyon', label: 'Centre social des Pentes', createdAt: AT, revokedAt: null };

export const WORKSHOP_REPORT_EXAMPLES: Record<string, unknown> = {
  WorkshopReport: report,
  WorkshopReportReceipt: { report: { ...report, status: 'pending' }, moderation: 'pending' },
  WorkshopContribution: contribution,
  ProposalOrigin: {
    kind: 'workshop',
    eventId: 'e-atelier-lyon',
    reportId: report.id,
    eventTitle: 'Atelier-relais à Lyon',
    town: 'Lyon',
    roomSupport: 18,
  },
  HostLink: link,
  HostLinkIssued: { link, secret: 'hl_Vb9Nd4Fg6Jp1Sx0Qa2Ze8Ku3Y5mT7rW' },
  HostLinkList: { links: [link] },
  WorkshopReportDraft: {
    heldOn: '2026-03-20',
    attendees: 24,
    organisations: 'Centre social des Pentes',
    summary: 'Trois tables, deux heures de débat, beaucoup d’idées.',
    contributions: [{ kind: 'proposal', title: contribution.title, body: contribution.body, categoryId: 'participation', roomSupport: 18 }],
    consent: true,
  },
  HostLinkInput: { eventId: 'e-atelier-lyon', label: 'Centre social des Pentes' },
};

/**
 * The OpenAPI description of the collaborative writing routes (routes/documents.ts, documents-admin.ts):
 * their operations, the schemas they answer and take, and an example of each (server/openapi/document.ts).
 */
import * as z from 'zod/mini';
import * as t from '../../src/core/text.js';
import { ExportOrigin } from '../api-schemas.js';
import { C, type RouteDoc } from '../openapi/route-doc.js';

const D = `${C}/documents/{documentId}`;
const A = '/admin/consultations/{id}';
const AMENDING = 'the document’s phases (`amendmentPhases`) are not open now';

export const DocumentList = z.object({ items: z.array(z.object({ id: z.string(), title: z.string(), version: z.int() })) });
export const DocumentExport = z.object({
  document: z.object({ id: z.string(), title: z.string(), voteModel: z.string(), exportedAt: z.string() }),
  versions: z.array(t.DocumentVersion),
  amendments: z.array(
    z.object({
      id: z.string(),
      sectionId: z.string(),
      baseVersion: z.int(),
      kind: t.AmendmentKind,
      title: z.string(),
      baseText: z.string(),
      text: z.string(),
      reason: z.string(),
      createdAt: z.string(),
      state: t.AmendmentState,
      decision: z.nullable(t.AmendmentDecision),
      appliedIn: z.nullable(z.int()),
      total: z.nullable(z.int()),
      counts: z.nullable(z.record(z.string(), z.int())),
      /** Null when written online; a relay workshop's amendment otherwise (issue 22). */
      origin: z.nullable(ExportOrigin),
    }),
  ),
});

export const DOCUMENT_ANSWERS: Record<string, z.ZodMiniType> = {
  TextDocument: t.TextDocument,
  DocumentVersion: t.DocumentVersion,
  DocumentList,
  Amendment: t.Amendment,
  AmendmentList: t.AmendmentList,
  AmendmentReceipt: t.AmendmentReceipt,
  AmendmentVoteResult: t.AmendmentVoteResult,
  DocumentExport,
};
export const DOCUMENT_REQUESTS: Record<string, z.ZodMiniType> = {
  AmendmentDraft: t.AmendmentDraft,
  AmendmentVoteInput: t.AmendmentVoteInput,
  AmendmentDecisionInput: t.AmendmentDecisionInput,
  MarkdownImport: t.MarkdownImport,
};

export const DOCUMENT_DOCS: RouteDoc[] = [
  {
    id: 'listDocuments',
    method: 'get',
    path: `${C}/documents`,
    tag: 'Documents',
    summary: 'The consultation’s documents',
    description: 'Drafts written together in the collaborative writing phase.',
    auth: 'none',
    ok: { status: 200, description: 'The documents', schema: 'DocumentList' },
    refusals: {},
    cached: true,
  },
  {
    id: 'getDocument',
    method: 'get',
    path: D,
    tag: 'Documents',
    summary: 'A document’s current version, with its counts',
    description: 'Sections in reading order (a heading tree by `parentId`), each with its number of open amendments; the list of versions.',
    auth: 'none',
    ok: { status: 200, description: 'The document', schema: 'TextDocument' },
    refusals: { 'not-found': 'no such document' },
    cached: true,
  },
  {
    id: 'getVersion',
    method: 'get',
    path: `${D}/versions/{number}`,
    tag: 'Documents',
    summary: 'One version (a snapshot)',
    description: 'A published version never changes; its `changelog` lists the amendments it took in.',
    auth: 'none',
    ok: { status: 200, description: 'The version', schema: 'DocumentVersion' },
    refusals: { 'not-found': 'no such document or version' },
    cached: true,
  },
  {
    id: 'listAmendments',
    method: 'get',
    path: `${D}/amendments`,
    tag: 'Documents',
    summary: 'Amendments, with their diff and tally',
    description:
      'Each carries the text it was written on (`baseText`, version `baseVersion`) and the word-level `diff`. With a token, `myVote` and `mine` say what is the caller’s.',
    auth: 'optional-participant',
    query: t.AmendmentQuery,
    ok: { status: 200, description: 'The amendments', schema: 'AmendmentList' },
    refusals: { 'not-found': 'no such document', validation: 'a query parameter breaks its schema' },
    cached: true,
  },
  {
    id: 'proposeAmendment',
    method: 'post',
    path: `${D}/amendments`,
    tag: 'Documents',
    summary: 'Propose a change to a section',
    description:
      'Modify a section, add one after it, or delete it, with the reason. Written on the current version. At most one open amendment per participant and section where the document says so (`oneOpenPerSection`).',
    auth: 'participant',
    body: 'AmendmentDraft',
    ok: { status: 201, description: 'The stored amendment', schema: 'AmendmentReceipt' },
    refusals: {
      validation: 'a field breaks its rule (`fieldErrors`)',
      conflict: 'the participant has an open amendment on this section',
      closed: AMENDING,
      forbidden: 'the honeypot `website` is filled',
      'not-found': 'no such document',
    },
    write: true,
  },
  {
    id: 'withdrawAmendment',
    method: 'post',
    path: `${D}/amendments/{amendmentId}/withdraw`,
    tag: 'Documents',
    summary: 'Withdraw one’s own open amendment',
    description: 'Frees the section for a new amendment by the same participant.',
    auth: 'participant',
    ok: { status: 200, description: 'The withdrawn amendment', schema: 'AmendmentReceipt' },
    refusals: { 'not-found': 'no open amendment of the caller with this id' },
    write: true,
  },
  {
    id: 'voteAmendment',
    method: 'put',
    path: `${D}/amendments/{amendmentId}/vote`,
    tag: 'Documents',
    summary: 'Vote on an amendment',
    description:
      'With the document’s vote model; one vote per participant and amendment. Changing it follows the consultation’s `voteWithdrawal`.',
    auth: 'participant',
    body: 'AmendmentVoteInput',
    ok: { status: 200, description: 'The new tally', schema: 'AmendmentVoteResult' },
    refusals: {
      validation: 'the choice is not one of the vote model',
      closed: `${AMENDING}, or the amendment is decided`,
      forbidden: 'votes are final here',
      'not-found': 'no such amendment',
    },
    write: true,
  },
  {
    id: 'withdrawAmendmentVote',
    method: 'delete',
    path: `${D}/amendments/{amendmentId}/vote`,
    tag: 'Documents',
    summary: 'Withdraw a vote on an amendment',
    description: 'Where votes may be withdrawn (`voteWithdrawal`).',
    auth: 'participant',
    ok: { status: 200, description: 'The new tally', schema: 'AmendmentVoteResult' },
    refusals: { closed: AMENDING, forbidden: 'votes are final here', 'not-found': 'no such amendment' },
    write: true,
  },
  {
    id: 'exportDocument',
    method: 'get',
    path: `${D}/export.json`,
    tag: 'Open data',
    summary: 'Versions, amendments, tallies and decisions (JSON)',
    description:
      'No name, no participant id: nothing that identifies a person. Hidden amendments are left out; counts are null while hidden.',
    auth: 'none',
    ok: { status: 200, description: 'The export', schema: 'DocumentExport' },
    refusals: { 'not-found': 'no such document' },
    cached: true,
  },
  {
    id: 'importDocument',
    method: 'post',
    path: `${A}/documents`,
    tag: 'Organisers',
    summary: 'Import a draft from Markdown',
    description: 'Headings (`#` to `######`) become sections, the text under each its body; version 1. Role `admin` on the consultation.',
    auth: 'organiser',
    body: 'MarkdownImport',
    ok: { status: 201, description: 'The new document', schema: 'TextDocument' },
    refusals: {
      validation: 'no text, or a field breaks its rule',
      conflict: 'a document with this id exists',
      forbidden: 'the organiser’s role does not allow this, or a cookie write without a valid `X-CSRF-Token`',
    },
  },
  {
    id: 'decideAmendment',
    method: 'put',
    path: `${A}/amendments/{amendmentId}/decision`,
    tag: 'Organisers',
    summary: 'Decide on an amendment',
    description:
      'Accepted, accepted with changes (the changed text) or rejected; a reason is required for the last two and shown on the amendment. Once only.',
    auth: 'organiser',
    body: 'AmendmentDecisionInput',
    ok: { status: 200, description: 'The decided amendment', schema: 'Amendment' },
    refusals: {
      validation: 'no reason where one is required, or no changed text',
      conflict: 'already decided, or hidden or pending in moderation',
      'not-found': 'no such amendment',
      forbidden: 'the organiser’s role does not allow this, or a cookie write without a valid `X-CSRF-Token`',
    },
  },
  {
    id: 'publishVersion',
    method: 'post',
    path: `${D.replace(C, A)}/versions`,
    tag: 'Organisers',
    summary: 'Publish version n+1',
    description:
      'Takes in the amendments accepted since the current version, in decision order; its change log lists them. Open amendments stay open, readable against their base version.',
    auth: 'organiser',
    ok: { status: 201, description: 'The new version', schema: 'DocumentVersion' },
    refusals: {
      conflict: 'no accepted amendment to publish',
      'not-found': 'no such document',
      forbidden: 'the organiser’s role does not allow this, or a cookie write without a valid `X-CSRF-Token`',
    },
  },
];

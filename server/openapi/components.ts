/** The document's named components (answers and request bodies) and an example of each, gathered from every resource. */
import type * as z from 'zod/mini';
import * as comments from '../../src/core/comments.js';
import * as core from '../../src/core/schemas.js';
import * as api from '../api-schemas.js';
import { PinInput } from '../routes/comments-organisers.js';
import { DOCUMENT_ANSWERS, DOCUMENT_REQUESTS } from '../routes/documents-docs.js';
import { DOCUMENT_EXAMPLES } from '../routes/documents-examples.js';
import { MY_CONTRIBUTION_ANSWERS, MY_CONTRIBUTION_EXAMPLES } from '../routes/my-contributions.js';
import { WORKSHOP_REPORT_ANSWERS, WORKSHOP_REPORT_EXAMPLES, WORKSHOP_REPORT_REQUESTS } from '../routes/workshop-reports-docs.js';
import { COMMENT_EXAMPLES } from './comment-examples.js';
import { EXAMPLES } from './examples.js';
import { ORGANISER_EXAMPLES } from './organiser-examples.js';
import { ORGANISER_ANSWERS, ORGANISER_REQUESTS } from './organiser-routes.js';

/** Answers and the shapes they share: `$ref`ed by name. */
export const ANSWERS: Record<string, z.ZodMiniType> = {
  ServerTime: core.ServerTime,
  Consultation: core.Consultation,
  Phase: core.Phase,
  Category: core.Category,
  ConsultationSettings: core.ConsultationSettings,
  ProposalFieldRules: core.ProposalFieldRules,
  ExtraField: core.ExtraField,
  EventFormat: core.EventFormat,
  Participant: core.Participant,
  Participation: core.Participation,
  VoteTally: core.VoteTally,
  Proposal: core.Proposal,
  ProposalPage: core.pageOf(core.Proposal),
  ProposalReceipt: core.ProposalReceipt,
  VoteResult: core.VoteResult,
  Address: core.Address,
  Registration: core.Registration,
  ConsultationEvent: core.ConsultationEvent,
  EventPage: core.pageOf(core.ConsultationEvent),
  RegistrationReceipt: core.RegistrationReceipt,
  EventReceipt: core.EventReceipt,
  FieldError: core.FieldError,
  ApiError: core.ApiError,
  ParticipantToken: api.ParticipantToken,
  ReportReceipt: api.ReportReceipt,
  ModerationQueue: api.ModerationQueue,
  ModeratedProposal: api.ModeratedProposal,
  ModeratedEvent: api.ModeratedEvent,
  OpenDataExport: api.OpenDataExport,
  Comment: comments.Comment,
  CommentPage: comments.CommentPage,
  CommentThread: comments.CommentThread,
  CommentReceipt: comments.CommentReceipt,
  HelpfulResult: comments.HelpfulResult,
  CommentSettings: comments.CommentSettings,
  ...ORGANISER_ANSWERS,
  ...MY_CONTRIBUTION_ANSWERS,
  ...DOCUMENT_ANSWERS,
  ...WORKSHOP_REPORT_ANSWERS,
};
/** Request bodies: generated as input (unknown keys are ignored, not refused). */
export const REQUESTS: Record<string, z.ZodMiniType> = {
  ProposalDraft: core.ProposalDraft,
  VoteInput: api.VoteInput,
  ReportInput: api.ReportInput,
  RegistrationInput: core.RegistrationInput,
  EventProposal: core.EventProposal,
  IdentityInput: api.IdentityInput,
  CommentDraft: comments.CommentDraft,
  CommentEdit: comments.CommentEdit,
  CommentReport: comments.CommentReport,
  PinInput,
  ...ORGANISER_REQUESTS,
  ...DOCUMENT_REQUESTS,
  ...WORKSHOP_REPORT_REQUESTS,
};

/** The example of a named answer or body. */
export const example = (name: string) =>
  EXAMPLES[name] ??
  ORGANISER_EXAMPLES[name] ??
  MY_CONTRIBUTION_EXAMPLES[name] ??
  DOCUMENT_EXAMPLES[name] ??
  WORKSHOP_REPORT_EXAMPLES[name] ??
  COMMENT_EXAMPLES[name];

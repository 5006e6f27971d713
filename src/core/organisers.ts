/**
 * The organiser side's data shapes (issue 19), one source of truth for the reference server, its
 * OpenAPI document and the console: accounts and roles, sessions, the moderation model shared by
 * every kind of contribution (targets written `kind:id`), answers to proposals and the audit log.
 */
import * as z from 'zod/mini';
import { AnswerState, ProposalAnswer } from './schemas.js';

export { AnswerState, ProposalAnswer };

const Instant = z.iso.datetime({ offset: true });
const Id = z.string().check(z.minLength(1), z.maxLength(120), z.regex(/^[A-Za-z0-9_.:-]+$/));
const Reason = z.string().check(z.trim(), z.minLength(1, 'Give a reason'), z.maxLength(2000));

/** A role per consultation; on `*` it holds for every consultation. */
export const OrganiserRole = z.enum(['admin', 'moderator']);
export const RoleGrant = z.object({ consultationId: z.union([Id, z.literal('*')]), role: OrganiserRole });
export const Organiser = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string(),
  roles: z.array(RoleGrant),
  createdAt: Instant,
});

/** A password is checked for length only (NIST SP 800-63B): 12 to 200 characters. */
export const Password = z.string().check(z.minLength(12, 'At least 12 characters'), z.maxLength(200));
const Email = z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'An e-mail address'));
const DisplayName = z.string().check(z.trim(), z.minLength(1, 'A name'), z.maxLength(120));

export const SignInInput = z.object({ email: z.string().check(z.maxLength(254)), password: z.string().check(z.maxLength(200)) });
export const SetupInput = z.object({
  setupToken: z.string().check(z.maxLength(200)),
  email: Email,
  displayName: DisplayName,
  password: Password,
});
export const OrganiserInput = z.object({
  email: Email,
  displayName: DisplayName,
  password: z.optional(Password),
  roles: z.array(RoleGrant),
});
export const RolesInput = z.object({ roles: z.array(RoleGrant) });
export const PasswordInput = z.object({ password: Password });
export const OrganiserSession = z.object({
  organiser: Organiser,
  /** Send it back as `X-CSRF-Token` on every write made with the session cookie. */
  csrfToken: z.string(),
  /** When the session ends if unused, and at the latest. */
  idleExpiresAt: Instant,
  expiresAt: Instant,
});
export const AdminTokenRotation = z.object({ token: z.string() });
/** What the sign-in page offers: passwords always; OpenID Connect when the server is configured for it. */
export const SignInOptions = z.object({ password: z.boolean(), oidc: z.nullable(z.object({ label: z.string() })) });
export const OrganiserList = z.object({ organisers: z.array(Organiser) });
export const OrganiserConsultations = z.object({
  consultations: z.array(z.object({ id: z.string(), title: z.string(), role: OrganiserRole })),
});

/** The moderation model: every kind of contribution has one of these statuses. */
export const ModerationStatus = z.enum(['pending', 'published', 'hidden', 'withdrawn']);
export const ModerationAction = z.enum(['approve', 'hide', 'restore']);
export const ModerationTab = z.enum(['pending', 'reported', 'hidden']);
/** `proposal:p-1`, `event:e-3`, later `comment:c-9`... */
export const Target = z.string().check(z.maxLength(160), z.regex(/^[a-z][a-z-]*:[A-Za-z0-9_.:-]+$/, 'A target written kind:id'));

export const QueueItem = z.object({
  target: z.string(),
  kind: z.string(),
  id: z.string(),
  consultationId: z.string(),
  title: z.string(),
  excerpt: z.string(),
  status: ModerationStatus,
  createdAt: Instant,
  authorName: z.nullable(z.string()),
  authorEmail: z.nullable(z.string()),
  reports: z.array(z.object({ reason: z.string(), at: Instant })),
  lastDecision: z.nullable(z.object({ status: ModerationStatus, reason: z.string(), by: z.string(), at: Instant })),
});
export const ModerationQueuePage = z.object({
  tab: ModerationTab,
  counts: z.object({ pending: z.int(), reported: z.int(), hidden: z.int() }),
  /** Oldest first. */
  items: z.array(QueueItem),
});
export const QueueQuery = z.object({ tab: z._default(ModerationTab, 'pending') });
export const DecisionInput = z.object({
  targets: z.array(Target).check(z.minLength(1), z.maxLength(200)),
  action: ModerationAction,
  reason: Reason,
});
export const DecisionResult = z.object({ decided: z.array(z.object({ target: z.string(), status: ModerationStatus })) });

export const AnswerInput = z.object({
  state: AnswerState,
  text: z.string().check(z.trim(), z.maxLength(5000)),
  commitment: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(2000)))),
  mergedInto: z.optional(z.nullable(Id)),
});

/** Rules beyond the shape, shared by the server and the console: text for `not-kept` and `merged`, a target for `merged`. */
export function answerErrors(
  input: { state: string; text: string; mergedInto?: string | null },
  proposalId: string,
): { field: string; code: string; message: string }[] {
  const errors: { field: string; code: string; message: string }[] = [];
  if ((input.state === 'not-kept' || input.state === 'merged') && !input.text.trim())
    errors.push({ field: 'text', code: 'required', message: 'text: An answer text is required for this state' });
  if (input.state === 'merged' && !input.mergedInto?.trim())
    errors.push({ field: 'mergedInto', code: 'required', message: 'mergedInto: Name the proposal it was merged into' });
  if (input.state === 'merged' && input.mergedInto === proposalId)
    errors.push({ field: 'mergedInto', code: 'invalid', message: 'mergedInto: A proposal cannot be merged into itself' });
  return errors;
}

export const AuditEntry = z.object({
  id: z.string(),
  at: Instant,
  actor: z.string(),
  actorName: z.string(),
  action: z.string(),
  consultationId: z.nullable(z.string()),
  target: z.nullable(z.string()),
  reason: z.nullable(z.string()),
  details: z.record(z.string(), z.unknown()),
});
export const AuditQuery = z.object({ consultation: z.optional(z.string()), format: z._default(z.enum(['json', 'csv']), 'json') });
export const AuditPage = z.object({ entries: z.array(AuditEntry) });

export type OrganiserRole = z.infer<typeof OrganiserRole>;
export type RoleGrant = z.infer<typeof RoleGrant>;
export type Organiser = z.infer<typeof Organiser>;
export type OrganiserInput = z.input<typeof OrganiserInput>;
export type OrganiserSession = z.infer<typeof OrganiserSession>;
export type SignInOptions = z.infer<typeof SignInOptions>;
export type ModerationStatus = z.infer<typeof ModerationStatus>;
export type ModerationAction = z.infer<typeof ModerationAction>;
export type ModerationTab = z.infer<typeof ModerationTab>;
export type QueueItem = z.infer<typeof QueueItem>;
export type ModerationQueuePage = z.infer<typeof ModerationQueuePage>;
export type DecisionInput = z.infer<typeof DecisionInput>;
export type AnswerInput = z.infer<typeof AnswerInput>;
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * A consultation as its organisers edit it (issue 19): the public `Consultation` plus what only the
 * server uses (host origins, the moderation mode of each kind of contribution besides proposals, the
 * host-signed identity's issuer and audience). One source of truth for the reference server (its
 * routes, the JSON import/export format, the OpenAPI document) and the console (errors on the fields
 * before sending). `checkConsultation` holds the rules a schema cannot say (references between fields).
 */
import * as z from 'zod/mini';
import { Consultation, type FieldError } from './schemas.js';

const Instant = z.iso.datetime({ offset: true });
const Kind = z.string().check(z.regex(/^[a-z][a-z-]*$/), z.maxLength(40));

/** `pre`: a contribution waits for a moderator; `post`: published at once, moderated after. */
export const ModerationMode = z.enum(['pre', 'post']);
/**
 * The mode of kinds that keep theirs here (proposed events, amendments; `DEFAULT_MODERATION` when unset).
 * Proposals keep theirs in `consultation.settings.moderation`, comments in `settings.comments.moderation`.
 */
export const KindModeration = z.record(Kind, ModerationMode);

export const IdentitySettings = z.object({
  issuer: z.optional(z.string().check(z.maxLength(300))),
  audience: z.optional(z.string().check(z.maxLength(300))),
});

export const ConsultationEdit = z.object({
  consultation: Consultation,
  /** Origins (`https://www.ville.fr`) whose pages may call the API; `*` opens it to any site. */
  allowedOrigins: z.array(z.string().check(z.maxLength(300))),
  moderation: KindModeration,
  /** Null: the consultation takes no host-signed identities. */
  identity: z.nullable(IdentitySettings),
});

/** The JSON file of a consultation as exported (the server/config format, times absolute, no secret). */
export const ConsultationExport = z.object({
  consultation: Consultation,
  allowedOrigins: z.array(z.string()),
  moderation: KindModeration,
  identity: z.optional(IdentitySettings),
});

/** A host-signing key as organisers see it: never its secret (shown once, when made). */
export const SigningKey = z.object({ id: z.string(), createdAt: Instant, retiresAt: z.nullable(Instant), fromEnv: z.optional(z.string()) });

export const ConsultationAdmin = z.extend(ConsultationEdit, {
  /** Send it back when saving: a save over a newer revision is refused (409). */
  revision: z.int(),
  updatedAt: Instant,
  keys: z.array(SigningKey),
});
export const ConsultationSave = z.extend(ConsultationEdit, { revision: z.int().check(z.gte(1)) });

/** The previous key keeps working for `overlapHours` so the host site can switch at its own pace. */
export const KeyRotationInput = z.object({ overlapHours: z._default(z.int().check(z.gte(0), z.lte(24 * 90)), 72) });
export const KeyRotation = z.object({ key: SigningKey, secret: z.string() });

export const DEFAULT_MODERATION: Record<string, ModerationMode> = { event: 'pre', comment: 'post', amendment: 'post' };

/** What a schema cannot say: unique ids, references between fields, dates in order, origins. */
export function checkConsultation(edit: z.infer<typeof ConsultationEdit>): FieldError[] {
  const errors: FieldError[] = [];
  // Codes the console translates (editor.messages.ts: `err_<code>`); `message` is the English fallback.
  const add = (field: string, message: string, code = 'invalid') => errors.push({ field, code, message: `${field}: ${message}` });
  const c = edit.consultation;
  const phaseIds = new Set<string>();
  c.phases.forEach((phase, i) => {
    if (phaseIds.has(phase.id)) add(`consultation.phases.${i}.id`, `duplicate phase id “${phase.id}”`, 'duplicate');
    phaseIds.add(phase.id);
    if (Date.parse(phase.endsAt) <= Date.parse(phase.startsAt))
      add(`consultation.phases.${i}.endsAt`, 'must come after startsAt', 'phase_order');
  });
  for (const field of ['proposalPhases', 'votePhases', 'eventProposalPhases'] as const) {
    c.settings[field].forEach((id, i) => {
      if (!phaseIds.has(id)) add(`consultation.settings.${field}.${i}`, `“${id}” is not the id of a phase`, 'unknown_phase');
    });
  }
  const categories = new Set<string>();
  c.categories.forEach((cat, i) => {
    if (categories.has(cat.id)) add(`consultation.categories.${i}.id`, `duplicate category id “${cat.id}”`, 'duplicate');
    categories.add(cat.id);
  });
  const fields = new Set<string>();
  c.settings.proposalFields.extraFields.forEach((f, i) => {
    if (fields.has(f.id)) add(`consultation.settings.proposalFields.extraFields.${i}.id`, `duplicate field id “${f.id}”`, 'duplicate');
    fields.add(f.id);
  });
  const { title, body } = c.settings.proposalFields;
  if (title.min > title.max) add('consultation.settings.proposalFields.title.min', 'must not exceed the maximum', 'min_max');
  if (body.min > body.max) add('consultation.settings.proposalFields.body.min', 'must not exceed the maximum', 'min_max');
  edit.allowedOrigins.forEach((origin, i) => {
    if (origin !== '*' && !isOrigin(origin))
      add(
        `allowedOrigins.${i}`,
        `“${origin}” is not an origin such as https://www.example.fr (scheme, host, optional port; no path)`,
        'origin',
      );
  });
  return errors;
}

export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** The moderation mode of a kind of contribution in a consultation. */
export function moderationMode(edit: Pick<z.infer<typeof ConsultationEdit>, 'consultation' | 'moderation'>, kind: string): ModerationMode {
  if (kind === 'proposal') return edit.consultation.settings.moderation;
  if (kind === 'comment') return edit.consultation.settings.comments?.moderation ?? 'post';
  return edit.moderation[kind] ?? DEFAULT_MODERATION[kind] ?? 'pre';
}

export type ModerationMode = z.infer<typeof ModerationMode>;
export type IdentitySettings = z.infer<typeof IdentitySettings>;
export type ConsultationEdit = z.infer<typeof ConsultationEdit>;
export type ConsultationAdmin = z.infer<typeof ConsultationAdmin>;
export type ConsultationSave = z.infer<typeof ConsultationSave>;
export type ConsultationExport = z.infer<typeof ConsultationExport>;
export type SigningKey = z.infer<typeof SigningKey>;
export type KeyRotationInput = z.infer<typeof KeyRotationInput>;
export type KeyRotation = z.infer<typeof KeyRotation>;

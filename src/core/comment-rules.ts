/**
 * The rules of comments (issue 20), without zod so the element ships none of it: targets, stances,
 * report reasons, a consultation's comment settings with their defaults, when comments are open, and
 * the validation of what a citizen writes. Used by the element, the memory backend and the server
 * (authoritative); the zod shapes are in comments.ts.
 */
import { ErrorList } from './error-list.js';
import { currentPhase, nextPhaseAmong } from './phase.js';
import type { Consultation, FieldError, Phase } from './schemas.js';

export const COMMENT_TARGET_KINDS = ['proposal', 'event', 'section', 'amendment'] as const;
export type CommentTargetKind = (typeof COMMENT_TARGET_KINDS)[number];
/**
 * `proposal:ID`, `event:ID`, `amendment:ID`, and `section:DOCUMENT/SECTION`: section ids (`s-1`, `s-2`…)
 * repeat in every document, so a section is named with its document.
 */
export const COMMENT_TARGET =
  /^(?:(proposal|event|amendment):([A-Za-z0-9_.:-]{1,120})|section:([A-Za-z0-9_.:-]{1,120})\/([A-Za-z0-9_.:-]{1,120}))$/;
export const COMMENT_STANCES = ['for', 'neutral', 'against'] as const;
export type CommentStance = (typeof COMMENT_STANCES)[number];
/**
 * For and against side by side: each column is its own list, paged on its own (`stance` of a thread query): `for`,
 * `against`, and `other` (neutral, no stance, and threads whose first comment no longer shows one: deleted or hidden).
 */
export const COMMENT_COLUMNS = ['for', 'against', 'other'] as const;
export type CommentColumn = (typeof COMMENT_COLUMNS)[number];
/** The column of a thread as the reader sees its first comment (the server says the same in SQL: store/comments.ts). */
export const commentColumn = (comment: { stance: CommentStance | null }): CommentColumn =>
  comment.stance === 'for' || comment.stance === 'against' ? comment.stance : 'other';
export const COMMENT_SORTS = ['oldest', 'newest', 'helpful'] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];
export const REPORT_REASONS = ['spam', 'offensive', 'off-topic', 'personal-data', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_DETAILS_MAX = 500;
export const COMMENT_AUTHOR_MAX = 80;
/** Threads per page, and the most a client may ask for. */
export const COMMENT_PAGE = 20;
export const COMMENT_PAGE_MAX = 100;

/** A consultation's comment settings as stored (every field optional: the defaults below apply). */
export interface CommentSettingsInput {
  /** Phases that take comments; absent: whichever phase is open. */
  phases?: string[];
  stance?: 'off' | 'optional' | 'required';
  /** Show comments for and against in two columns. */
  sideBySide?: boolean;
  length?: { min: number; max: number };
  /** Reports that hide a comment until a moderator decides; 0 = never. */
  hideAfterReports?: number;
  /** `pre`: comments wait for a moderator; `post`: published at once. */
  moderation?: 'pre' | 'post';
}
export type CommentRules = Required<Omit<CommentSettingsInput, 'phases'>> & { phases: string[] | null };

export const DEFAULT_COMMENT_RULES: Readonly<CommentRules> = Object.freeze({
  phases: null,
  stance: 'optional',
  sideBySide: false,
  length: { min: 2, max: 1000 },
  hideAfterReports: 3,
  moderation: 'post',
});

export function commentRules(consultation: Consultation): CommentRules {
  const own: CommentSettingsInput = consultation.settings.comments ?? {};
  return {
    phases: own.phases ?? null,
    stance: own.stance ?? DEFAULT_COMMENT_RULES.stance,
    sideBySide: own.sideBySide ?? false,
    length: own.length ?? DEFAULT_COMMENT_RULES.length,
    hideAfterReports: own.hideAfterReports ?? 3,
    moderation: own.moderation ?? 'post',
  };
}

/** The status an edit leaves: under pre-moderation an approved comment goes back to the queue (a moderator approved a text, not its author). */
export function statusAfterEdit<S extends string>(consultation: Consultation, status: S): S | 'pending' {
  return status === 'published' && commentRules(consultation).moderation === 'pre' ? 'pending' : status;
}

/** Whether comments may be written at `now`, and the phase when they open again. */
export function commentWindow(consultation: Consultation, now: number): { open: boolean; opensAt: Phase | null } {
  const { phases } = commentRules(consultation);
  const phase = currentPhase(consultation.phases, now);
  const open = !!phase && (phases === null || phases.includes(phase.id));
  const ids = phases ?? consultation.phases.map((p) => p.id);
  return { open, opensAt: open ? null : nextPhaseAmong(consultation.phases, ids, now) };
}

/** What a target names; `documentId` for a section only. */
export type ParsedTarget =
  { kind: Exclude<CommentTargetKind, 'section'>; id: string; documentId?: undefined } | { kind: 'section'; id: string; documentId: string };

export function parseTarget(target: string): ParsedTarget | null {
  const m = COMMENT_TARGET.exec(target);
  if (!m) return null;
  return m[1] ? { kind: m[1] as Exclude<CommentTargetKind, 'section'>, id: m[2]! } : { kind: 'section', documentId: m[3]!, id: m[4]! };
}

export const TARGET_FORMS = 'target must be proposal:ID, event:ID, amendment:ID or section:DOCUMENT/SECTION';

/** What a citizen writes: the comment (or reply) and its stance. */
export interface CommentTextInput {
  body: string;
  stance?: CommentStance | null;
  authorName?: string;
}

export function validateComment(consultation: Consultation, input: CommentTextInput, reply: boolean): FieldError[] {
  const rules = commentRules(consultation);
  const list = new ErrorList();
  list.text('body', input.body, rules.length.min, rules.length.max);
  const stance = input.stance ?? null;
  if (stance !== null && (rules.stance === 'off' || !COMMENT_STANCES.includes(stance))) {
    list.add('stance', 'invalid', rules.stance === 'off' ? 'this consultation takes no stance' : 'stance must be for, neutral or against');
  } else if (stance === null && rules.stance === 'required' && !reply) {
    list.add('stance', 'required', 'stance is required');
  }
  list.text('authorName', input.authorName, 0, COMMENT_AUTHOR_MAX, false);
  return list.errors;
}

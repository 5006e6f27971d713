/**
 * The rules of the collaborative writing phase, one home for the memory backend, the reference server
 * and `<pgo-text>`: what an amendment must hold, when amending is open, how a Markdown draft becomes
 * sections, how accepted amendments make the next version. No zod here (this ships to the browser).
 */
import { ErrorList, NAME_MAX } from './error-list.js';
import { currentPhase, nextPhaseAmong } from './phase.js';
import type { Consultation, FieldError, Phase } from './schemas.js';
import type { Amendment, AmendmentDecisionInput, AmendmentDraft, ChangeLogEntry, Section, TextDocument } from './text.js';

export const AMENDMENT_REASON = { min: 10, max: 2000 } as const;
export const AMENDMENT_TEXT = { min: 1, max: 20000 } as const;
export const SECTION_TITLE = { min: 3, max: 200 } as const;
export const DECISION_REASON_MAX = 5000;

/** Whether amendments (and votes on them) are open now, and the next phase that opens them if not. */
export function amendWindow(
  consultation: Consultation,
  doc: Pick<TextDocument, 'amendmentPhases'>,
  now: number,
): { open: boolean; opensAt: Phase | null } {
  const phase = currentPhase(consultation.phases, now);
  const open = !!phase && doc.amendmentPhases.includes(phase.id);
  return { open, opensAt: open ? null : nextPhaseAmong(consultation.phases, doc.amendmentPhases, now) };
}

/** The phases that take amendments by default: the collaborative-writing ones. */
export function defaultAmendmentPhases(consultation: Consultation): string[] {
  return consultation.phases.filter((p) => p.kind === 'collaborative-writing').map((p) => p.id);
}

/** The field errors of a draft on a section of `sections` (empty when it may be sent). */
export function validateAmendmentDraft(sections: readonly Section[], draft: AmendmentDraft): FieldError[] {
  const list = new ErrorList();
  const section = sections.find((s) => s.id === draft.sectionId);
  if (!section) list.add('sectionId', 'invalid', 'No such section in the current version');
  if (draft.kind !== 'delete') list.text('text', draft.text, AMENDMENT_TEXT.min, AMENDMENT_TEXT.max);
  if (draft.kind === 'modify' && section && draft.text.trim() && normalise(draft.text) === normalise(section.body)) {
    list.add('text', 'unchanged', 'The text is the same as the section’s');
  }
  if (draft.kind === 'add-after') list.text('title', draft.title, SECTION_TITLE.min, SECTION_TITLE.max);
  list.text('reason', draft.reason, AMENDMENT_REASON.min, AMENDMENT_REASON.max);
  list.text('authorName', draft.authorName, 0, NAME_MAX, false);
  return list.errors;
}

/** A decision's errors: a reason is required to reject or to change an amendment, and the changed text. */
export function validateDecision(input: AmendmentDecisionInput, amendment: Pick<Amendment, 'kind'>): FieldError[] {
  const errors: FieldError[] = [];
  if (input.state !== 'accepted' && !input.reason.trim())
    errors.push({ field: 'reason', code: 'required', message: 'A reason is required to reject an amendment or accept it with changes' });
  if (input.state === 'accepted-with-changes' && amendment.kind !== 'delete' && !input.text?.trim()) {
    errors.push({ field: 'text', code: 'required', message: 'The changed text is required' });
  }
  return errors;
}

/**
 * Why an amendment cannot be decided, or null: only an open amendment that moderation has published is
 * decided (one hidden or awaiting moderation is not the public's to see, so not the text's to take).
 */
export function decisionRefusal(amendment: {
  state: Amendment['state'];
  moderation: 'pending' | 'published' | 'hidden';
}): { message: string; detail: string } | null {
  if (amendment.moderation !== 'published')
    return { message: 'This amendment is not published (moderation): it cannot be decided', detail: `moderation-${amendment.moderation}` };
  if (amendment.state !== 'open') return { message: 'This amendment is already decided', detail: amendment.state };
  return null;
}

const normalise = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * Sections from a Markdown draft: each ATX heading (`#` to `######`) starts a section whose body is the
 * text up to the next heading; a heading sits under the nearest earlier heading of a lower level. A first
 * level-1 heading followed by another level-1 heading is a section like the others; text before the first
 * heading becomes an untitled introduction. Ids are `s-1`, `s-2`... in reading order.
 */
export function sectionsFromMarkdown(markdown: string): Section[] {
  const sections: Section[] = [];
  const stack: Section[] = [];
  let current: { section: Section; lines: string[] } | null = null;
  const intro: string[] = [];
  let fence = false;
  const close = () => {
    if (current) current.section.body = current.lines.join('\n').trim();
  };
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s{0,3}(```|~~~)/.test(line)) fence = !fence;
    // `s`: U+2028 and U+2029 are characters of the line, not line ends (only \n splits lines here).
    const heading = fence ? null : /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/s.exec(line);
    if (!heading) {
      (current ? current.lines : intro).push(line);
      continue;
    }
    close();
    const level = heading[1]!.length;
    while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
    const section: Section = {
      id: `s-${sections.length + 1}`,
      parentId: stack[stack.length - 1]?.id ?? null,
      level,
      title: heading[2]!.trim(),
      body: '',
    };
    sections.push(section);
    stack.push(section);
    current = { section, lines: [] };
  }
  close();
  const introText = intro.join('\n').trim();
  if (introText) {
    for (const s of sections) s.id = `s-${Number(s.id.slice(2)) + 1}`;
    for (const s of sections) if (s.parentId) s.parentId = `s-${Number(s.parentId.slice(2)) + 1}`;
    sections.unshift({ id: 's-1', parentId: null, level: 1, title: '', body: introText });
  }
  return sections;
}

/** The next free section id (`s-<n>`) of a document whose sections, in every version, are `known`. */
export function nextSectionId(known: Iterable<string>): string {
  let max = 0;
  for (const id of known) {
    const n = /^s-(\d+)$/.exec(id);
    if (n) max = Math.max(max, Number(n[1]));
  }
  return `s-${max + 1}`;
}

export interface Accepted {
  amendment: Pick<Amendment, 'id' | 'sectionId' | 'kind' | 'title' | 'text'>;
  state: 'accepted' | 'accepted-with-changes';
  /** The decided text (`accepted-with-changes`), else the amendment's. */
  text: string;
  /** For `add-after`: the id the new section gets. */
  newSectionId?: string;
}

/**
 * The next version's sections: accepted amendments applied in the order given (decision order). A
 * modification replaces the body; a deletion removes the section (its subsections move up to its
 * parent); an addition goes right after the section and its subsections, at the same level.
 */
export function applyAmendments(
  sections: readonly Section[],
  accepted: readonly Accepted[],
): { sections: Section[]; changelog: ChangeLogEntry[] } {
  let next = sections.map((s) => ({ ...s }));
  const changelog: ChangeLogEntry[] = [];
  for (const a of accepted) {
    const index = next.findIndex((s) => s.id === a.amendment.sectionId);
    if (index < 0) continue; // deleted by an earlier amendment of the same batch
    const section = next[index]!;
    if (a.amendment.kind === 'modify') next[index] = { ...section, body: a.text.trim() };
    if (a.amendment.kind === 'delete') {
      next = next.filter((s) => s.id !== section.id).map((s) => (s.parentId === section.id ? { ...s, parentId: section.parentId } : s));
    }
    if (a.amendment.kind === 'add-after') {
      let end = index + 1;
      while (end < next.length && next[end]!.level > section.level) end++;
      next.splice(end, 0, {
        id: a.newSectionId ?? nextSectionId(next.map((s) => s.id)),
        parentId: section.parentId,
        level: section.level,
        title: a.amendment.title.trim(),
        body: a.text.trim(),
      });
    }
    changelog.push({
      amendmentId: a.amendment.id,
      sectionId: a.newSectionId ?? section.id,
      kind: a.amendment.kind,
      state: a.state,
      title: a.amendment.kind === 'add-after' ? a.amendment.title : section.title,
    });
  }
  return { sections: next, changelog };
}

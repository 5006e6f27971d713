/**
 * Pieces of `<pgo-text>`'s rendering: paragraphs, the table of contents, the word-level difference
 * (`<ins>`/`<del>` with words a screen reader speaks, side by side on wide screens, inline on narrow
 * ones: container queries in text.styles.ts), an amendment with its decision and its votes.
 * Every text comes from participants: it is only ever rendered as text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { diffStats, sideOf, type DiffPart } from '../../core/diff.js';
import { formatInstant } from '../../core/format.js';
import type { Locale } from '../../core/i18n.js';
import { originPlace } from '../../core/origin-place.js';
import type { VoteModel } from '../../core/schemas.js';
import type { Amendment, SectionView, TextDocument } from '../../core/text.js';
import { tText, type TextKey } from './text.messages.js';

type T = (key: TextKey, params?: Record<string, string | number>) => string;
export const translatorFor =
  (locale: Locale): T =>
  (key, params) =>
    tText(locale, key, params);

/** The id a section's heading gets, and the page fragment that links to it (`#<document>:<section>`). */
export const sectionAnchor = (doc: Pick<TextDocument, 'id'>, sectionId: string) => `${doc.id}:${sectionId}`;

/** A copy of `set` with `key` added, or removed if it was there. */
export function toggled<T>(set: ReadonlySet<T>, key: T): Set<T> {
  const next = new Set(set);
  if (!next.delete(key)) next.add(key);
  return next;
}

/** The section the page address names for this document (`#<document>:<section>`), or null. */
export function sectionInHash(doc: Pick<TextDocument, 'id'>): string | null {
  const hash = decodeURIComponent(globalThis.location?.hash.slice(1) ?? '');
  return hash.startsWith(`${doc.id}:`) ? hash.slice(doc.id.length + 1) : null;
}

/** Focuses a section's heading (a deep link's target) and brings it into view. */
export function focusSection(root: ParentNode, doc: Pick<TextDocument, 'id'>, sectionId: string): void {
  const heading = root.querySelector<HTMLElement>(`[id="${CSS.escape(sectionAnchor(doc, sectionId))}"]`);
  heading?.focus();
  heading?.scrollIntoView?.({ block: 'start' });
}

/** Paragraphs from a section's body (blank lines separate them; single line breaks are kept). */
export function paragraphs(body: string): TemplateResult[] {
  return body
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => html`<p class="para">${p.trim()}</p>`);
}

/**
 * The document with each section's open amendments as the live stream last counted them (issue 23: the
 * count moves in place when someone amends elsewhere; not announced). The same object when nothing moved.
 */
export function withLiveCounts(doc: TextDocument, counts: ReadonlyMap<string, number>): TextDocument {
  let moved = false;
  const sections = doc.sections.map((s) => {
    const count = counts.get(`amendment section:${doc.id}/${s.id}`);
    if (count === undefined || count === s.openAmendments) return s;
    moved = true;
    return { ...s, openAmendments: count };
  });
  return moved ? { ...doc, sections } : doc;
}

export function renderToc(doc: TextDocument, t: T, go: (event: Event, sectionId: string) => void): TemplateResult {
  return html`<nav part="toc" class="toc" aria-label=${t('toc')}>
    <ol>
      ${doc.sections
        .filter((s) => s.title)
        .map(
          (s) => html`<li class="toc-item" style="--depth: ${s.level - 1}">
        <a href="#${sectionAnchor(doc, s.id)}" @click=${(e: Event) => go(e, s.id)}>${s.title}</a>
        ${s.openAmendments ? html`<span class="count">(${t('open', { count: s.openAmendments })})</span>` : nothing}
      </li>`,
        )}
    </ol>
  </nav>`;
}

function pieces(parts: readonly DiffPart[], t: T): TemplateResult[] {
  return parts.map((p) =>
    p.op === 'ins'
      ? html`<ins><span class="visually-hidden">${t('added')} </span>${p.text}</ins>`
      : p.op === 'del'
        ? html`<del><span class="visually-hidden">${t('removed')} </span>${p.text}</del>`
        : html`${p.text}`,
  );
}

/**
 * Inline (narrow) and side by side (wide): one of the two is shown, by the container's width. A group
 * named by its summary (« Changements : 3 mots ajoutés, 1 supprimé »); each change an `<ins>`/`<del>`
 * (the engines' insertion/deletion roles) that starts with the spoken « Ajouté : » / « Supprimé : ».
 * `id` is unique in the shadow root (it names the summary).
 */
export function renderDiff(diff: readonly DiffPart[], t: T, id: string): TemplateResult {
  const stats = diffStats(diff);
  const summary = t('diffSummary', {
    added: t('wordsAdded', { count: stats.added }),
    removed: t('wordsRemoved', { count: stats.removed }),
  });
  return html`<div part="diff" class="diff" role="group" aria-labelledby=${id}>
    <p class="diff-summary" id=${id}>${summary}</p>
    <div class="diff-inline">${pieces(diff, t)}</div>
    <div class="diff-sides">
      <div class="side"><p class="side-title">${t('before')}</p><div class="side-text">${pieces(sideOf(diff, 'before'), t)}</div></div>
      <div class="side"><p class="side-title">${t('after')}</p><div class="side-text">${pieces(sideOf(diff, 'after'), t)}</div></div>
    </div>
  </div>`;
}

export interface VoteView {
  open: boolean;
  /** The document's vote model: a closed amendment's count is said in its words (soutiens, votes, personnes intéressées). */
  model: VoteModel;
  /** The shared `<pgo-vote-button>` of an amendment open to votes (text-section.ts), `title` naming it. */
  voteButton: (amendment: Amendment, title: string) => unknown;
  /** Its discussion (text-section.ts, renderDiscussion). */
  discussion: () => unknown;
}

const COUNT_KEY: Record<VoteModel, TextKey> = { support: 'votes.support', 'for-against-mixed': 'votes', interest: 'votes.interest' };

/** Votes through `<pgo-vote-button>` while the amendment is open (and published); its counts in words otherwise. */
function renderVotes(a: Amendment, view: VoteView, t: T, title: string): TemplateResult {
  if (view.open && a.state === 'open' && (a.moderation ?? 'published') === 'published')
    return html`<div part="votes" class="votes">${view.voteButton(a, title)}</div>`;
  const count = a.tally.hidden ? t('hiddenCounts') : t(COUNT_KEY[view.model], { count: a.tally.total ?? 0 });
  return html`<p part="votes" class="votes"><span class="counts">${count}</span></p>`;
}

export function renderAmendment(
  a: Amendment,
  section: SectionView | undefined,
  locale: Locale,
  timeZone: string,
  view: VoteView,
  headingTag: (content: unknown) => TemplateResult,
): TemplateResult {
  const t = translatorFor(locale);
  const title = a.kind === 'add-after' ? t('title.add-after', { title: a.title }) : t(`title.${a.kind}` as TextKey);
  // A relay workshop's amendment (issue 22) is signed by its workshop; the room's support is shown apart from the votes.
  const by = a.origin ? t('origin.workshop', { place: originPlace(a.origin) }) : t('by', { name: a.authorName ?? t('anonymous') });
  return html`<article part="amendment" class="amendment state-${a.state}" aria-label=${title} data-amendment=${a.id} tabindex="-1">
    ${headingTag(html`${title} <span class="by">${by}</span>`)}
    ${a.origin && a.origin.roomSupport !== null ? html`<p part="room-support" class="meta">${t('origin.roomSupport', { count: a.origin.roomSupport })}</p>` : nothing}
    <p class="meta"><span part="state" class="state">${t(`state.${a.state}` as TextKey)}</span>
      · <time datetime=${a.createdAt}>${formatInstant(locale, a.createdAt, timeZone)}</time>${a.mine ? html` · <strong>${t('mine')}</strong>` : nothing}</p>
    ${a.moderation === 'pending' ? html`<p part="awaiting" class="outdated">${t('awaiting')}</p>` : nothing}
    ${a.outdated || (section && section.body !== a.baseText && a.kind !== 'add-after') ? html`<p part="outdated" class="outdated">${t('outdated', { version: a.baseVersion })}</p>` : nothing}
    ${a.kind === 'add-after' ? html`<div class="added-text">${paragraphs(a.text)}</div>` : renderDiff(a.diff, t, `diff-${a.id}`)}
    ${a.reason ? html`<p class="reason"><strong>${t('why')}</strong> ${a.reason}</p>` : nothing}
    ${
      a.decision
        ? html`<div part="decision" class="decision">
      <p><strong>${t('decision')}</strong> ${t(`state.${a.decision.state}` as TextKey)}${a.decision.reason ? html` — ${a.decision.reason}` : nothing}</p>
      ${a.decision.text ? html`<p><strong>${t('decidedText')}</strong> ${a.decision.text}</p>` : nothing}
    </div>`
        : nothing
    }
    ${renderVotes(a, view, t, `${title} ${by}`)}
    <div class="actions">${view.discussion()}</div>
  </article>`;
}

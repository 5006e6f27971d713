/**
 * One section of `<pgo-text>`: its heading, its paragraphs, "show the amendments" and "propose a change",
 * the form when it is open, and its amendments, drawn only once the list is opened and then a page at a
 * time (`AMENDMENT_PAGE`, "show n more" moves focus to the first new one): a document of 200 sections
 * and 2,000 amendments stays quick to open.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import type { Locale } from '../../core/i18n.js';
import type { Amendment, SectionView, TextDocument } from '../../core/text.js';
import { headingTag } from '../../forms/fields.js';
import type { PgoElement } from '../../base/pgo-element.js';
import type { AmendmentVoting } from '../vote-button/vote-button-parts.js';
import type { AmendmentForm, AmendmentFormHost } from './amendment-form.js';
import { paragraphs, renderAmendment, sectionAnchor, translatorFor } from './text-parts.js';

/** Amendments drawn per section at first, and added by each "show more". */
export const AMENDMENT_PAGE = 10;

/** A heading of the document's tree; with an id it is a deep-link target (focusable by script). */
export function heading(level: number, content: unknown, id?: string): TemplateResult {
  const tag = headingTag(Math.min(6, level));
  return id
    ? staticHtml`<${tag} class="section-title" id=${id} tabindex="-1">${content}</${tag}>`
    : staticHtml`<${tag}>${content}</${tag}>`;
}

/**
 * The discussion of a section or an amendment (issue 20's `<pgo-comments>`, loaded the first time one
 * opens): its comment count as a button opening the discussion in place; nothing where the backend has no comments.
 */
export function renderDiscussion(c: SectionContext, target: string, count: number | undefined, level: number): unknown {
  if (!c.comments) return nothing;
  const id = `d-${target.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const open = c.discussed(target);
  const t = translatorFor(c.locale);
  return html`<button type="button" part="button discuss" class="pgo-button pgo-button--secondary" aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${id} @click=${() => c.discuss(target)}>${t('discuss', { count: count ?? 0 })}</button>
    ${open ? html`<pgo-comments id=${id} part="discussion" target=${target} .lang=${c.locale} heading-level=${Math.min(6, level)} backend=${c.host.backend} endpoint=${c.host.endpoint} consultation=${c.host.consultation} .customBackend=${c.host.customBackend}></pgo-comments>` : nothing}`;
}

export interface SectionContext {
  host: AmendmentFormHost & Pick<PgoElement, 'backend' | 'endpoint' | 'consultation' | 'customBackend'>;
  doc: TextDocument;
  open: boolean;
  headingLevel: number;
  locale: Locale;
  timeZone: string;
  editing: AmendmentForm | null;
  expanded(sectionId: string): boolean;
  /** How many of the section's amendments are drawn once opened. */
  shown(sectionId: string): number;
  /** Whether the backend has comments (capabilities.comments). */
  comments: boolean;
  discussed(target: string): boolean;
  discuss(target: string): void;
  toggle(sectionId: string): void;
  more(sectionId: string, list: Amendment[]): void;
  openForm(section: SectionView): void;
  closeForm(sectionId: string): void;
}

/**
 * Why amending is not possible here: the platform that publishes the text takes amendments (a backend that
 * reads it only, with its page: `doc.url`), or the document's phases are closed (and when they open).
 */
export function renderClosed(doc: TextDocument, t: ReturnType<typeof translatorFor>, opensOn: string | null): TemplateResult {
  const text = doc.url ? html`${t('elsewhere')} <a href=${doc.url}>${t('elsewhereLink')}</a>` : html`${t('closed')} ${opensOn ?? ''}`;
  return html`<div part="closed" class="pgo-notice closed"><p>${text}</p></div>`;
}

/** One object per amendment shown, so `<pgo-vote-button>` sees no change (and keeps its announcement) when the text redraws. */
const voting = new WeakMap<Amendment, AmendmentVoting>();

/** An amendment's `<pgo-vote-button>`: the shared vote store and its optimistic, announced votes (issue 21). */
function voteButton(c: SectionContext, a: Amendment, title: string): TemplateResult {
  let subject = voting.get(a);
  if (!subject) voting.set(a, (subject = { id: a.id, document: c.doc.id, title, tally: a.tally, voteModel: c.doc.voteModel }));
  return html`<pgo-vote-button part="vote-button" .amendment=${subject} .lang=${c.locale} backend=${c.host.backend} endpoint=${c.host.endpoint}
    consultation=${c.host.consultation} .customBackend=${c.host.customBackend}></pgo-vote-button>`;
}

export function renderSection(c: SectionContext, section: SectionView, list: Amendment[]): TemplateResult {
  const { doc, open } = c;
  const t = translatorFor(c.locale);
  const level = c.headingLevel + section.level;
  const expanded = c.expanded(section.id);
  const listId = `amendments-${section.id}`;
  const editing = c.editing?.section.id === section.id ? c.editing : null;
  const shown = Math.min(list.length, c.shown(section.id));
  const drawn = expanded
    ? list.slice(0, shown).map((a) =>
        renderAmendment(
          a,
          section,
          c.locale,
          c.timeZone,
          {
            open,
            model: doc.voteModel,
            voteButton: (amendment, title) => voteButton(c, amendment, title),
            discussion: () => renderDiscussion(c, `amendment:${a.id}`, a.comments, level + 2),
          },
          (content) => heading(level + 1, content),
        ),
      )
    : nothing;
  const rest = list.length - shown;
  return html`<section part="section" class="section" aria-labelledby=${section.title ? sectionAnchor(doc, section.id) : nothing}>
    ${section.title ? heading(level, section.title, sectionAnchor(doc, section.id)) : nothing}
    ${paragraphs(section.body)}
    <div class="actions">
      ${
        list.length
          ? html`<button type="button" part="button toggle" class="pgo-button pgo-button--secondary" aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${listId}
            @click=${() => c.toggle(section.id)}>${t(expanded ? 'hideAmendments' : 'showAmendments')} (${t('open', { count: section.openAmendments })})</button>`
          : html`<span class="count">${t('open', { count: section.openAmendments })}</span>`
      }
      ${open && !editing ? html`<button type="button" part="button propose" class="pgo-button" data-propose=${section.id} @click=${() => c.openForm(section)}>${t('propose')}</button>` : nothing}
      ${renderDiscussion(c, `section:${doc.id}/${section.id}`, section.comments, level + 1)}
    </div>
    ${editing ? editing.render(c.host, Math.min(6, level + 1), () => c.closeForm(section.id)) : nothing}
    ${
      list.length
        ? html`<div part="amendments" class="amendments" id=${listId} ?hidden=${!expanded} aria-label=${t('amendmentsOf', { title: section.title || doc.title })}>
      ${drawn}
      ${
        expanded && rest > 0
          ? html`<p class="more"><span class="count">${t('shown', { shown, total: list.length })}</span>
          <button type="button" part="button more" class="pgo-button pgo-button--secondary" @click=${() => c.more(section.id, list)}>${t('more', { count: Math.min(rest, AMENDMENT_PAGE) })}</button></p>`
          : nothing
      }
    </div>`
        : nothing
    }
  </section>`;
}

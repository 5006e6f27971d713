/**
 * "For and against side by side" (`settings.comments.sideBySide`, issue 20): the threads shown are
 * grouped by their first comment's stance under headings — for, against, then the others (neutral, no
 * stance, and threads whose first comment is gone) — each a list named by its heading. The document
 * order is the reading and the Tab order; the styles put "for" and "against" in two columns where the
 * discussion is wide and one under the other on a phone. A pinned thread stays above, on its own.
 * The grouping is of the threads loaded (20 a page, "load more" adds to each column).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import type { Comment } from '../../core/comments.js';
import { headingTag } from '../../forms/fields.js';
import type { CommentsKey } from './comments.messages.js';

type Column = 'for' | 'against' | 'other';

const columnOf = (c: Comment): Column => (c.stance === 'for' || c.stance === 'against' ? c.stance : 'other');

export function renderColumns(
  items: readonly Comment[],
  level: number,
  t: (key: CommentsKey) => string,
  renderThread: (c: Comment) => TemplateResult,
): TemplateResult {
  const pinned = items.filter((c) => c.pinned);
  const groups: Record<Column, Comment[]> = { for: [], against: [], other: [] };
  for (const c of items) if (!c.pinned) groups[columnOf(c)].push(c);
  const tag = headingTag(level);
  const column = (key: Column) => {
    const id = `column-${key}`;
    const threads = groups[key];
    return html`<div class="column column--${key}" part="column ${key}">
      ${staticHtml`<${tag} id=${id} class="column-title">${t(`column.${key}`)}</${tag}>`}
      ${
        threads.length
          ? html`<ul class="threads" aria-labelledby=${id}>${threads.map((c) => html`<li>${renderThread(c)}</li>`)}</ul>`
          : html`<p class="pgo-notice none">${t('column.empty')}</p>`
      }
    </div>`;
  };
  return html`${pinned.length ? html`<ul class="threads">${pinned.map((c) => html`<li>${renderThread(c)}</li>`)}</ul>` : nothing}
    <div class="columns" part="columns">${column('for')}${column('against')}${groups.other.length ? column('other') : nothing}</div>`;
}

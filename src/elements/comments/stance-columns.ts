/**
 * "For and against side by side" (`settings.comments.sideBySide`, issue 20): three lists under headings — for,
 * against, then the others (neutral, no stance, and threads whose first comment no longer shows one) — each a list
 * named by its heading, each read and paged on its own (`stance` of the thread query; its own "load more"), so a
 * column never shows only what happened to be on the first page of the whole discussion. A pinned thread comes first
 * in its column. The document order is the reading and the Tab order; the styles put "for" and "against" in two
 * columns where the discussion is wide and one under the other on a phone.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import type { CommentColumn } from '../../core/comment-rules.js';
import type { Comment } from '../../core/comments.js';
import { headingTag } from '../../forms/fields.js';
import type { CommentsKey } from './comments.messages.js';

/** One column: its threads loaded so far, whether its last page failed, and what goes under it (retry, "load more"). */
export interface ColumnList {
  key: CommentColumn;
  items: readonly Comment[];
  failed: boolean;
  footer: TemplateResult | typeof nothing;
}

export function renderColumns(
  columns: readonly ColumnList[],
  level: number,
  t: (key: CommentsKey) => string,
  renderThread: (c: Comment) => TemplateResult,
): TemplateResult {
  const tag = headingTag(level);
  const column = ({ key, items, failed, footer }: ColumnList) => {
    const id = `column-${key}`;
    return html`<div class="column column--${key}" part="column ${key}">
      ${staticHtml`<${tag} id=${id} class="column-title">${t(`column.${key}`)}</${tag}>`}
      ${
        items.length
          ? html`<ul class="threads" aria-labelledby=${id}>${items.map((c) => html`<li>${renderThread(c)}</li>`)}</ul>`
          : failed
            ? nothing
            : html`<p class="pgo-notice none">${t('column.empty')}</p>`
      }
      ${footer}
    </div>`;
  };
  // The others' column only when it has something to show.
  return html`<div class="columns" part="columns">${columns.filter((c) => c.key !== 'other' || c.items.length || c.failed).map(column)}</div>`;
}

/**
 * One comment as the discussion shows it: who wrote it (badges, stance, date, "edited"), its text as
 * text (or what replaced it: deleted, hidden by moderation, awaiting moderation), and its actions;
 * the inline edit and report forms. Pure templates: `<pgo-comments>` holds the state and the actions.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { REPORT_REASONS, type ReportReason } from '../../core/comment-rules.js';
import type { Comment } from '../../core/comments.js';
import { formatInstant } from '../../core/format.js';
import type { Locale } from '../../core/i18n.js';
import { tComments, type CommentsKey } from './comments.messages.js';

/** What the view needs from the element: its state and its actions. */
export interface CommentViewHost {
  locale: Locale;
  timeZone: string;
  /** What this backend and phase allow. */
  can: { reply: boolean; helpful: boolean; report: boolean; edit: boolean };
  busy(id: string): boolean;
  editing: { id: string; text: string } | null;
  reporting: { id: string; reason: ReportReason | ''; details: string; sent: boolean } | null;
  reply(comment: Comment): void;
  toggleHelpful(comment: Comment): void;
  startEdit(comment: Comment): void;
  editInput(text: string): void;
  saveEdit(comment: Comment): void;
  cancel(): void;
  deleteOne(comment: Comment): void;
  startReport(comment: Comment): void;
  reportInput(field: 'reason' | 'details', value: string): void;
  sendReport(comment: Comment): void;
}

const nameOf = (host: CommentViewHost, comment: Comment) => comment.authorName ?? tComments(host.locale, 'anonymous');

export function renderComment(host: CommentViewHost, comment: Comment, extra: TemplateResult | typeof nothing = nothing): TemplateResult {
  const t = (key: CommentsKey, params?: Record<string, string | number>) => tComments(host.locale, key, params);
  const gone = comment.status === 'deleted' || comment.status === 'hidden';
  const headId = `comment-${comment.id}-head`;
  const date = formatInstant(host.locale, comment.createdAt, host.timeZone);
  return html`<article id="comment-${comment.id}" part="comment${comment.parentId ? ' reply' : ''}" class="comment ${gone ? 'comment--gone' : ''}"
      tabindex="-1" aria-labelledby=${headId}>
    <header class="head">
      <span id=${headId} class="author" part="author">${gone ? t(comment.status === 'deleted' ? 'deleted' : 'hidden') : nameOf(host, comment)}</span>
      ${comment.organiser && !gone ? html`<span class="badge" part="badge organiser">${t('organiser')}</span>` : nothing}
      ${comment.pinned ? html`<span class="badge" part="badge pinned">${t('pinned')}</span>` : nothing}
      ${comment.stance && comment.stance !== 'neutral' && !gone ? html`<span class="stance stance--${comment.stance}" part="stance">${t(`stance.${comment.stance}`)}</span>` : nothing}
      <time datetime=${comment.createdAt} part="date">${date}</time>
      ${comment.editedAt && !gone ? html`<span class="edited" part="edited">(${t('edited')})</span>` : nothing}
    </header>
    ${comment.replyTo && !gone ? html`<p class="answering" part="answering">${t('answering', { name: comment.replyTo.authorName ?? t('anonymous') })}</p>` : nothing}
    ${gone ? nothing : host.editing?.id === comment.id ? renderEdit(host, comment) : html`<p class="body" part="body">${comment.body}</p>`}
    ${comment.status === 'pending' ? html`<p class="pending" part="pending">${t('pending')}</p>` : nothing}
    ${gone || host.editing?.id === comment.id ? nothing : renderActions(host, comment)}
    ${host.reporting?.id === comment.id ? renderReport(host, comment) : nothing}
    ${extra}
  </article>`;
}

function renderActions(host: CommentViewHost, comment: Comment): TemplateResult {
  const t = (key: CommentsKey, params?: Record<string, string | number>) => tComments(host.locale, key, params);
  const busy = host.busy(comment.id);
  const published = comment.status === 'published';
  const who = nameOf(host, comment);
  // Each button's accessible name says whose comment it acts on: a list of "Répondre" buttons is no help.
  const label = (key: CommentsKey) => `${t(key)} – ${who}`;
  return html`<div class="actions" part="actions">
    ${
      host.can.reply && published
        ? html`<button type="button" class="pgo-button pgo-button--secondary" part="button reply" aria-label=${label('reply')}
      @click=${() => host.reply(comment)}>${t('reply')}</button>`
        : nothing
    }
    ${
      host.can.helpful && published && !comment.mine
        ? html`<button type="button" class="pgo-button pgo-button--secondary" part="button helpful"
      aria-pressed=${comment.helpfulByMe ? 'true' : 'false'} aria-disabled=${busy ? 'true' : 'false'} aria-label=${`${t('helpfulCount', { count: comment.helpful })} – ${who}`}
      @click=${() => !busy && host.toggleHelpful(comment)}>${t('helpfulCount', { count: comment.helpful })}</button>`
        : comment.helpful
          ? html`<span part="helpful-count">${t('helpfulCount', { count: comment.helpful })}</span>`
          : nothing
    }
    ${
      host.can.report && published && !comment.mine
        ? comment.reportedByMe
          ? html`<span part="reported">${t('reported')}</span>`
          : html`<button type="button" class="pgo-button pgo-button--secondary" part="button report" aria-label=${label('report')}
          aria-expanded=${host.reporting?.id === comment.id ? 'true' : 'false'} @click=${() => host.startReport(comment)}>${t('report')}</button>`
        : nothing
    }
    ${
      host.can.edit && comment.mine
        ? html`<button type="button" class="pgo-button pgo-button--secondary" part="button edit" aria-label=${label('edit')}
        @click=${() => host.startEdit(comment)}>${t('edit')}</button>
      <button type="button" class="pgo-button pgo-button--secondary" part="button delete" aria-label=${label('delete')} aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => !busy && host.deleteOne(comment)}>${t('delete')}</button>`
        : nothing
    }
  </div>`;
}

function renderEdit(host: CommentViewHost, comment: Comment): TemplateResult {
  const t = (key: CommentsKey) => tComments(host.locale, key);
  const id = `edit-${comment.id}`;
  return html`<form class="inline-form" part="edit-form" novalidate @submit=${(e: Event) => (e.preventDefault(), host.saveEdit(comment))}>
    <label for=${id}>${t('body')}</label>
    <textarea id=${id} class="control" rows="4" part="control textarea" .value=${host.editing?.text ?? ''}
      @input=${(e: Event) => host.editInput((e.target as HTMLTextAreaElement).value)}></textarea>
    <div class="actions">
      <button type="submit" class="pgo-button" part="button save" aria-disabled=${host.busy(comment.id) ? 'true' : 'false'}>${t('save')}</button>
      <button type="button" class="pgo-button pgo-button--secondary" part="button cancel" @click=${() => host.cancel()}>${t('cancel')}</button>
    </div>
  </form>`;
}

function renderReport(host: CommentViewHost, comment: Comment): TemplateResult {
  const t = (key: CommentsKey) => tComments(host.locale, key);
  const state = host.reporting!;
  if (state.sent) return html`<p class="pgo-notice" part="report-sent" role="status">${t('reportSent')}</p>`;
  const id = `report-${comment.id}`;
  return html`<form class="inline-form" part="report-form" novalidate aria-label=${t('reportLabel')}
      @submit=${(e: Event) => (e.preventDefault(), host.sendReport(comment))}>
    <fieldset class="field field--radio">
      <legend>${t('reason')}</legend>
      ${REPORT_REASONS.map(
        (reason) => html`<div class="radio">
        <input id="${id}-${reason}" type="radio" name="${id}-reason" value=${reason} .checked=${state.reason === reason}
          @change=${() => host.reportInput('reason', reason)} />
        <label for="${id}-${reason}">${t(`reason.${reason}`)}</label>
      </div>`,
      )}
    </fieldset>
    <label for="${id}-details">${t('details')}</label>
    <textarea id="${id}-details" class="control" rows="2" part="control textarea" .value=${state.details}
      @input=${(e: Event) => host.reportInput('details', (e.target as HTMLTextAreaElement).value)}></textarea>
    <div class="actions">
      <button type="submit" class="pgo-button" part="button send-report" aria-disabled=${!state.reason || host.busy(comment.id) ? 'true' : 'false'}>${t('sendReport')}</button>
      <button type="button" class="pgo-button pgo-button--secondary" part="button cancel" @click=${() => host.cancel()}>${t('cancel')}</button>
    </div>
  </form>`;
}

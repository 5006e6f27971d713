/**
 * The reply form of `<pgo-comments>`, under the thread being answered: one reply level (replying to a
 * reply answers in the same thread, and the reply says whom it answers), its own draft on the device per
 * answered comment, sent once (the form machinery), the author's name taken from the main form.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { ConsultationSession, ReadySession } from '../../base/session.js';
import { validateComment } from '../../core/comment-rules.js';
import type { Comment, CommentReceipt } from '../../core/comments.js';
import type { Locale } from '../../core/i18n.js';
import { draftKey } from '../../forms/draft-store.js';
import { renderField } from '../../forms/fields.js';
import { FormController } from '../../forms/form-controller.js';
import type { CommentsKey } from './comments.messages.js';

/** What the reply form needs of the element. */
export interface ReplyHost extends ReactiveControllerHost, HTMLElement {
  readonly session: ConsultationSession | null;
  readonly readyNow: ReadySession;
  readonly target: string;
  readonly locale: Locale;
  t(key: CommentsKey, params?: Record<string, string | number>): string;
  /** The consultation's longest comment, if known. */
  readonly maxLength: number | undefined;
  /** The name the reader gave in the main form. */
  authorName(): { authorName?: string };
  posted(receipt: CommentReceipt, form: FormController<CommentReceipt>): void;
  /** Closes whatever inline form is open, focus back to its comment. */
  cancel(): void;
}

export class ReplyForm {
  private to: Comment | null = null;
  readonly form: FormController<CommentReceipt>;

  constructor(private readonly host: ReplyHost) {
    const name = () => (this.to ? host.t('replyLabel', { name: this.to.authorName ?? host.t('anonymous') }) : host.t('body'));
    this.form = new FormController<CommentReceipt>(host, {
      fields: () => [{ name: 'reply.body', label: name(), type: 'textarea', required: true, maxLength: host.maxLength, rows: 4 }],
      validate: (values) =>
        host.session?.consultation
          ? validateComment(host.session.consultation, { body: String(values['reply.body'] ?? '') }, true).map((e) => ({
              ...e,
              field: `reply.${e.field}`,
            }))
          : [],
      send: (values, idempotencyKey) => {
        const session = host.readyNow;
        return session.backend.postComment(
          session.consultationId,
          { target: host.target, body: String(values['reply.body'] ?? ''), parentId: this.to!.id, ...host.authorName() },
          { idempotencyKey },
        );
      },
      draftKey: () => (host.target && this.to ? draftKey('comment-reply', host.session, host.target, this.to.id) : null),
      locale: () => host.locale,
      onSuccess: (receipt) => {
        this.to = null;
        host.posted(receipt, this.form);
      },
    });
  }

  get busy(): boolean {
    return this.form.busy;
  }

  /** Opens the form under `comment`'s thread (its field gets focus). */
  open(comment: Comment): void {
    this.to = comment;
    this.form.startOver();
    this.host.requestUpdate();
  }

  /** Closes it; the id of the comment it answered, if it was open. */
  close(): string | undefined {
    const answered = this.to?.id;
    this.to = null;
    this.host.requestUpdate();
    return answered;
  }

  /** The form, under the thread `root` when it is the one answered. */
  render(root: Comment) {
    const to = this.to;
    const t = (key: CommentsKey, params?: Record<string, string | number>) => this.host.t(key, params);
    if (!to || (to.parentId ?? to.id) !== root.id) return nothing;
    return html`<form part="form reply-form" class="inline-form" novalidate aria-label=${t('replyLabel', { name: to.authorName ?? t('anonymous') })}
        @submit=${(e: Event) => (e.preventDefault(), this.form.submit())}>
      ${renderField(this.form, this.form.spec('reply.body')!)}
      <div class="actions">
        <button type="submit" class="pgo-button" part="button submit" aria-disabled=${this.form.busy ? 'true' : 'false'}>${t('replySubmit')}</button>
        <button type="button" class="pgo-button pgo-button--secondary" part="button cancel" @click=${() => this.host.cancel()}>${t('cancel')}</button>
      </div>
    </form>`;
  }
}

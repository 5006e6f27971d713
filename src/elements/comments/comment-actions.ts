/**
 * What a reader does to one comment in `<pgo-comments>`: edit it inline, delete it, mark it helpful,
 * report it with a reason. One action on one comment at a time; a failure is said once and the comment
 * stays as it was. The element renders the comments with this object as their `CommentViewHost`.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ConsultationSession } from '../../base/session.js';
import { newIdempotencyKey } from '../../core/backend.js';
import type { ReportReason } from '../../core/comment-rules.js';
import type { Comment } from '../../core/comments.js';
import { isAbort, toBackendError, type BackendError } from '../../core/errors.js';
import type { Locale } from '../../core/i18n.js';
import type { CommentViewHost } from './comment-view.js';
import type { CommentsKey } from './comments.messages.js';

/** What the actions need of the element. */
export interface ActionsHost extends ReactiveControllerHost {
  readonly session: ConsultationSession | null;
  readonly shadowRoot: ShadowRoot | null;
  readonly locale: Locale;
  readonly timeZone: string;
  readonly can: CommentViewHost['can'];
  t(key: CommentsKey, params?: Record<string, string | number>): string;
  /** A short confirmation, said politely. */
  say(text: string): void;
  /** The comment as the backend now has it, shown in place (`before`: as it was, when its status may have changed). */
  replaceComment(comment: Comment, before?: Comment): void;
  focusComment(id: string): Promise<void>;
  /** Opens the reply form under `comment`'s thread. */
  reply(comment: Comment): void;
  /** Closes the reply form; the id of the comment it answered, if it was open. */
  closeReply(): string | undefined;
  reported(detail: { commentId: string; reason: ReportReason }): void;
}

export class CommentActions implements CommentViewHost {
  private editState: CommentViewHost['editing'] = null;
  private reportState: CommentViewHost['reporting'] = null;
  /** The last action's failure, shown above the threads. */
  error: BackendError | null = null;
  private readonly pending = new Set<string>();

  constructor(private readonly host: ActionsHost) {}

  get locale(): Locale {
    return this.host.locale;
  }
  get timeZone(): string {
    return this.host.timeZone;
  }
  get can(): CommentViewHost['can'] {
    return this.host.can;
  }
  get editing(): CommentViewHost['editing'] {
    return this.editState;
  }
  set editing(value: CommentViewHost['editing']) {
    this.editState = value;
    this.host.requestUpdate();
  }
  get reporting(): CommentViewHost['reporting'] {
    return this.reportState;
  }
  set reporting(value: CommentViewHost['reporting']) {
    this.reportState = value;
    this.host.requestUpdate();
  }

  busy(id: string): boolean {
    return this.pending.has(id);
  }

  reply(comment: Comment): void {
    this.host.reply(comment);
  }

  /** Closes whatever inline form is open and gives focus back to its comment. */
  cancel(): void {
    const answered = this.host.closeReply();
    const back = this.editing?.id ?? this.reporting?.id ?? answered;
    this.editing = null;
    this.reporting = null;
    if (back) void this.host.focusComment(back);
  }

  private focusLater(id: string): void {
    void this.host.updateComplete.then(() => this.host.shadowRoot?.getElementById(id)?.focus());
  }

  startEdit(comment: Comment): void {
    this.editing = { id: comment.id, text: comment.body };
    this.focusLater(`edit-${comment.id}`);
  }

  editInput(text: string): void {
    if (this.editing) this.editing = { ...this.editing, text };
  }

  startReport(comment: Comment): void {
    this.reporting = { id: comment.id, reason: '', details: '', sent: false };
    this.focusLater(`report-${comment.id}-spam`);
  }

  reportInput(field: 'reason' | 'details', value: string): void {
    if (this.reporting) this.reporting = { ...this.reporting, [field]: value };
  }

  saveEdit(comment: Comment): Promise<void> {
    const text = this.editing?.text ?? '';
    return this.act(
      comment,
      (session, key) => session.backend.editComment(session.consultationId, comment.id, { body: text, stance: comment.stance }, key),
      (edited) => {
        this.host.replaceComment(edited);
        this.editing = null;
        this.host.say(this.host.t('saved'));
        void this.host.focusComment(comment.id);
      },
    );
  }

  deleteOne(comment: Comment): Promise<void> {
    return this.act(
      comment,
      (session, key) => session.backend.deleteComment(session.consultationId, comment.id, key),
      (left) => {
        this.host.replaceComment(left, comment);
        this.host.say(this.host.t('removed'));
      },
    );
  }

  toggleHelpful(comment: Comment): Promise<void> {
    return this.act(
      comment,
      (session, key) => session.backend.markHelpful(session.consultationId, comment.id, !comment.helpfulByMe, key),
      (result) => this.host.replaceComment({ ...comment, helpful: result.helpful, helpfulByMe: result.helpfulByMe }),
    );
  }

  sendReport(comment: Comment): Promise<void> {
    const state = this.reporting;
    if (!state?.reason) return Promise.resolve();
    const reason = state.reason;
    const report = { reason, ...(state.details.trim() ? { details: state.details.trim() } : {}) };
    return this.act(
      comment,
      (session, key) => session.backend.reportComment(session.consultationId, comment.id, report, key),
      () => {
        this.reporting = { ...state, sent: true };
        this.host.replaceComment({ ...comment, reportedByMe: true });
        this.host.reported({ commentId: comment.id, reason });
      },
    );
  }

  /** One action on one comment at a time; its failure is said once, the state stays as it was. */
  private async act<R>(
    comment: Comment,
    run: (session: ConsultationSession, options: { idempotencyKey: string }) => Promise<R>,
    done: (result: R) => void,
  ): Promise<void> {
    const session = this.host.session;
    if (!session || this.pending.has(comment.id)) return;
    this.pending.add(comment.id);
    this.error = null;
    this.host.requestUpdate();
    try {
      done(await run(session, { idempotencyKey: newIdempotencyKey() }));
    } catch (error) {
      if (!isAbort(error)) this.error = toBackendError(error);
    } finally {
      this.pending.delete(comment.id);
      this.host.requestUpdate();
    }
  }
}

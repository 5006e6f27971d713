import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { PgoElement } from '../../base/pgo-element.js';
import type { ReadySession } from '../../base/session.js';
import { renderLoadError, renderLoading } from '../../base/states.js';
import {
  commentRules,
  commentWindow,
  parseTarget,
  validateComment,
  type CommentSort,
  type ReportReason,
} from '../../core/comment-rules.js';
import type { Comment, CommentReceipt } from '../../core/comments.js';
import { formatInstant } from '../../core/format.js';
import { draftKey } from '../../forms/draft-store.js';
import { renderField, renderForm, renderFormPage } from '../../forms/fields.js';
import { FormController, HONEYPOT, type FieldSpec, type FormValues } from '../../forms/form-controller.js';
import { formPageStyles, formStyles } from '../../forms/form.styles.js';
import { baseStyles } from '../../styles/tokens.js';
import { CommentActions, type ActionsHost } from './comment-actions.js';
import { renderComment, type CommentViewHost } from './comment-view.js';
import { tComments, type CommentsKey } from './comments.messages.js';
import { commentsStyles } from './comments.styles.js';
import { FreshComments } from './fresh-comments.js';
import { ReplyForm, type ReplyHost } from './reply-form.js';
import { Thread } from './thread.js';

declare global {
  interface HTMLElementEventMap {
    'pgo-comment-posted': CustomEvent<CommentReceipt>;
    'pgo-comment-reported': CustomEvent<{ commentId: string; reason: ReportReason }>;
  }
}

/**
 * A discussion on a proposal, an event, a section or an amendment (`target="proposal:ID"`): the form
 * above the threads (draft kept on the device, sent once, its counter spoken politely), one reply level
 * (replying to a reply answers in the same thread, saying whom), 20 threads a page with "load more",
 * replies collapsed with their count and loaded on demand, three orders, "helpful" votes, reports with a
 * reason, edits and deletions of one's own comments, organisers' badge and the pinned comment. A link to
 * `#comment-ID` opens that comment's thread and moves focus to it. Everything a citizen wrote is text.
 *
 * @summary A discussion, one reply level deep, accessible and paged.
 * @slot intro - The host's introduction, above the form.
 * @fires pgo-comment-posted - A comment or reply was accepted. `detail` is the `CommentReceipt` (`moderation`: `pending` or `published`).
 * @fires pgo-comment-reported - The participant reported a comment. `detail`: `{ commentId, reason }`.
 * @csspart base - The wrapper.
 * @csspart form - The comment form (and its parts, as in every pgo form: field, label, hint, control, counter, button...).
 * @csspart comment - One comment; also `reply` on replies.
 * @csspart author - Its author (or "comment deleted" / "hidden by moderation").
 * @csspart badge - The organiser and pinned badges; also `organiser`, `pinned`.
 * @csspart stance - For / against.
 * @csspart body - The comment's text.
 * @csspart actions - Its buttons.
 * @csspart button - Every button; also `reply`, `helpful`, `report`, `edit`, `delete`, `replies`, `load-more`, `save`, `cancel`, `send-report`.
 * @csspart replies - A thread's replies.
 * @csspart status - Loading, empty, closed and "not available" notices.
 * @csspart error - A failed load with its retry.
 * @cssproperty --pgo-color-primary - Buttons and focus accents.
 * @cssproperty --pgo-color-surface - Comments' background.
 * @cssproperty --pgo-color-text-muted - Dates and marks.
 * @cssproperty --pgo-color-success - The "for" stance.
 * @cssproperty --pgo-color-danger - The "against" stance and errors.
 * @cssproperty --pgo-radius - Corner radius.
 * @cssproperty --pgo-space - Base spacing.
 */
export class PgoComments extends PgoElement implements ActionsHost, ReplyHost {
  static override styles = [baseStyles, formStyles, formPageStyles, commentsStyles];
  /** What is discussed: `proposal:ID`, `event:ID`, `amendment:ID` or `section:DOCUMENT/SECTION`. */
  @property() target = '';
  /** The first order: `oldest` (default), `newest` or `helpful`. */
  @property() sort: CommentSort = 'oldest';
  /** Level of the discussion's heading, 2 to 6. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Edit, delete, helpful, report (comment-actions.ts): the comments' view host. */
  private readonly actions = new CommentActions(this);
  /** The threads, their replies, paging and the deep link (thread.ts). */
  private readonly thread = new Thread(this);
  /** Comments published elsewhere, announced (fresh-comments.ts). */
  private readonly fresh = new FreshComments(this, this.thread);

  private readonly form = new FormController<CommentReceipt>(this, {
    fields: () => this.fields(),
    validate: (values) => (this.session?.consultation ? validateComment(this.session.consultation, this.draft(values), false) : []),
    send: (values, idempotencyKey) => {
      const session = this.readyNow;
      return session.backend.postComment(
        session.consultationId,
        { ...this.draft(values), website: String(values[HONEYPOT] ?? '') },
        { idempotencyKey },
      );
    },
    draftKey: () => (this.target ? draftKey('comment', this.session, this.target) : null),
    locale: () => this.locale,
    onSuccess: (receipt) => this.posted(receipt, this.form),
  });

  /** The reply form under the thread being answered (reply-form.ts). */
  private readonly replyForm = new ReplyForm(this);

  get sending(): boolean {
    return this.form.busy || this.replyForm.busy;
  }

  /** For and against side by side: the consultation asks for it and comments carry a stance. */
  get columns(): boolean {
    const rules = this.rules();
    return !!rules?.sideBySide && rules.stance !== 'off';
  }

  get timeZone(): string {
    return this.session?.consultation?.timeZone ?? 'UTC';
  }

  get can(): CommentViewHost['can'] {
    const caps = this.session?.backend.capabilities;
    const open = this.isOpen();
    return {
      reply: !!caps?.postComment && open,
      helpful: !!caps?.helpfulVotes,
      report: !!caps?.reportComment,
      edit: !!caps?.editComment && open,
    };
  }

  t(key: CommentsKey, params?: Record<string, string | number>): string {
    return tComments(this.locale, key, params);
  }

  private rules() {
    return this.session?.consultation ? commentRules(this.session.consultation) : null;
  }

  private isOpen(): boolean {
    const session = this.ready;
    return !!session && commentWindow(session.consultation, session.now()).open;
  }

  private fields(): FieldSpec[] {
    const rules = this.rules();
    if (!rules) return [];
    const { min, max } = rules.length;
    const fields: FieldSpec[] = [
      {
        name: 'body',
        label: this.t('body'),
        type: 'textarea',
        required: true,
        hint: this.t('bodyHint', { min, max }),
        maxLength: max,
        rows: 4,
      },
    ];
    if (rules.stance !== 'off') {
      const options = ['for', 'neutral', 'against'].map((value) => ({ value, label: this.t(`stance.${value}` as CommentsKey) }));
      fields.push({ name: 'stance', label: this.t('stance'), type: 'radio', required: rules.stance === 'required', options });
    }
    fields.push({ name: 'authorName', label: this.t('authorName'), hint: this.t('authorNameHint'), autocomplete: 'name' });
    return fields;
  }

  private name(values: FormValues): { authorName?: string } {
    const name = String(values.authorName ?? '').trim();
    return name ? { authorName: name } : {};
  }

  private draft(values: FormValues) {
    const stance = String(values.stance ?? '');
    return { target: this.target, body: String(values.body ?? ''), ...(stance ? { stance: stance as 'for' } : {}), ...this.name(values) };
  }

  posted(receipt: CommentReceipt, form: FormController<CommentReceipt>): void {
    this.emit('pgo-comment-posted', receipt);
    this.thread.add(receipt.comment);
    this.form.announcement = this.t(receipt.moderation === 'pending' ? 'postedPending' : 'posted');
    form.startOver();
    void this.focusComment(receipt.comment.id);
  }

  async focusComment(id: string): Promise<void> {
    await this.updateComplete;
    const target = this.shadowRoot?.getElementById(`comment-${id}`);
    target?.scrollIntoView?.({ block: 'nearest' });
    target?.focus();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.thread.sync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.thread.stop();
  }

  // ---- what the actions and the threads ask of the element ----

  reply(comment: Comment): void {
    this.replyForm.open(comment);
  }

  closeReply(): string | undefined {
    return this.replyForm.close();
  }

  cancel(): void {
    this.actions.cancel();
  }

  get maxLength(): number | undefined {
    return this.rules()?.length.max;
  }

  authorName() {
    return this.name(this.form.values);
  }

  say(text: string): void {
    this.form.announcement = text;
  }

  replaceComment(comment: Comment, before?: Comment): void {
    this.thread.replace(comment, before);
  }

  reported(detail: { commentId: string; reason: ReportReason }): void {
    this.emit('pgo-comment-reported', detail);
  }

  // ---- rendering ----

  protected override render() {
    const session = this.ready;
    if (!session) return this.renderSessionState();
    if (!parseTarget(this.target)) return html`<p part="status" class="pgo-notice">${this.t('noTarget')}</p>`;
    const caps = session.backend.capabilities;
    if (!caps.comments) return html`<p part="status" class="pgo-notice">${this.t('unavailable')}</p>`;
    return renderFormPage(
      this.form,
      html`<section class="discussion" aria-label=${this.t('discussion')}>
      ${this.renderComposer(session)}
      ${this.actions.error ? renderLoadError(this.locale, this.t('actionError'), this.actions.error, null) : nothing}
      ${this.fresh.render()} ${this.thread.render()}
    </section>`,
    );
  }

  private renderComposer(session: ReadySession) {
    if (!session.backend.capabilities.postComment) return nothing;
    if (!this.isOpen()) {
      const next = commentWindow(session.consultation, session.now()).opensAt;
      return html`<p part="status" class="pgo-notice closed">${this.t('closed')} ${next ? this.t('opensOn', { date: formatInstant(this.locale, next.startsAt, this.timeZone) }) : ''}</p>`;
    }
    return renderForm(
      this.form,
      this.t('formLabel'),
      this.t('submit'),
      this.fields().map((spec) => renderField(this.form, spec)),
      this.headingLevel,
    );
  }

  /** The reply form, under the thread being answered. */
  renderReplyForm(root: Comment) {
    return this.replyForm.render(root);
  }

  renderOne(comment: Comment, extra: ReturnType<typeof html> | typeof nothing = nothing) {
    return renderComment(this.actions, comment, extra);
  }

  renderLoading() {
    return renderLoading(this.locale);
  }
}

/**
 * The threads of `<pgo-comments>`: the first page and "load more" (20 threads a page, never an endless
 * scroll), each thread's replies loaded when opened, the order, and the `#comment-ID` link (that
 * comment's thread is fetched, shown first and opened, and focus goes to the comment).
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ReadySession } from '../../base/session.js';
import { COMMENT_SORTS, type CommentSort } from '../../core/comment-rules.js';
import type { Comment } from '../../core/comments.js';
import { isAbort, toBackendError, type BackendError } from '../../core/errors.js';
import type { Locale } from '../../core/i18n.js';
import { renderLoadError } from '../../base/states.js';
import type { CommentsKey } from './comments.messages.js';
import { renderColumns } from './stance-columns.js';

/** What the threads need of the element. */
export interface ThreadHost extends ReactiveControllerHost {
  readonly ready: ReadySession | null;
  readonly readyNow: ReadySession;
  readonly locale: Locale;
  target: string;
  sort: CommentSort;
  t(key: CommentsKey, params?: Record<string, string | number>): string;
  focusComment(id: string): Promise<void>;
  renderOne(comment: Comment, extra?: TemplateResult | typeof nothing): TemplateResult;
  renderReplyForm(root: Comment): TemplateResult | typeof nothing;
  renderLoading(): TemplateResult;
  /** For and against side by side (the consultation's setting, with stances on); the headings' level. */
  readonly columns: boolean;
  readonly headingLevel: number;
}

interface Replies {
  open: boolean;
  items: Comment[];
  loading: boolean;
  error: BackendError | null;
}

export class Thread {
  items: Comment[] = [];
  private nextCursor: string | null = null;
  private total: number | null = null;
  /** Published comments and replies under the target when the first page was read, plus those posted here (live.ts). */
  published: number | null = null;
  private loading = false;
  private error: BackendError | null = null;
  private readonly replies = new Map<string, Replies>();
  private loadedKey: string | null = null;
  private request: AbortController | null = null;
  /** The first comment of the page just loaded by "load more": focus goes there. */
  private focusAfter: string | null = null;

  constructor(private readonly host: ThreadHost) {}

  /** Loads when the session, the target or the order changes. */
  sync(): void {
    const session = this.host.ready;
    if (!session || !this.host.target) return;
    const key = JSON.stringify([session.consultationId, this.host.target, this.host.sort]);
    if (key === this.loadedKey) return;
    this.loadedKey = key;
    void this.load(false);
  }

  stop(): void {
    this.request?.abort();
    this.loadedKey = null;
  }

  /** Reads the discussion again from its first page (the new comments the stream announced); focus to the first thread. */
  reload(): Promise<void> {
    return this.load(false, true);
  }

  private async load(more: boolean, focusFirst = false): Promise<void> {
    const session = this.host.readyNow;
    this.request?.abort();
    const request = (this.request = new AbortController());
    this.loading = true;
    this.error = null;
    if (!more) {
      this.items = [];
      this.replies.clear();
    }
    this.host.requestUpdate();
    try {
      const page = await session.backend.listCommentThreads(
        session.consultationId,
        {
          target: this.host.target,
          sort: this.host.sort,
          ...(more && this.nextCursor ? { cursor: this.nextCursor } : {}),
        },
        { signal: request.signal },
      );
      const fresh = page.items.filter((c) => !this.items.some((x) => x.id === c.id));
      this.focusAfter = more ? (fresh[0]?.id ?? null) : null;
      this.items = [...this.items, ...fresh];
      this.nextCursor = page.nextCursor;
      this.total = page.total ?? null;
      if (!more) this.published = page.published ?? null;
      if (focusFirst) this.focusAfter = this.items[0]?.id ?? null;
      if (!more) await this.openLinked();
    } catch (error) {
      if (isAbort(error)) return;
      this.error = toBackendError(error);
    }
    this.loading = false;
    this.host.requestUpdate();
    if (this.focusAfter) void this.host.focusComment(this.focusAfter);
  }

  /** `#comment-ID`: its thread first, opened, and focus on the comment. */
  private async openLinked(): Promise<void> {
    const id = /^#comment-([A-Za-z0-9_.:-]{1,120})$/.exec(globalThis.location?.hash ?? '')?.[1];
    if (!id) return;
    const session = this.host.readyNow;
    try {
      const thread = await session.backend.getCommentThread(session.consultationId, id);
      if (thread.comment.target !== this.host.target) return;
      this.items = [thread.comment, ...this.items.filter((c) => c.id !== thread.comment.id)];
      this.replies.set(thread.comment.id, { open: true, items: thread.replies, loading: false, error: null });
      this.focusAfter = id;
    } catch {
      // A link to a comment that is gone: the discussion shows as usual.
    }
  }

  async toggle(root: Comment): Promise<void> {
    const known = this.replies.get(root.id);
    if (known?.items.length || known?.loading) {
      known.open = !known.open;
      this.host.requestUpdate();
      return;
    }
    const state: Replies = { open: true, items: [], loading: true, error: null };
    this.replies.set(root.id, state);
    this.host.requestUpdate();
    const session = this.host.readyNow;
    try {
      const page = await session.backend.listCommentReplies(session.consultationId, root.id, { limit: 100 });
      state.items = page.items;
      if (state.items[0]) void this.host.focusComment(state.items[0].id);
    } catch (error) {
      state.error = toBackendError(error);
    }
    state.loading = false;
    this.host.requestUpdate();
  }

  /** A comment posted here: a thread at the top of its order's end, a reply at its thread's end (opened). */
  add(comment: Comment): void {
    if (comment.status === 'published' && this.published !== null) this.published++;
    if (!comment.parentId) {
      this.items = this.host.sort === 'newest' ? [comment, ...this.items] : [...this.items, comment];
      if (this.total !== null) this.total++;
    } else {
      const state = this.replies.get(comment.parentId) ?? { open: true, items: [], loading: false, error: null };
      state.open = true;
      state.items = [...state.items, comment];
      this.replies.set(comment.parentId, state);
      this.items = this.items.map((c) => (c.id === comment.parentId ? { ...c, replies: c.replies + 1 } : c));
    }
    this.host.requestUpdate();
  }

  /** A comment as the backend now has it; `before`, as it was (one of the reader's published comments deleted counts one less). */
  replace(comment: Comment, before?: Comment): void {
    if (before?.status === 'published' && comment.status !== 'published' && this.published !== null) this.published--;
    this.items = this.items.map((c) => (c.id === comment.id ? { ...comment, replies: c.replies } : c));
    for (const state of this.replies.values()) state.items = state.items.map((c) => (c.id === comment.id ? comment : c));
    this.host.requestUpdate();
  }

  private readonly changeSort = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value as CommentSort;
    if (COMMENT_SORTS.includes(value)) this.host.sort = value;
  };

  render(): TemplateResult {
    const h = this.host;
    const count = this.total ?? this.items.length;
    const first = this.loading && !this.items.length;
    return html`<div class="toolbar">
        <p part="count" role="status">${first ? '' : h.t('count', { count })}</p>
        <div><label for="sort">${h.t('sort')}</label>
        <select id="sort" class="control" part="control select" @change=${this.changeSort}>
          ${COMMENT_SORTS.map((s) => html`<option value=${s} ?selected=${s === h.sort}>${h.t(`sort.${s}`)}</option>`)}
        </select></div>
      </div>
      ${first ? h.renderLoading() : nothing}
      ${!this.loading && !this.error && !this.items.length ? html`<p part="status" class="pgo-notice empty">${h.t('empty')}</p>` : nothing}
      ${
        h.columns && this.items.length
          ? renderColumns(this.items, h.headingLevel, (key) => h.t(key), this.renderThread)
          : html`<ul class="threads">${this.items.map((c) => html`<li>${this.renderThread(c)}</li>`)}</ul>`
      }
      ${this.error ? renderLoadError(h.locale, h.t('listError'), this.error, () => void this.load(this.items.length > 0)) : nothing}
      ${
        this.nextCursor && !this.error
          ? html`<button part="button load-more" class="pgo-button pgo-button--secondary more" type="button"
          aria-disabled=${this.loading ? 'true' : 'false'} @click=${() => !this.loading && this.load(true)}>${h.t('more')}</button>`
          : nothing
      }`;
  }

  private readonly renderThread = (root: Comment) => this.host.renderOne(root, this.renderReplies(root));

  private renderReplies(root: Comment): TemplateResult {
    const h = this.host;
    const state = this.replies.get(root.id);
    const count = Math.max(root.replies, state?.items.length ?? 0);
    const open = !!state?.open;
    return html`${
      count
        ? html`<button type="button" class="pgo-button pgo-button--secondary" part="button replies" aria-expanded=${open ? 'true' : 'false'}
        aria-controls="replies-${root.id}" @click=${() => this.toggle(root)}>${open ? h.t('hideReplies') : h.t('showReplies', { count })}</button>`
        : nothing
    }
      <ul id="replies-${root.id}" class="replies" part="replies" ?hidden=${!open}>
        ${open && state?.loading ? html`<li>${h.renderLoading()}</li>` : nothing}
        ${
          open && state?.error
            ? html`<li>${renderLoadError(h.locale, h.t('repliesError'), state.error, () => {
                this.replies.delete(root.id);
                void this.toggle(root);
              })}</li>`
            : nothing
        }
        ${open ? state?.items.map((r) => html`<li>${h.renderOne(r)}</li>`) : nothing}
      </ul>
      ${h.renderReplyForm(root)}`;
  }
}

/**
 * The threads of `<pgo-comments>`: the first page and "load more" (20 threads a page, never an endless
 * scroll) of one list, or of each column of "for and against side by side" on its own; each thread's replies
 * loaded when opened, the order, and the `#comment-ID` link (that comment's thread is fetched, shown first
 * and opened, and focus goes to the comment).
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ReadySession } from '../../base/session.js';
import { commentColumn, COMMENT_COLUMNS, COMMENT_SORTS, type CommentColumn, type CommentSort } from '../../core/comment-rules.js';
import type { Comment } from '../../core/comments.js';
import { isAbort, toBackendError, type BackendError } from '../../core/errors.js';
import type { Locale } from '../../core/i18n.js';
import { renderLoadError } from '../../base/states.js';
import type { CommentsKey } from './comments.messages.js';
import { renderColumns } from './stance-columns.js';
import { ThreadReplies } from './thread-replies.js';

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

/** One list of threads: the whole discussion, or one column of "for and against side by side", paged on its own. */
type ListKey = CommentColumn | 'all';
type List = {
  items: Comment[];
  nextCursor: string | null;
  total: number | null;
  loading: boolean;
  error: BackendError | null;
  request: AbortController | null;
};
const emptyList = (): List => ({ items: [], nextCursor: null, total: null, loading: false, error: null, request: null });

export class Thread {
  private lists = new Map<ListKey, List>();
  /** Published comments and replies under the target when the first page was read, plus those posted here (live.ts). */
  published: number | null = null;
  /** Each thread's replies, loaded when opened (thread-replies.ts). */
  private readonly replies = new ThreadReplies(this.host);
  private loadedKey: string | null = null;
  /** The first comment of the page just loaded by "load more": focus goes there. */
  private focusAfter: string | null = null;

  constructor(private readonly host: ThreadHost) {}

  /** Every thread shown, list after list. */
  get items(): Comment[] {
    return [...this.lists.values()].flatMap((l) => l.items);
  }

  /** The lists shown: one, or the three columns (each its own query, `stance`, and its own "load more"). */
  private keys(): readonly ListKey[] {
    return this.host.columns ? COMMENT_COLUMNS : ['all'];
  }

  private list(key: ListKey): List {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = emptyList()));
    return list;
  }

  /** Loads when the session, the target, the order or the layout changes. */
  sync(): void {
    const session = this.host.ready;
    if (!session || !this.host.target) return;
    const key = JSON.stringify([session.consultationId, this.host.target, this.host.sort, this.host.columns]);
    if (key === this.loadedKey) return;
    this.loadedKey = key;
    void this.load();
  }

  stop(): void {
    for (const list of this.lists.values()) list.request?.abort();
    this.loadedKey = null;
  }

  /** Reads the discussion again from its first page (the new comments the stream announced); focus to the first thread. */
  async reload(): Promise<void> {
    await this.load();
    this.focusAfter = this.items[0]?.id ?? null;
    if (this.focusAfter) void this.host.focusComment(this.focusAfter);
  }

  /** The first page of every list (at once), then the `#comment-ID` thread. */
  private async load(): Promise<void> {
    for (const list of this.lists.values()) list.request?.abort();
    this.lists = new Map(this.keys().map((k) => [k, emptyList()]));
    this.replies.clear();
    this.focusAfter = null;
    const loaded = await Promise.all(this.keys().map((k) => this.loadList(k, false, true)));
    if (loaded.every(Boolean)) await this.openLinked();
    this.host.requestUpdate();
    if (this.focusAfter) void this.host.focusComment(this.focusAfter);
  }

  /** One list's first or next page; true when it loaded. `quiet`: the caller redraws and moves focus. */
  private async loadList(key: ListKey, more: boolean, quiet = false): Promise<boolean> {
    const session = this.host.readyNow;
    const list = this.list(key);
    list.request?.abort();
    const request = (list.request = new AbortController());
    list.loading = true;
    list.error = null;
    this.host.requestUpdate();
    let ok = false;
    try {
      const page = await session.backend.listCommentThreads(
        session.consultationId,
        {
          target: this.host.target,
          sort: this.host.sort,
          ...(key === 'all' ? {} : { stance: key }),
          ...(more && list.nextCursor ? { cursor: list.nextCursor } : {}),
        },
        { signal: request.signal },
      );
      const fresh = page.items.filter((c) => !this.items.some((x) => x.id === c.id));
      list.items = [...list.items, ...fresh];
      list.nextCursor = page.nextCursor;
      list.total = page.total ?? null;
      if (!more && page.published !== undefined) this.published = page.published;
      this.focusAfter = more ? (fresh[0]?.id ?? null) : this.focusAfter;
      ok = true;
    } catch (error) {
      if (isAbort(error)) return false;
      list.error = toBackendError(error);
    }
    list.loading = false;
    if (!quiet) {
      this.host.requestUpdate();
      if (this.focusAfter) void this.host.focusComment(this.focusAfter);
    }
    return ok;
  }

  /** The list a thread belongs in. */
  private keyOf(root: Comment): ListKey {
    return this.host.columns ? commentColumn(root) : 'all';
  }

  /** `#comment-ID`: its thread first, opened, and focus on the comment. */
  private async openLinked(): Promise<void> {
    const id = /^#comment-([A-Za-z0-9_.:-]{1,120})$/.exec(globalThis.location?.hash ?? '')?.[1];
    if (!id) return;
    const session = this.host.readyNow;
    try {
      const thread = await session.backend.getCommentThread(session.consultationId, id);
      if (thread.comment.target !== this.host.target) return;
      for (const list of this.lists.values()) list.items = list.items.filter((c) => c.id !== thread.comment.id);
      const list = this.list(this.keyOf(thread.comment));
      list.items = [thread.comment, ...list.items];
      this.replies.opened(thread.comment.id, thread.replies);
      this.focusAfter = id;
    } catch {
      // A link to a comment that is gone: the discussion shows as usual.
    }
  }

  /** A comment posted here: a thread at the top of its order's end, a reply at its thread's end (opened). */
  add(comment: Comment): void {
    if (comment.status === 'published' && this.published !== null) this.published++;
    if (!comment.parentId) {
      const list = this.list(this.keyOf(comment));
      list.items = this.host.sort === 'newest' ? [comment, ...list.items] : [...list.items, comment];
      if (list.total !== null) list.total++;
    } else {
      this.replies.added(comment, comment.parentId);
      this.mapThreads((c) => (c.id === comment.parentId ? { ...c, replies: c.replies + 1 } : c));
    }
    this.host.requestUpdate();
  }

  /** A comment as the backend now has it; `before`, as it was (one of the reader's published comments deleted counts one less). */
  replace(comment: Comment, before?: Comment): void {
    if (before?.status === 'published' && comment.status !== 'published' && this.published !== null) this.published--;
    this.mapThreads((c) => (c.id === comment.id ? { ...comment, replies: c.replies } : c));
    this.replies.replace(comment);
    this.host.requestUpdate();
  }

  /** Every list's threads through `change` (a thread stays in its list: an edited stance moves it on the next read). */
  private mapThreads(change: (c: Comment) => Comment): void {
    for (const list of this.lists.values()) list.items = list.items.map(change);
  }

  private readonly changeSort = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value as CommentSort;
    if (COMMENT_SORTS.includes(value)) this.host.sort = value;
  };

  render(): TemplateResult {
    const h = this.host;
    const lists = [...this.lists.values()];
    const items = this.items;
    const loading = lists.some((l) => l.loading);
    const count = lists.reduce((n, l) => n + (l.total ?? l.items.length), 0);
    const first = loading && !items.length;
    const failed = lists.find((l) => l.error)?.error;
    return html`<div class="toolbar">
        <p part="count" role="status">${first ? '' : h.t('count', { count })}</p>
        <div><label for="sort">${h.t('sort')}</label>
        <select id="sort" class="control" part="control select" @change=${this.changeSort}>
          ${COMMENT_SORTS.map((s) => html`<option value=${s} ?selected=${s === h.sort}>${h.t(`sort.${s}`)}</option>`)}
        </select></div>
      </div>
      ${first ? h.renderLoading() : nothing}
      ${!loading && !failed && !items.length ? html`<p part="status" class="pgo-notice empty">${h.t('empty')}</p>` : nothing}
      ${!items.length && failed && !loading ? renderLoadError(h.locale, h.t('listError'), failed, () => void this.load()) : nothing}
      ${
        !items.length
          ? nothing
          : h.columns
            ? renderColumns(
                COMMENT_COLUMNS.map((key) => ({
                  key,
                  items: this.list(key).items,
                  failed: !!this.list(key).error,
                  footer: this.footer(key),
                })),
                h.headingLevel,
                (key) => h.t(key),
                this.renderThread,
              )
            : html`<ul class="threads">${items.map((c) => html`<li>${this.renderThread(c)}</li>`)}</ul>${this.footer('all')}`
      }`;
  }

  /** Under a list: its failed page with a retry, or its "load more". */
  private footer(key: ListKey): TemplateResult | typeof nothing {
    const h = this.host;
    const list = this.list(key);
    if (list.error) return renderLoadError(h.locale, h.t('listError'), list.error, () => void this.loadList(key, list.items.length > 0));
    if (!list.nextCursor) return nothing;
    return html`<button part="button load-more" class="pgo-button pgo-button--secondary more" type="button"
      aria-disabled=${list.loading ? 'true' : 'false'} @click=${() => !list.loading && this.loadList(key, true)}>${h.t(key === 'all' ? 'more' : `more.${key}`)}</button>`;
  }

  private readonly renderThread = (root: Comment) => this.host.renderOne(root, this.replies.render(root));
}

/**
 * A thread's replies in `<pgo-comments>`: collapsed behind their count, loaded when the reader opens them (focus to
 * the first), opened by a `#comment-ID` link or by a reply posted here; the reply form under them.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { renderLoadError } from '../../base/states.js';
import type { ReadySession } from '../../base/session.js';
import type { Comment } from '../../core/comments.js';
import { toBackendError, type BackendError } from '../../core/errors.js';
import type { Locale } from '../../core/i18n.js';
import type { CommentsKey } from './comments.messages.js';

/** What the replies need of the element. */
export interface RepliesHost extends ReactiveControllerHost {
  readonly readyNow: ReadySession;
  readonly locale: Locale;
  t(key: CommentsKey, params?: Record<string, string | number>): string;
  focusComment(id: string): Promise<void>;
  renderOne(comment: Comment, extra?: TemplateResult | typeof nothing): TemplateResult;
  renderReplyForm(root: Comment): TemplateResult | typeof nothing;
  renderLoading(): TemplateResult;
}

type Replies = { open: boolean; items: Comment[]; loading: boolean; error: BackendError | null };

export class ThreadReplies {
  private readonly map = new Map<string, Replies>();

  constructor(private readonly host: RepliesHost) {}

  clear(): void {
    this.map.clear();
  }

  /** A thread opened with all its replies (a `#comment-ID` link). */
  opened(rootId: string, items: Comment[]): void {
    this.map.set(rootId, { open: true, items, loading: false, error: null });
  }

  /** A reply posted here: at its thread's end, the thread opened. */
  added(reply: Comment, rootId: string): void {
    const state = this.map.get(rootId) ?? { open: true, items: [], loading: false, error: null };
    state.open = true;
    state.items = [...state.items, reply];
    this.map.set(rootId, state);
  }

  replace(comment: Comment): void {
    for (const state of this.map.values()) state.items = state.items.map((c) => (c.id === comment.id ? comment : c));
  }

  async toggle(root: Comment): Promise<void> {
    const known = this.map.get(root.id);
    if (known?.items.length || known?.loading) {
      known.open = !known.open;
      this.host.requestUpdate();
      return;
    }
    const state: Replies = { open: true, items: [], loading: true, error: null };
    this.map.set(root.id, state);
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

  render(root: Comment): TemplateResult {
    const h = this.host;
    const state = this.map.get(root.id);
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
                this.map.delete(root.id);
                void this.toggle(root);
              })}</li>`
            : nothing
        }
        ${open ? state?.items.map((r) => html`<li>${h.renderOne(r)}</li>`) : nothing}
      </ul>
      ${h.renderReplyForm(root)}`;
  }
}

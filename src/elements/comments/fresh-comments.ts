/**
 * "2 nouveaux commentaires — afficher" (issue 23): comments and replies published elsewhere while the
 * discussion is open are never inserted under the reader. A polite status (always present, so that screen
 * readers hear it change) says how many there are, and a button reads the discussion again. The number is
 * the session's live count under the target (the stream's `count` changes) beyond what the first page said
 * was published when it was read, plus the reader's own comments since (thread.ts keeps that number).
 * While the reader's own comment is being sent the number is held: the stream may tell its count first.
 * Comments hidden or deleted elsewhere lower the live count: new ones may then go unannounced (never the
 * other way round).
 */
import { html, nothing } from 'lit';
import type { ConsultationSession } from '../../base/session.js';
import type { CommentsKey } from './comments.messages.js';
import type { Thread } from './thread.js';

/** What the notice needs of the element. */
export interface FreshHost {
  readonly session: ConsultationSession | null;
  readonly target: string;
  /** The reader's own comment or reply is being sent. */
  readonly sending: boolean;
  t(key: CommentsKey, params?: Record<string, string | number>): string;
}

export class FreshComments {
  private held = 0;

  constructor(
    private readonly host: FreshHost,
    private readonly thread: Thread,
  ) {}

  /** Comments published elsewhere since the discussion was read. */
  count(): number {
    const live = this.host.session?.live.counts.get(`comment ${this.host.target}`);
    const known = this.thread.published;
    if (live === undefined || known === null) return (this.held = 0);
    if (!this.host.sending) this.held = Math.max(0, live - known);
    return this.held;
  }

  render() {
    const count = this.count();
    const t = this.host.t.bind(this.host);
    return html`<div part="live" class="live">
      <p class="live-status" role="status" aria-live="polite" aria-atomic="true">${count ? t('fresh', { count }) : ''}</p>
      ${
        count
          ? html`<button part="button show-new" class="pgo-button pgo-button--secondary" type="button" @click=${() => this.thread.reload()}>
          ${t('showFresh', { count })}</button>`
          : nothing
      }
    </div>`;
  }
}

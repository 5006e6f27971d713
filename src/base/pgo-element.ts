import { renderLoadError, renderLoading } from './states.js';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { ConsultationBackend } from '../core/backend.js';
import { languageReady, normalizeLocale, type Locale } from '../core/i18n.js';
import { tCommon } from '../core/messages/common.js';
import { VERSION } from '../core/version.js';
import { ContextConsumer } from './context.js';
import { resolveLocale, unwatchLanguage, watchLanguage } from './locale.js';
import type { ConsultationSession, ReadySession } from './session.js';
import type { ChangeReason, SessionChangeEvent } from './session-events.js';
import { hostSession, sessionContext, type SessionHost } from './session-registry.js';

/**
 * The base of every pgo element: finds its consultation session (from a `<pgo-consultation>`
 * ancestor through context, or from its own `backend`/`endpoint`/`consultation` attributes when it
 * stands alone), re-renders when the session changes, resolves its locale and fires typed events.
 */
export class PgoElement extends LitElement implements SessionHost {
  static pgoVersion = VERSION;

  /** Backend kind when used without `<pgo-consultation>`: `rest` (default) or `memory`. */
  @property() backend = 'rest';
  /** Base URL of the consultation API when used without `<pgo-consultation>`. */
  @property() endpoint = '';
  /** Consultation id when used without `<pgo-consultation>`. */
  @property() consultation = '';
  /** A backend object to use instead of `backend`/`endpoint` (tests, stories, custom integrations). */
  @property({ attribute: false }) customBackend: ConsultationBackend | null = null;
  /** Language of the element's texts; inherited from ancestors and `<html lang>` when absent. */
  @property({ reflect: true }) override lang!: string;

  private providedSession: ConsultationSession | null = null;
  private attachedSession: ConsultationSession | null = null;
  private readonly onSessionChange = (event: Event) => this.sessionChanged((event as SessionChangeEvent).detail.reason);
  /** While the element's language is loading: the wait, and what changed meanwhile. */
  private languageWait: Promise<void> | null = null;
  private deferred: PropertyValues | null = null;

  constructor() {
    super();
    new ContextConsumer(this, sessionContext, (session) => {
      this.providedSession = session;
      this.attach();
    });
  }

  /** The session this element works with, if any. */
  get session(): ConsultationSession | null {
    return this.attachedSession;
  }

  /** The session once its consultation has loaded (typed so), else null. */
  get ready(): ReadySession | null {
    const session = this.attachedSession;
    return session?.isReady() ? session : null;
  }

  /**
   * The ready session where only a loaded consultation can lead (a form's check or send, after its content was
   * shown): throws, which a form reports as a failed send, if the consultation is not or no longer loaded.
   */
  get readyNow(): ReadySession {
    const session = this.ready;
    if (!session) throw new Error('pgo: consultation not loaded');
    return session;
  }

  /** The language texts are shown in. */
  get locale(): Locale {
    // The property first: Lit reflects it to the attribute only after render.
    return this.lang ? normalizeLocale(this.lang) : resolveLocale(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watchLanguage(this);
    this.attach();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unwatchLanguage(this);
    this.attachedSession?.removeEventListener('change', this.onSessionChange);
    this.attachedSession = null;
  }

  /**
   * Renders nothing until the element's language has loaded (no flash of French): the update waits,
   * keeping what changed for the render that follows.
   */
  protected override shouldUpdate(changed: PropertyValues): boolean {
    if (this.deferred) {
      for (const [key, value] of this.deferred) if (!changed.has(key)) changed.set(key, value);
      this.deferred = null;
    }
    const waiting = languageReady(this.locale);
    if (!waiting) return super.shouldUpdate(changed);
    this.deferred = new Map(changed);
    const wait: Promise<void> = (this.languageWait = waiting.then(() => {
      if (this.languageWait === wait) this.languageWait = null;
      this.requestUpdate();
    }));
    return false;
  }

  /** `updateComplete` includes the wait for the language. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.languageWait) {
      await this.languageWait;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('backend') || changed.has('endpoint') || changed.has('consultation') || changed.has('customBackend')) {
      this.attach();
    }
  }

  /** Called when the session says something changed; elements narrow it down if they need to. */
  protected sessionChanged(_reason: ChangeReason): void {
    this.requestUpdate();
  }

  /** Called once a session is attached (and again if it is replaced). */
  protected sessionAttached(_session: ConsultationSession): void {}

  private attach(): void {
    if (!this.isConnected) return;
    // Inside <pgo-consultation> its session; alone, the one its own attributes configure, the same way.
    const session = this.providedSession ?? hostSession(this);
    if (session === this.attachedSession) return;
    this.attachedSession?.removeEventListener('change', this.onSessionChange);
    this.attachedSession = session;
    if (session) {
      session.addEventListener('change', this.onSessionChange);
      void session.load();
      this.sessionAttached(session);
    }
    this.requestUpdate();
  }

  /**
   * Dispatches a `pgo-*` event that bubbles out of shadow roots. Returns false when a listener
   * called `preventDefault()` on a cancelable event.
   */
  protected emit<K extends keyof HTMLElementEventMap>(
    type: K,
    detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
  }

  /**
   * The common states before the consultation is ready: not configured, loading, failed to load.
   * Returns `nothing` when the session is ready and the element can render its own content.
   */
  protected renderSessionState(): TemplateResult | typeof nothing {
    const locale = this.locale;
    const session = this.session;
    if (!session) return html`<p part="status" class="pgo-notice">${tCommon(locale, 'noConsultation')}</p>`;
    if (session.status === 'error' && session.error) {
      return renderLoadError(locale, tCommon(locale, 'loadError'), session.error, () => session.reload());
    }
    if (session.status !== 'ready' || !session.consultation) {
      return renderLoading(locale);
    }
    return nothing;
  }
}

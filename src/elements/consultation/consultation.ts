import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ConsultationBackend } from '../../core/backend.js';
import { VERSION } from '../../core/version.js';
import type { ConsultationSession } from '../../base/session.js';
import { ContextProvider } from '../../base/context-provider.js';
import { hostSession, sessionContext, type SessionHost } from '../../base/session-registry.js';
import type { ApiError, Consultation } from '../../core/schemas.js';

declare global {
  interface HTMLElementEventMap {
    'pgo-consultation-ready': CustomEvent<{ consultation: Consultation }>;
    'pgo-consultation-error': CustomEvent<{ error: ApiError }>;
  }
}

/**
 * Provides one consultation to every pgo element inside it: the backend, the consultation and its
 * phases, the participant, a clock corrected for the server's time and the current phase.
 *
 * @summary Connects the widgets inside it to a consultation backend.
 * @slot - Any content, including pgo elements, which use this consultation.
 * @fires pgo-consultation-ready - When the consultation has loaded. `detail.consultation`.
 * @fires pgo-consultation-error - When the consultation could not be loaded. `detail.error`.
 */
export class PgoConsultation extends LitElement implements SessionHost {
  static pgoVersion = VERSION;
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Backend kind: `rest` (the reference HTTP API, default), `memory`, or another registered one. */
  @property() backend = 'rest';
  /** Base URL of the consultation API, such as `https://consultation.example.fr`. */
  @property() endpoint = '';
  /** Consultation id. */
  @property() consultation = '';
  /** A backend object to use instead of `backend`/`endpoint` (tests, stories, custom integrations). */
  @property({ attribute: false }) customBackend: ConsultationBackend | null = null;

  private readonly provider = new ContextProvider(this, sessionContext);
  private observed: ConsultationSession | null = null;
  private readonly onChange = () => this.announce();
  private announced: string | null = null;

  /** The session shared with the elements inside. */
  get session(): ConsultationSession | undefined {
    return this.provider.value;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('backend') || changed.has('endpoint') || changed.has('consultation') || changed.has('customBackend'))
      this.connectSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observed?.removeEventListener('change', this.onChange);
    this.observed = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.connectSession();
  }

  private connectSession(): void {
    // The same configuration as a standalone element's: one function for both.
    const session = hostSession(this);
    if (!session) return;
    if (session !== this.observed) {
      this.observed?.removeEventListener('change', this.onChange);
      this.observed = session;
      this.announced = null;
      session.addEventListener('change', this.onChange);
    }
    this.provider.setValue(session);
    void session.load();
    this.announce();
  }

  private announce(): void {
    const session = this.observed;
    if (!session || session.status === this.announced) return;
    if (session.status === 'ready' && session.consultation) {
      this.announced = 'ready';
      this.dispatchEvent(
        new CustomEvent('pgo-consultation-ready', { detail: { consultation: session.consultation }, bubbles: true, composed: true }),
      );
    } else if (session.status === 'error' && session.error) {
      this.announced = 'error';
      this.dispatchEvent(
        new CustomEvent('pgo-consultation-error', { detail: { error: session.error.problem }, bubbles: true, composed: true }),
      );
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

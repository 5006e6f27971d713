import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { toBackendError, type BackendError } from '../core/errors.js';
import { describeError } from '../core/messages/common.js';
import type { OrganiserSession } from '../core/organisers.js';
import type { ConsoleConsultation } from './client.js';
import { ConsoleElement } from './console-element.js';
import { consoleStyles } from './console.styles.js';
import { consoleSections } from './sections.js';
import { tEditor } from './editor.messages.js';

/**
 * The organiser console (served at /admin/): sign-in, the consultations entrusted to the organiser, and
 * for the chosen one its moderation queue, answers to proposals and (admins) audit log.
 *
 * @summary The organiser console.
 * @csspart header - Who is signed in, the consultation picker, sign-out.
 */
export class PgoConsole extends ConsoleElement {
  static override styles = consoleStyles;

  @state() private session: OrganiserSession | null = null;
  @state() private loaded = false;
  @state() private consultations: ConsoleConsultation[] = [];
  @state() private current = '';
  @state() private section = 'moderation';
  /** Server admins (admin on `*`) create consultations. */
  @state() private creating = false;
  @state() private error: BackendError | null = null;
  @state() private notice = '';
  /** An OpenID Connect sign-in that came back refused (`#signin-error=<code>`, set by the server). */
  @state() private refusal = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  private async start(): Promise<void> {
    const hash = /^#signin-error=([\w-]{1,40})$/.exec(globalThis.location?.hash ?? '');
    if (hash) {
      this.refusal = hash[1]!;
      // Read once: a reload does not show it again.
      globalThis.history.replaceState(null, '', globalThis.location.pathname + globalThis.location.search);
    }
    try {
      const session = await this.client.session();
      if (session) await this.enter(session);
      this.error = null;
    } catch (error) {
      this.error = toBackendError(error);
    }
    this.loaded = true;
  }

  private async enter(session: OrganiserSession): Promise<void> {
    this.session = session;
    this.refusal = '';
    this.notice = '';
    this.consultations = await this.client.consultations();
    this.current = this.consultations.find((c) => c.id === this.current)?.id ?? this.consultations[0]?.id ?? '';
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('h1')?.focus();
  }

  private async signOut(everywhere: boolean): Promise<void> {
    try {
      await this.client.signOut(everywhere);
    } catch (error) {
      // Already ended on the server: signed out all the same.
      if (toBackendError(error).code !== 'unauthorized') throw error;
    }
    this.session = null;
    this.notice = this.t('signedOut');
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('pgo-console-sign-in')?.focus();
  }

  private currentRole(): string {
    return this.consultations.find((c) => c.id === this.current)?.role ?? '';
  }

  private serverAdmin(): boolean {
    return Boolean(this.session?.organiser.roles.some((g) => g.consultationId === '*' && g.role === 'admin'));
  }

  private renderSection() {
    if (this.creating) {
      return html`<pgo-consultation-editor .client=${this.client} creating .template=${null} @pgo-consultation-saved=${(e: HTMLElementEventMap['pgo-consultation-saved']) => this.created(e.detail.consultation.id)}></pgo-consultation-editor>`;
    }
    const sections = consoleSections(this.currentRole() as 'admin' | 'moderator' | '', this.serverAdmin());
    const section = sections.find((s) => s.id === this.section) ?? sections[0];
    return (
      section?.render({
        client: this.client,
        consultation: this.current,
        serverAdmin: this.serverAdmin(),
        consultations: this.consultations,
      }) ?? nothing
    );
  }

  /** Titles change with a save; an import may add a consultation. */
  private async refreshTitles(): Promise<void> {
    this.consultations = await this.client.consultations();
  }

  /** A consultation was created or imported: list it, and open its settings. */
  private async created(id: string): Promise<void> {
    this.consultations = await this.client.consultations();
    this.current = id;
    this.creating = false;
    this.section = 'settings';
  }

  override render() {
    if (this.error)
      return html`<div class="pgo-notice pgo-notice--error" role="alert"><p>${describeError(this.locale, this.error)}</p></div>`;
    if (!this.loaded) return html`<p class="pgo-notice" role="status">…</p>`;
    if (!this.session) {
      return html`${this.notice ? html`<p class="pgo-notice pgo-notice--success" role="status">${this.notice}</p>` : nothing}
        <pgo-console-sign-in .client=${this.client} .refusal=${this.refusal} @pgo-signed-in=${(e: HTMLElementEventMap['pgo-signed-in']) => this.enter(e.detail)}></pgo-console-sign-in>`;
    }
    const sections = consoleSections(this.currentRole() as 'admin' | 'moderator' | '', this.serverAdmin());
    const heading = this.creating
      ? tEditor(this.locale, 'newConsultation')
      : ((sections.find((s) => s.id === this.section) ?? sections[0])?.label(this.locale) ?? '');
    return html`<header part="header" class="actions">
        <h1 tabindex="-1">${this.t('title')}</h1>
        <span>${this.t('signedInAs', { name: this.session.organiser.displayName })}</span>
        <button type="button" class="pgo-button pgo-button--secondary" @click=${() => this.signOut(false)}>${this.t('signOut')}</button>
        <button type="button" class="pgo-button pgo-button--secondary" @click=${() => this.signOut(true)}>${this.t('signOutEverywhere')}</button>
      </header>
      ${
        this.consultations.length
          ? html`<div class="field">
          <label for="consultation">${this.t('consultation')}</label>
          <select id="consultation" @change=${(e: Event) => {
            this.current = (e.target as HTMLSelectElement).value;
            this.section = 'moderation';
            this.creating = false;
          }}>
            ${this.consultations.map((c) => html`<option value=${c.id} ?selected=${c.id === this.current}>${c.title}</option>`)}
          </select>
        </div>
        <nav aria-label=${this.t('sections')} class="actions">
          ${sections.map(
            (
              s,
            ) => html`<button type="button" class="pgo-button ${s.id === this.section && !this.creating ? '' : 'pgo-button--secondary'}" aria-pressed=${s.id === this.section && !this.creating ? 'true' : 'false'}
            @click=${() => {
              this.section = s.id;
              this.creating = false;
            }}>${s.label(this.locale)}</button>`,
          )}
          ${
            this.serverAdmin()
              ? html`<button type="button" class="pgo-button ${this.creating ? '' : 'pgo-button--secondary'}" aria-pressed=${this.creating ? 'true' : 'false'}
            @click=${() => {
              this.creating = true;
            }}>${tEditor(this.locale, 'newConsultation')}</button>`
              : nothing
          }
        </nav>
        <main @pgo-consultation-saved=${() => this.refreshTitles()}><h2>${heading}</h2>${this.renderSection()}</main>`
          : html`<p class="pgo-notice">${this.t('noConsultation')}</p>`
      }`;
  }
}

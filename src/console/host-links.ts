import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defineMessages, translator } from '../core/i18n.js';
import { toBackendError, type BackendError } from '../core/errors.js';
import { describeError } from '../core/messages/common.js';
import type { HostLink } from '../core/reports.js';
import type { ConsultationEvent } from '../core/schemas.js';
import type { ConsoleClient } from './client.js';
import { ConsoleElement } from './console-element.js';
import { consoleStyles } from './console.styles.js';
import { registerConsoleSection } from './sections.js';

const messages = defineMessages(
  'console-host-links',
  {
    section: 'Liens d’animation',
    intro:
      'Un lien d’animation permet à la personne qui a animé un atelier-relais d’en déposer le compte rendu. Il est secret : envoyez-le à elle seule. Révoqué, il cesse aussitôt de fonctionner.',
    event: 'Atelier',
    label: 'Pour qui (facultatif)',
    page: 'Adresse de la page du compte rendu (facultatif)',
    pageHint: 'La page de votre site qui porte le formulaire de compte rendu ; le secret y est ajouté après #pgo-host=.',
    issue: 'Créer un lien',
    issued: 'Lien créé. Copiez-le maintenant : il ne sera plus jamais affiché.',
    secret: 'Lien à envoyer',
    links: 'Liens de cet atelier',
    none: 'Aucun lien pour cet atelier.',
    noEvent: 'Aucun atelier dans cette consultation.',
    live: 'Actif',
    revoked: 'Révoqué le {date}',
    created: 'Créé le {date}',
    unnamed: 'Sans nom',
    revoke: 'Révoquer le lien « {label} »',
    revokedNotice: 'Lien « {label} » révoqué : il ne fonctionne plus.',
  },
  {
    en: {
      section: 'Host links',
      intro:
        'A host link lets whoever ran a relay workshop file its report. It is secret: send it to that person only. Once revoked it stops working at once.',
      event: 'Workshop',
      label: 'For whom (optional)',
      page: 'Address of the report page (optional)',
      pageHint: 'The page of your site that carries the report form; the secret is added after #pgo-host=.',
      issue: 'Create a link',
      issued: 'Link created. Copy it now: it will never be shown again.',
      secret: 'Link to send',
      links: 'Links of this workshop',
      none: 'No link for this workshop.',
      noEvent: 'No workshop in this consultation.',
      live: 'Live',
      revoked: 'Revoked on {date}',
      created: 'Created on {date}',
      unnamed: 'Unnamed',
      revoke: 'Revoke the link “{label}”',
      revokedNotice: 'Link “{label}” revoked: it no longer works.',
    },
  },
);
const tHost = translator(messages);
type Key = Parameters<typeof tHost>[1];

const c = (id: string) => `/consultations/${encodeURIComponent(id)}`;
const YEAR = 365 * 86_400_000;

/** The host-link requests (issue 22), through the console's one client. */
export const hostLinksApi = {
  /** The consultation's events of the past year and to come (a report is filed after the workshop). */
  events: async (client: ConsoleClient, consultation: string) =>
    (
      await client.send<{ items: ConsultationEvent[] }>(
        'GET',
        `${c(consultation)}/events?limit=100&from=${encodeURIComponent(new Date(Date.now() - YEAR).toISOString())}`,
      )
    ).items,
  list: async (client: ConsoleClient, consultation: string, eventId: string) =>
    (await client.send<{ links: HostLink[] }>('GET', `/admin${c(consultation)}/events/${encodeURIComponent(eventId)}/host-links`)).links,
  issue: (client: ConsoleClient, consultation: string, eventId: string, label: string) =>
    client.send<{ link: HostLink; secret: string }>('POST', `/admin${c(consultation)}/events/${encodeURIComponent(eventId)}/host-links`, {
      eventId,
      label,
    }),
  revoke: (client: ConsoleClient, consultation: string, linkId: string) =>
    client.send<HostLink>('DELETE', `/admin${c(consultation)}/host-links/${encodeURIComponent(linkId)}`),
};

/**
 * The console's host-link screen (issue 22): for a chosen workshop, issue a secret link for its host (shown
 * once, as the report page's address with `#pgo-host=` when the organiser gives that page), list its links,
 * revoke one (effective at once on the server).
 *
 * @summary The console's host links of relay workshops.
 * @csspart link - One host link.
 */
export class PgoConsoleHostLinks extends ConsoleElement {
  static override styles = consoleStyles;
  @property() consultation = '';
  @state() private events: ConsultationEvent[] = [];
  @state() private event = '';
  @state() private links: HostLink[] = [];
  @state() private issued = '';
  @state() private notice = '';
  @state() private error: BackendError | null = null;

  private tx(key: Key, params?: Record<string, string | number>) {
    return tHost(this.locale, key, params);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('consultation') || changed.has('client')) void this.loadEvents();
  }

  private async run(work: () => Promise<void>): Promise<void> {
    try {
      await work();
      this.error = null;
    } catch (error) {
      this.error = toBackendError(error);
    }
  }

  private loadEvents(): Promise<void> {
    return this.run(async () => {
      if (!this.consultation) return;
      this.events = await hostLinksApi.events(this.client, this.consultation);
      this.event = this.events.find((e) => e.id === this.event)?.id ?? this.events[0]?.id ?? '';
      await this.loadLinks();
    });
  }

  private async loadLinks(): Promise<void> {
    this.links = this.event ? await hostLinksApi.list(this.client, this.consultation, this.event) : [];
  }

  private choose(eventId: string): Promise<void> {
    this.event = eventId;
    this.issued = '';
    this.notice = '';
    return this.run(() => this.loadLinks());
  }

  private issue(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    return this.run(async () => {
      const made = await hostLinksApi.issue(this.client, this.consultation, this.event, String(data.get('label') ?? '').trim());
      const page = String(data.get('page') ?? '').trim();
      form.reset();
      await this.loadLinks();
      this.issued = page ? `${page.split('#')[0]}#pgo-host=${made.secret}` : made.secret;
      this.notice = this.tx('issued');
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLInputElement>('#issued')?.select();
      this.shadowRoot?.querySelector<HTMLInputElement>('#issued')?.focus();
    });
  }

  private revoke(link: HostLink): Promise<void> {
    return this.run(async () => {
      await hostLinksApi.revoke(this.client, this.consultation, link.id);
      await this.loadLinks();
      this.issued = '';
      this.notice = this.tx('revokedNotice', { label: link.label || this.tx('unnamed') });
    });
  }

  override render() {
    return html`<p class="hint">${this.tx('intro')}</p>
      <p role="status">${this.notice}</p>
      ${this.error ? html`<p class="pgo-notice pgo-notice--error" role="alert">${describeError(this.locale, this.error)}</p>` : nothing}
      ${this.events.length ? this.renderEvent() : html`<p class="pgo-notice">${this.tx('noEvent')}</p>`}`;
  }

  private renderEvent() {
    return html`<div class="field">
        <label for="host-event">${this.tx('event')}</label>
        <select id="host-event" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
          ${this.events.map((e) => html`<option value=${e.id} ?selected=${e.id === this.event}>${e.title} · ${this.formatDate(e.startsAt)}</option>`)}
        </select>
      </div>
      <form class="actions" @submit=${this.issue}>
        <div class="field"><label for="host-label">${this.tx('label')}</label><input id="host-label" name="label" maxlength="200" autocomplete="off" /></div>
        <div class="field">
          <label for="host-page">${this.tx('page')}</label>
          <input id="host-page" name="page" type="url" autocomplete="off" aria-describedby="host-page-hint" />
          <p class="hint" id="host-page-hint">${this.tx('pageHint')}</p>
        </div>
        <button class="pgo-button" type="submit">${this.tx('issue')}</button>
      </form>
      ${
        this.issued
          ? html`<div class="pgo-notice pgo-notice--success field">
              <label for="issued">${this.tx('secret')}</label><input id="issued" readonly .value=${this.issued} size="60" /></div>`
          : nothing
      }
      <h3>${this.tx('links')}</h3>
      ${
        this.links.length
          ? html`<ul>
              ${this.links.map(
                (link) => html`<li part="link">
                  <strong>${link.label || this.tx('unnamed')}</strong> · ${this.tx('created', { date: this.formatDate(link.createdAt) })} ·
                  ${link.revokedAt ? this.tx('revoked', { date: this.formatDate(link.revokedAt) }) : this.tx('live')}
                  ${
                    link.revokedAt
                      ? nothing
                      : html`<button type="button" class="pgo-button pgo-button--secondary" @click=${() => this.revoke(link)}>
                          ${this.tx('revoke', { label: link.label || this.tx('unnamed') })}
                        </button>`
                  }
                </li>`,
              )}
            </ul>`
          : html`<p>${this.tx('none')}</p>`
      }`;
  }
}

// The console's host-link section (issue 22): admins only (the server checks too).
registerConsoleSection({
  id: 'host-links',
  role: 'admin',
  label: (l) => tHost(l, 'section'),
  render: ({ client, consultation }) =>
    html`<pgo-console-host-links .client=${client} consultation=${consultation}></pgo-console-host-links>`,
});

import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toBackendError, type BackendError } from '../core/errors.js';
import { describeError } from '../core/messages/common.js';
import type { AuditEntry } from '../core/organisers.js';
import { ConsoleElement } from './console-element.js';
import { consoleStyles } from './console.styles.js';

/**
 * The audit log of one consultation (its admins): who did what, when, on what, and why; with a CSV export.
 *
 * @summary The console's audit log.
 * @csspart table - The entries.
 */
export class PgoAuditLog extends ConsoleElement {
  static override styles = consoleStyles;

  @property() consultation = '';
  @state() private entries: AuditEntry[] | null = null;
  @state() private error: BackendError | null = null;

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('consultation') || changed.has('client')) void this.load();
  }

  async load(): Promise<void> {
    if (!this.consultation) return;
    try {
      this.entries = await this.client.audit(this.consultation);
      this.error = null;
    } catch (error) {
      this.error = toBackendError(error);
    }
  }

  override render() {
    const entries = this.entries;
    return html`<div part="base">
      <p><a href=${this.client.auditCsvUrl(this.consultation)} download>${this.t('exportCsv')}</a></p>
      ${this.error ? html`<div class="pgo-notice pgo-notice--error" role="alert"><p>${describeError(this.locale, this.error)}</p></div>` : nothing}
      ${entries && !entries.length ? html`<p class="pgo-notice">${this.t('auditEmpty')}</p>` : nothing}
      ${
        entries?.length
          ? html`<table part="table">
        <caption class="visually-hidden">${this.t('audit')}</caption>
        <thead><tr><th scope="col">${this.t('when')}</th><th scope="col">${this.t('who')}</th><th scope="col">${this.t('what')}</th><th scope="col">${this.t('target')}</th><th scope="col">${this.t('why')}</th></tr></thead>
        <tbody>${entries.map((e) => html`<tr><td>${this.formatDate(e.at)}</td><td>${e.actorName}</td><td><code>${e.action}</code></td><td>${e.target ?? ''}</td><td>${e.reason ?? ''}</td></tr>`)}</tbody>
      </table>`
          : nothing
      }
    </div>`;
  }
}

import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { backendError, toBackendError, type BackendError } from '../core/errors.js';
import { describeError } from '../core/messages/common.js';
import { ConsoleElement } from './console-element.js';
import { consoleStyles } from './console.styles.js';
import { tEditor, type EditorKey } from './editor.messages.js';

/**
 * A consultation as a JSON file (the server/config format): the export link, and for server admins an
 * import (pasted text: it creates the consultation, or replaces the settings of the one with its id).
 *
 * @summary The console's export and import of consultations.
 * @fires pgo-consultation-saved - A file was imported; `detail` is the consultation's settings.
 */
export class PgoConsultationTransfer extends ConsoleElement {
  static override styles = consoleStyles;

  @property() consultation = '';
  @property({ type: Boolean, attribute: 'can-import' }) canImport = false;
  @state() private text = '';
  @state() private error: BackendError | null = null;
  @state() private done = '';

  private e(key: EditorKey, params?: Record<string, string | number>): string {
    return tEditor(this.locale, key, params);
  }

  private async importFile(): Promise<void> {
    this.done = '';
    let file: unknown;
    try {
      file = JSON.parse(this.text);
    } catch {
      this.error = backendError('validation', this.e('err_json'), {
        status: 422,
        fieldErrors: [{ field: 'import', code: 'json', message: this.e('err_json') }],
      });
      await this.focusNotice();
      return;
    }
    try {
      const saved = await this.client.importConsultation(file);
      this.error = null;
      this.text = '';
      this.done = this.e('imported', { title: saved.consultation.title });
      this.emit('pgo-consultation-saved', saved);
    } catch (error) {
      this.error = toBackendError(error);
    }
    await this.focusNotice();
  }

  private async focusNotice(): Promise<void> {
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('.pgo-notice')?.focus();
  }

  override render() {
    const problems = this.error?.fieldErrors ?? [];
    return html`<section aria-labelledby="transfer"><h3 id="transfer">${this.e('sec_transfer')}</h3>
      <p><a href=${this.client.exportUrl(this.consultation)} download="${this.consultation}.json">${this.e('exportJson')}</a></p>
      ${
        this.canImport
          ? html`<div class="field">
          <label for="import">${this.e('importLabel')}</label>
          <div class="hint" id="import-hint">${this.e('h_import')}</div>
          <textarea id="import" rows="6" aria-describedby="import-hint" .value=${this.text} @input=${(ev: Event) => {
            this.text = (ev.target as HTMLTextAreaElement).value;
          }}></textarea>
        </div>
        <button type="button" class="pgo-button pgo-button--secondary" @click=${() => this.importFile()}>${this.e('importButton')}</button>`
          : nothing
      }
      ${
        this.error
          ? html`<div class="pgo-notice pgo-notice--error" role="alert" tabindex="-1"><p>${describeError(this.locale, this.error)}</p>
          ${problems.length ? html`<ul>${problems.map((p) => html`<li>${p.message}</li>`)}</ul>` : nothing}</div>`
          : nothing
      }
      ${this.done ? html`<p class="pgo-notice pgo-notice--success" role="status" tabindex="-1">${this.done}</p>` : nothing}
    </section>`;
  }
}

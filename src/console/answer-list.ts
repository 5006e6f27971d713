import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toBackendError, type BackendError } from '../core/errors.js';
import { describeError } from '../core/messages/common.js';
import type { Proposal } from '../core/schemas.js';
import { ConsoleElement } from './console-element.js';
import { consoleStyles } from './console.styles.js';
import type { ConsoleKey } from './messages.js';

/**
 * The published proposals of a consultation with what became of each (a badge), newest first; each opens
 * its `<pgo-answer-form>` in place.
 *
 * @summary The console's answers section.
 * @csspart item - One proposal.
 */
export class PgoAnswerList extends ConsoleElement {
  static override styles = consoleStyles;

  @property() consultation = '';
  @state() private proposals: Proposal[] | null = null;
  @state() private next: string | null = null;
  @state() private open: string | null = null;
  @state() private error: BackendError | null = null;

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('consultation') || changed.has('client')) void this.load();
  }

  async load(more = false): Promise<void> {
    if (!this.consultation) return;
    try {
      const page = await this.client.proposals(this.consultation, more ? this.next : null);
      this.proposals = more ? [...(this.proposals ?? []), ...page.items] : page.items;
      this.next = page.nextCursor;
      this.error = null;
    } catch (error) {
      this.error = toBackendError(error);
    }
  }

  private saved(event: HTMLElementEventMap['pgo-answer-saved']): void {
    const { proposalId, answer } = event.detail;
    this.proposals = (this.proposals ?? []).map((p) => (p.id === proposalId ? { ...p, answer } : p));
    this.open = null;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`#toggle-${CSS.escape(proposalId)}`)?.focus());
  }

  override render() {
    const list = this.proposals;
    return html`<div part="base">
      ${this.error ? html`<div class="pgo-notice pgo-notice--error" role="alert"><p>${describeError(this.locale, this.error)}</p></div>` : nothing}
      ${list && !list.length ? html`<p class="pgo-notice">${this.t('noProposals')}</p>` : nothing}
      <ul class="items">${(list ?? []).map(
        (p) => html`<li class="item" part="item">
        <div class="item-head">
          <span class="badge">${p.answer ? this.t(`state_${p.answer.state}` as ConsoleKey) : this.t('noAnswer')}</span>
          <h3>${p.title}</h3>
        </div>
        ${p.answer?.text ? html`<p class="excerpt">${p.answer.text}</p>` : nothing}
        <button type="button" class="pgo-button pgo-button--secondary" id="toggle-${p.id}" aria-expanded=${this.open === p.id ? 'true' : 'false'}
          @click=${() => {
            this.open = this.open === p.id ? null : p.id;
          }}>${this.t('answerFor', { title: p.title })}</button>
        ${this.open === p.id ? html`<pgo-answer-form .client=${this.client} consultation=${this.consultation} .proposal=${p} @pgo-answer-saved=${this.saved}></pgo-answer-form>` : nothing}
      </li>`,
      )}</ul>
      ${this.next ? html`<button type="button" class="pgo-button pgo-button--secondary" @click=${() => this.load(true)}>${this.t('loadMore')}</button>` : nothing}
    </div>`;
  }
}

import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toBackendError, type BackendError } from '../core/errors.js';
import { describeError } from '../core/messages/common.js';
import type { ModerationAction, ModerationQueuePage, ModerationTab, QueueItem } from '../core/organisers.js';
import { ConsoleElement } from './console-element.js';
import { consoleStyles } from './console.styles.js';
import type { ConsoleKey } from './messages.js';

const TABS: ModerationTab[] = ['pending', 'reported', 'hidden'];
const TAB_KEY: Record<ModerationTab, ConsoleKey> = { pending: 'tabPending', reported: 'tabReported', hidden: 'tabHidden' };
/** What each tab offers: the pending and reported ones are approved or hidden; hidden ones restored. */
const ACTIONS: Record<ModerationTab, ModerationAction[]> = {
  pending: ['approve', 'hide'],
  reported: ['approve', 'hide'],
  hidden: ['restore'],
};
const SHORTCUT: Record<string, ModerationAction> = { a: 'approve', m: 'hide', r: 'restore' };

/**
 * The moderation queue of one consultation, every kind of contribution in it: tabs pending / reported /
 * hidden with their counts, oldest first, the reports' reasons, approve / hide / restore with a reason,
 * one item or a selection, and keyboard shortcuts (j / k, x, a, m, r).
 *
 * @summary The console's moderation queue.
 * @csspart tabs - The tab list.
 * @csspart item - One contribution.
 * @fires pgo-moderated - Decisions were saved; `detail` lists `{ target, status }`.
 */
export class PgoModerationQueue extends ConsoleElement {
  static override styles = consoleStyles;

  /** The consultation id. */
  @property() consultation = '';
  @state() private tab: ModerationTab = 'pending';
  @state() private page: ModerationQueuePage | null = null;
  @state() private error: BackendError | null = null;
  @state() private selected = new Set<string>();
  @state() private reason = '';
  @state() private reasonError = false;
  @state() private busy = false;
  @state() private announcement = '';

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('consultation') || changed.has('client')) void this.load();
  }

  /** Loads the current tab again. */
  async load(): Promise<void> {
    if (!this.consultation) return;
    const tab = this.tab;
    try {
      const page = await this.client.queue(this.consultation, tab);
      if (tab !== this.tab) return;
      this.page = page;
      this.error = null;
      this.selected = new Set([...this.selected].filter((t) => page.items.some((i) => i.target === t)));
    } catch (error) {
      this.error = toBackendError(error);
    }
  }

  private async choose(tab: ModerationTab, focus = false): Promise<void> {
    this.tab = tab;
    this.selected = new Set();
    this.page = this.page ? { ...this.page, tab, items: [] } : null;
    await this.load();
    if (focus) this.shadowRoot?.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
  }

  private onTabKey(event: KeyboardEvent): void {
    const index = TABS.indexOf(this.tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    void this.choose(TABS[(next + TABS.length) % TABS.length]!, true);
  }

  private toggle(target: string): void {
    const selected = new Set(this.selected);
    if (!selected.delete(target)) selected.add(target);
    this.selected = selected;
  }

  private toggleAll(): void {
    const items = this.page?.items ?? [];
    this.selected = this.selected.size === items.length ? new Set() : new Set(items.map((i) => i.target));
  }

  /** Decides on `targets` with the reason typed; an empty reason stops at the reason field. */
  async decide(action: ModerationAction, targets: string[]): Promise<void> {
    if (this.busy) return;
    if (!targets.length) {
      this.announcement = this.t('nothingSelected');
      return;
    }
    if (!this.reason.trim()) {
      this.reasonError = true;
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLElement>('#reason')?.focus();
      return;
    }
    this.busy = true;
    try {
      const { decided } = await this.client.decide(this.consultation, targets, action, this.reason.trim());
      this.announcement = this.t('decided', { count: decided.length });
      this.selected = new Set();
      this.emit('pgo-moderated', decided);
      await this.load();
      this.shadowRoot?.querySelector<HTMLElement>('.item, [role="tab"][aria-selected="true"]')?.focus();
    } catch (error) {
      this.error = toBackendError(error);
    } finally {
      this.busy = false;
    }
  }

  /** j / k move between items, x selects, a / m / r decide (on the selection, else the item). */
  private onListKey(event: KeyboardEvent): void {
    const target = event.composedPath()[0] as HTMLElement;
    // Never while typing (the reason): a checkbox or a button is fine.
    const typing = /^(TEXTAREA|SELECT)$/.test(target.tagName) || (target instanceof HTMLInputElement && target.type !== 'checkbox');
    if (event.ctrlKey || event.metaKey || event.altKey || typing) return;
    const items = [...(this.shadowRoot?.querySelectorAll<HTMLElement>('.item') ?? [])];
    const item = target.closest<HTMLElement>('.item');
    const index = item ? items.indexOf(item) : -1;
    if (event.key === 'j' || event.key === 'k') {
      event.preventDefault();
      items[Math.min(items.length - 1, Math.max(0, index + (event.key === 'j' ? 1 : -1)))]?.focus();
    } else if (event.key === 'x' && item) {
      event.preventDefault();
      this.toggle(item.dataset.target!);
    } else if (SHORTCUT[event.key] && ACTIONS[this.tab].includes(SHORTCUT[event.key]!)) {
      event.preventDefault();
      const targets = this.selected.size ? [...this.selected] : item ? [item.dataset.target!] : [];
      void this.decide(SHORTCUT[event.key]!, targets);
    }
  }

  private renderItem(item: QueueItem) {
    const checked = this.selected.has(item.target);
    const titleId = `title-${item.target.replace(/[^\w-]/g, '-')}`;
    return html`<li class="item" part="item" tabindex="-1" data-target=${item.target} aria-labelledby=${titleId}>
      <div class="item-head">
        <input type="checkbox" id="select-${titleId}" .checked=${checked} @change=${() => this.toggle(item.target)}
          aria-label=${this.t('select', { title: item.title })} />
        <span class="badge">${this.t(`kind_${item.kind}` as ConsoleKey)}</span>
        <h3 id=${titleId}>${item.title}</h3>
      </div>
      <p class="meta">${this.t('submittedBy', { name: item.authorName ?? this.t('anonymous'), date: this.formatDate(item.createdAt) })}
        ${item.authorEmail ? html` · <span class="email">${item.authorEmail}</span>` : nothing}</p>
      <p class="excerpt">${item.excerpt}</p>
      ${
        item.reports.length
          ? html`<div class="reports"><p>${this.t('reports', { count: item.reports.length })}</p>
        <ul>${item.reports.map((r) => html`<li>${r.reason} <span class="meta">(${this.formatDate(r.at)})</span></li>`)}</ul></div>`
          : nothing
      }
      ${item.lastDecision ? html`<p class="meta">${this.t('lastDecision', { status: this.t(`status_${item.lastDecision.status}` as ConsoleKey), by: item.lastDecision.by, reason: item.lastDecision.reason })}</p>` : nothing}
      <div class="actions">${ACTIONS[this.tab].map(
        (action) => html`<button type="button" class="pgo-button ${action === 'hide' ? 'pgo-button--secondary' : ''}"
        aria-describedby=${titleId} @click=${() => this.decide(action, [item.target])}>${this.t(action)}</button>`,
      )}</div>
    </li>`;
  }

  override render() {
    const page = this.page;
    const items = page?.items ?? [];
    return html`<div part="base">
      <div role="tablist" part="tabs" aria-label=${this.t('moderation')} @keydown=${this.onTabKey}>
        ${TABS.map(
          (tab) => html`<button role="tab" id="tab-${tab}" type="button" aria-selected=${tab === this.tab ? 'true' : 'false'}
          aria-controls="panel" tabindex=${tab === this.tab ? '0' : '-1'} @click=${() => this.choose(tab)}>${this.t(TAB_KEY[tab], { count: page?.counts[tab] ?? 0 })}</button>`,
        )}
      </div>
      <div id="panel" role="tabpanel" aria-labelledby="tab-${this.tab}" @keydown=${this.onListKey}>
        <p class="hint">${this.t('shortcuts')}</p>
        <div class="field ${this.reasonError ? 'field--error' : ''}">
          <label for="reason">${this.t('reason')}</label>
          <div class="hint" id="reason-hint">${this.t('reasonHint')}</div>
          ${this.reasonError ? html`<p class="error-message" id="reason-error">${this.t('reasonRequired')}</p>` : nothing}
          <input id="reason" type="text" maxlength="2000" .value=${this.reason} aria-invalid=${this.reasonError ? 'true' : 'false'}
            aria-describedby=${this.reasonError ? 'reason-hint reason-error' : 'reason-hint'}
            @input=${(e: Event) => {
              this.reason = (e.target as HTMLInputElement).value;
              this.reasonError = false;
            }} />
        </div>
        ${this.error ? html`<div class="pgo-notice pgo-notice--error" role="alert"><p>${describeError(this.locale, this.error)}</p></div>` : nothing}
        ${
          items.length
            ? html`<div class="bulk">
            <label><input type="checkbox" .checked=${this.selected.size === items.length} @change=${this.toggleAll} /> ${this.t('selectAll')}</label>
            <span>${this.t('selected', { count: this.selected.size })}</span>
            ${ACTIONS[this.tab].map(
              (action) => html`<button type="button" class="pgo-button pgo-button--secondary" aria-disabled=${this.busy ? 'true' : 'false'}
              @click=${() => this.decide(action, [...this.selected])}>${this.t(`${action}Selected` as ConsoleKey)}</button>`,
            )}
          </div>
          <ul class="items" aria-busy=${this.busy ? 'true' : 'false'}>${items.map((item) => this.renderItem(item))}</ul>`
            : page
              ? html`<p class="pgo-notice">${this.t('queueEmpty')}</p>`
              : nothing
        }
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'pgo-moderated': CustomEvent<{ target: string; status: string }[]>;
  }
}

import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { resolveLocale, unwatchLanguage, watchLanguage } from '../base/locale.js';
import { normalizeLocale, type Locale } from '../core/i18n.js';
import { VERSION } from '../core/version.js';
import { ConsoleClient } from './client.js';
import { tConsole, type ConsoleKey } from './messages.js';

/**
 * The base of the console's elements: the organiser API client (shared from `<pgo-console>`, or one of
 * their own for the page's origin), the locale (like every pgo element: `lang` here or above, else the
 * page's), and typed `pgo-*` events.
 */
export class ConsoleElement extends LitElement {
  static pgoVersion = VERSION;

  /** The organiser API; the page's own origin by default. */
  @property({ attribute: false }) client: ConsoleClient = new ConsoleClient();
  @property({ reflect: true }) override lang!: string;

  get locale(): Locale {
    return this.lang ? normalizeLocale(this.lang) : resolveLocale(this);
  }

  protected t(key: ConsoleKey, params?: Record<string, string | number>): string {
    return tConsole(this.locale, key, params);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watchLanguage(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unwatchLanguage(this);
  }

  protected emit<K extends keyof HTMLElementEventMap>(
    type: K,
    detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
  ): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  protected formatDate(iso: string): string {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }
}

/**
 * Under a form, the participant's own contributions of its kind and what moderation made of them (issue 19):
 * awaiting moderation, published, hidden with the moderators' reason, withdrawn. A chunk of its own: the forms
 * import it once the reader has taken part (the session knows them as a participant) or has just sent something,
 * so a first visit downloads none of it. Asks the backend at once, after each contribution sent from the form, and
 * when the live stream says one of theirs was decided (`session.live.decisions`). Titles and reasons are text.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import type { ConsultationSession } from '../base/session.js';
import type { MyContribution } from '../core/contributions.js';
import type { Locale } from '../core/i18n.js';
import { headingTag } from './fields.js';
import { tOwnContributions } from './own-contributions.messages.js';

export class OwnContributions {
  private items: MyContribution[] = [];
  private seen = -1;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly kind: 'proposal' | 'event',
  ) {}

  /** The session changed (or `sent`: something was just sent): asks again when one of theirs was decided. */
  update(session: ConsultationSession | null, sent = false): void {
    if (session?.status !== 'ready') return;
    const decided = session.live.decisions.filter((d) => d.target.startsWith(`${this.kind}:`)).length;
    if (decided === this.seen && !sent) return;
    this.seen = decided;
    void this.load(session);
  }

  private async load(session: ConsultationSession): Promise<void> {
    try {
      const all = (await session.backend.listMyContributions?.(session.consultationId)) ?? [];
      this.items = all.filter((item) => item.kind === this.kind);
      this.host.requestUpdate();
    } catch {
      // Not shown this time: the list is a courtesy, the form works without it.
    }
  }

  render(locale: Locale, headingLevel: number) {
    if (!this.items.length) return nothing;
    const t = (key: Parameters<typeof tOwnContributions>[1], params?: Record<string, string>) => tOwnContributions(locale, key, params);
    const title = t(`${this.kind}_title`);
    const level = headingTag(Math.min(6, headingLevel + 1));
    return html`<section part="mine" aria-label=${title}>
      ${staticHtml`<${level}>${title}</${level}>`}
      <ul>
        ${this.items.map(
          (item) =>
            html`<li part="mine-item" data-status=${item.status}>
              ${item.title} — <span part="mine-status">${t(`${this.kind}_${item.status}`)}</span>
              ${item.status === 'hidden' && item.reason ? t('reason', { reason: item.reason }) : ''}
            </li>`,
        )}
      </ul>
    </section>`;
  }
}

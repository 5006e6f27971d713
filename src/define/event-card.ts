import { defineElement } from '../base/define.js';
import { PgoEventCard } from '../elements/event-card/event-card.js';

defineElement('pgo-event-card', PgoEventCard);

export type { PgoEventCard };

declare global {
  interface HTMLElementTagNameMap {
    'pgo-event-card': PgoEventCard;
  }
}

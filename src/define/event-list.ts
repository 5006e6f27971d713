import { defineElement } from '../base/define.js';
import { PgoEventList } from '../elements/event-list/event-list.js';
import './event-card.js';

defineElement('pgo-event-list', PgoEventList);

export type { PgoEventList };

declare global {
  interface HTMLElementTagNameMap {
    'pgo-event-list': PgoEventList;
  }
}

import { defineElement } from '../base/define.js';
import { PgoEventForm } from '../elements/event-form/event-form.js';

defineElement('pgo-event-form', PgoEventForm);

export type { PgoEventForm };

declare global {
  interface HTMLElementTagNameMap {
    'pgo-event-form': PgoEventForm;
  }
}

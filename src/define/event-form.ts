import { defineElement } from '../base/define.js';
import { PgoEventForm } from '../elements/event-form/event-form.js';

defineElement('pgo-event-form', PgoEventForm);

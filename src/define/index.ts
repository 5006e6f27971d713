/** Registers every element. The provider first, so its children find it when they upgrade. */
// The default backend (`backend="rest"`) must be there before any provider connects.
import '../backends/rest.js';
import './consultation.js';
import './event-card.js';
import './event-form.js';
import './event-list.js';
import './phase-countdown.js';
import './proposal-form.js';
import './vote-button.js';
import './proposal-list.js';

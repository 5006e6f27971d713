/** Registers every element. The provider first, so its children find it when they upgrade. */
// The default backend (`backend="rest"`) must be there before any provider connects.
import '../backends/rest.js';
import './consultation.js';
import './event-card.js';
import './event-form.js';
import './event-list.js';
import './comments.js';
import './phase-countdown.js';
import './proposal-form.js';
import './vote-button.js';
import './proposal-list.js';
import './text.js';
import './workshop-report.js';

export type * from './consultation.js';
export type * from './event-card.js';
export type * from './event-form.js';
export type * from './event-list.js';
export type * from './comments.js';
export type * from './phase-countdown.js';
export type * from './proposal-form.js';
export type * from './vote-button.js';
export type * from './proposal-list.js';
export type * from './text.js';
export type * from './workshop-report.js';

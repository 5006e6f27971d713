/** Registers every element. The provider first, so its children find it when they upgrade. */
import './consultation.js';
import './phase-countdown.js';

import { defineElement } from '../base/define.js';
import { PgoPhaseCountdown } from '../elements/phase-countdown/phase-countdown.js';

defineElement('pgo-phase-countdown', PgoPhaseCountdown);

export type { PgoPhaseCountdown };

declare global {
  interface HTMLElementTagNameMap {
    'pgo-phase-countdown': PgoPhaseCountdown;
  }
}

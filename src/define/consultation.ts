import { attachContextRoot } from '../base/context.js';
import { defineElement } from '../base/define.js';
import { PgoConsultation } from '../elements/consultation/consultation.js';

attachContextRoot();
defineElement('pgo-consultation', PgoConsultation);

export type { PgoConsultation };

declare global {
  interface HTMLElementTagNameMap {
    'pgo-consultation': PgoConsultation;
  }
}

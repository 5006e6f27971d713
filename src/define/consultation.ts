import { ContextRoot } from '@lit/context';
import { defineElement } from '../base/define.js';
import { PgoConsultation } from '../elements/consultation/consultation.js';

// Elements upgraded before their provider still find it once it arrives.
const ROOT = Symbol.for('pgo-widgets.context-root');
const g = globalThis as unknown as Record<symbol, boolean>;
if (typeof document !== 'undefined' && !g[ROOT]) {
  g[ROOT] = true;
  new ContextRoot().attach(document.documentElement);
}
defineElement('pgo-consultation', PgoConsultation);

export type { PgoConsultation };

declare global {
  interface HTMLElementTagNameMap {
    'pgo-consultation': PgoConsultation;
  }
}

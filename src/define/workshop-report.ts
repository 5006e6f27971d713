import { defineElement } from '../base/define.js';
import { PgoWorkshopReport } from '../elements/workshop-report/workshop-report.js';

defineElement('pgo-workshop-report', PgoWorkshopReport);

export type { PgoWorkshopReport };

declare global {
  interface HTMLElementTagNameMap {
    'pgo-workshop-report': PgoWorkshopReport;
  }
}

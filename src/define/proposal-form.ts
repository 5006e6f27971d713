import { defineElement } from '../base/define.js';
import { PgoProposalForm } from '../elements/proposal-form/proposal-form.js';

defineElement('pgo-proposal-form', PgoProposalForm);

export type { PgoProposalForm };

declare global {
  interface HTMLElementTagNameMap {
    'pgo-proposal-form': PgoProposalForm;
  }
}

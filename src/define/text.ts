import { defineElement } from '../base/define.js';
import './vote-button.js';
import { PgoText } from '../elements/text/text.js';

PgoText.loadDiscussion = () => import('./comments.js');
defineElement('pgo-text', PgoText);

export type { PgoText };

declare global {
  interface HTMLElementTagNameMap {
    'pgo-text': PgoText;
  }
}

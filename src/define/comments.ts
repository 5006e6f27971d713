import { defineElement } from '../base/define.js';
import { PgoComments } from '../elements/comments/comments.js';

defineElement('pgo-comments', PgoComments);

export type { PgoComments };

declare global {
  interface HTMLElementTagNameMap {
    'pgo-comments': PgoComments;
  }
}

import { defineElement } from '../base/define.js';
import { PgoVoteButton } from '../elements/vote-button/vote-button.js';

defineElement('pgo-vote-button', PgoVoteButton);

export type { PgoVoteButton };

declare global {
  interface HTMLElementTagNameMap {
    'pgo-vote-button': PgoVoteButton;
  }
}

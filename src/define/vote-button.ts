import { defineElement } from '../base/define.js';
import { PgoVoteButton } from '../elements/vote-button/vote-button.js';

defineElement('pgo-vote-button', PgoVoteButton);

import { defineElement } from '../base/define.js';
import { PgoProposalList } from '../elements/proposal-list/proposal-list.js';
import './vote-button.js';

// The discussion opens in place: its element is fetched the first time one is opened.
PgoProposalList.loadDiscussion = () => import('./comments.js');
defineElement('pgo-proposal-list', PgoProposalList);

export type { PgoProposalList };

declare global {
  interface HTMLElementTagNameMap {
    'pgo-proposal-list': PgoProposalList;
  }
}

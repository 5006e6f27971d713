import { defineMessages, translator } from '../core/i18n.js';

/** The participant's own contributions under a form (own-contributions-view.ts), per kind: French agrees in gender. */
export const ownContributionsMessages = defineMessages(
  'own-contributions',
  {
    proposal_title: 'Vos propositions',
    proposal_pending: 'en attente de modération',
    proposal_published: 'publiée',
    proposal_hidden: 'masquée par la modération',
    proposal_withdrawn: 'retirée',
    event_title: 'Vos événements proposés',
    event_pending: 'en attente de modération',
    event_published: 'publié',
    event_hidden: 'masqué par la modération',
    event_withdrawn: 'retiré',
    reason: 'Motif : {reason}',
  },
  { en: () => import('./own-contributions.messages.en.js').then((m) => m.en) },
);
export const tOwnContributions = translator(ownContributionsMessages);

import { defineMessages, translator } from '../../core/i18n.js';

export const proposalFormMessages = defineMessages(
  'proposal-form',
  {
    label: 'Déposer une proposition',
    title: 'Titre de votre proposition',
    titleHint: 'Résumez votre idée en une phrase.',
    body: 'Votre proposition',
    bodyHint: 'Expliquez le constat, ce que vous proposez et ce que cela changerait.',
    category: 'Thème',
    authorName: 'Votre nom ou pseudonyme',
    authorNameHint: 'Il sera affiché avec votre proposition. Laissez vide pour rester anonyme.',
    authorNameRequiredHint: 'Il sera affiché avec votre proposition.',
    email: 'Votre adresse e-mail',
    emailHint: 'Elle ne sera jamais affichée publiquement. Elle sert à vous informer des suites de votre proposition.',
    privacy: 'Comment vos données sont traitées',
    consent: 'Consentement',
    submit: 'Envoyer ma proposition',
    closed: 'Le dépôt de propositions n’est pas ouvert en ce moment.',
    opensOn: 'Il ouvrira le {date}.',
    closedForGood: 'Aucune autre phase de dépôt n’est prévue.',
    unavailable: 'Le dépôt de propositions n’est pas disponible ici.',
    nowOpen: 'Le dépôt de propositions est maintenant ouvert.',
    nowClosed: 'Le dépôt de propositions vient de fermer.',
    successTitle: 'Merci, votre proposition est bien reçue',
    successPending: 'Votre proposition « {title} » sera publiée après modération.',
    successPublished: 'Votre proposition « {title} » est publiée.',
    decidedPublished: 'Bonne nouvelle : votre proposition « {title} » vient d’être publiée.',
    decidedHidden: 'Votre proposition « {title} » n’a pas été retenue par la modération.',
    view: 'Voir votre proposition',
    another: 'Proposer une autre idée',
  },
  // English is a module of its own, loaded when an element is asked to speak it.
  { en: () => import('./proposal-form.messages.en.js').then((m) => m.en) },
);
export const tProposalForm = translator(proposalFormMessages);

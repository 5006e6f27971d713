import { defineMessages, translator } from '../core/i18n.js';

/** Texts of the shared form machinery (src/forms): every pgo form uses them. */
export const formMessages = defineMessages(
  'form',
  {
    summaryTitle: 'Il y a un problème',
    summaryItem: '{label} : {message}',
    required: '(obligatoire)',
    optional: '(facultatif)',
    choose: 'Choisir…',
    sending: 'Envoi…',
    remaining: { one: 'Il vous reste {count} caractère', other: 'Il vous reste {count} caractères' },
    tooMany: { one: '{count} caractère en trop', other: '{count} caractères en trop' },
    draftRestored: 'Nous avons retrouvé votre brouillon enregistré le {date} sur cet appareil.',
    discardDraft: 'Effacer le brouillon',
    draftDiscarded: 'Brouillon effacé. Vous pouvez encore annuler l’effacement.',
    discardedNotice: 'Brouillon effacé.',
    undoDiscard: 'Annuler l’effacement',
    draftBack: 'Brouillon rétabli.',
    sendFailed: 'L’envoi n’a pas abouti. Votre texte est conservé.',
    newWindow: '(nouvelle fenêtre)',
    honeypot: 'Ne pas remplir ce champ',
  },
  // English is a module of its own, loaded when an element is asked to speak it.
  { en: () => import('./form.messages.en.js').then((m) => m.en) },
);
export const tForm = translator(formMessages);

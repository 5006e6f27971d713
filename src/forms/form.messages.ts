import { defineMessages, translator } from '../core/i18n.js';

/** Texts of the shared form machinery (src/forms): every pgo form uses them. */
export const formMessages = defineMessages(
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
    draftDiscarded: 'Brouillon effacé.',
    sendFailed: 'L’envoi n’a pas abouti. Votre texte est conservé.',
    newWindow: '(nouvelle fenêtre)',
    honeypot: 'Ne pas remplir ce champ',
  },
  {
    en: {
      summaryTitle: 'There is a problem',
      summaryItem: '{label}: {message}',
      required: '(required)',
      optional: '(optional)',
      choose: 'Choose…',
      sending: 'Sending…',
      remaining: { one: 'You have {count} character remaining', other: 'You have {count} characters remaining' },
      tooMany: { one: 'You have {count} character too many', other: 'You have {count} characters too many' },
      draftRestored: 'We found your draft saved on this device on {date}.',
      discardDraft: 'Discard draft',
      draftDiscarded: 'Draft discarded.',
      sendFailed: 'Sending failed. Your text is kept.',
      newWindow: '(opens in a new window)',
      honeypot: 'Leave this field empty',
    },
  },
);
export const tForm = translator(formMessages);

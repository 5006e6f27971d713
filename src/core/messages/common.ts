import { defineMessages, translator } from '../i18n.js';

/** Texts shared by every element: loading, errors, retry, generic field errors. */
export const commonMessages = defineMessages(
  'common',
  {
    loading: 'Chargement…',
    retry: 'Réessayer',
    loadError: 'Impossible de charger la consultation.',
    noConsultation: 'Aucune consultation n’est configurée : ajoutez l’attribut « consultation ».',
    'error.network': 'La connexion au serveur a échoué. Vérifiez votre connexion puis réessayez.',
    'error.offline': 'Vous êtes hors ligne. Rien n’est perdu : réessayez une fois la connexion revenue.',
    'error.timeout': 'Le serveur met trop de temps à répondre. Réessayez dans un instant.',
    'error.aborted': 'La demande a été annulée.',
    'error.rate-limited': {
      one: 'Trop de demandes. Réessayez dans {count} seconde.',
      other: 'Trop de demandes. Réessayez dans {count} secondes.',
    },
    'error.not-found': 'Élément introuvable.',
    'error.conflict': 'Cette action entre en conflit avec une autre. Rechargez la page.',
    'error.closed': 'Cette action n’est pas ouverte dans la phase en cours.',
    'error.limit-reached': 'Vous avez atteint la limite autorisée.',
    'error.forbidden': 'Cette action ne vous est pas permise.',
    'error.unauthorized': 'Votre session a expiré. Rechargez la page.',
    'error.too-large': 'Le contenu envoyé est trop volumineux.',
    'error.validation': 'Certains champs sont à corriger.',
    'error.server': 'Le serveur a rencontré une erreur. Réessayez dans un instant.',
    'error.unsupported': 'Cette action n’est pas disponible ici.',
    'error.unknown': 'Une erreur inattendue est survenue.',
    'field.required': 'Ce champ est obligatoire.',
    'field.too_short': { one: 'Saisissez au moins {min} caractère.', other: 'Saisissez au moins {min} caractères.' },
    'field.too_long': { one: 'Saisissez au plus {max} caractère.', other: 'Saisissez au plus {max} caractères.' },
    'field.invalid': 'Cette valeur n’est pas valide.',
    'field.email': 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
    'field.url': 'Saisissez une adresse web commençant par https://.',
    'field.postal_code': 'Saisissez un code postal à cinq chiffres.',
    'field.consent': 'Vous devez donner votre accord pour continuer.',
    'field.past': 'Choisissez une date à venir.',
    'field.before_start': 'La fin doit être après le début.',
    'field.unknown': 'Ce champ n’est pas prévu par la consultation.',
    errorPrefix: 'Erreur :',
    'answer.filter': 'Réponse des organisateurs',
    'answer.all': 'Toutes les propositions',
    'answer.none': 'Sans réponse pour l’instant',
    'answer.label': 'Réponse des organisateurs :',
    'answer.under-study': 'À l’étude',
    'answer.kept': 'Retenue',
    'answer.merged': 'Fusionnée',
    'answer.not-kept': 'Non retenue',
    'answer.commitment': 'Engagement : {text}',
    'answer.mergedInto': 'Fusionnée dans la proposition {id}',
  },
  // English is a module of its own, loaded when an element is asked to speak it.
  { en: () => import('./common.en.js').then((m) => m.en) },
);
export type CommonKey = keyof typeof commonMessages.fr;
export const tCommon = translator(commonMessages);

import type { Locale } from '../i18n.js';
import type { BackendError } from '../errors.js';
import type { FieldError } from '../schemas.js';

/** The sentence to show a citizen for a failed request, in their language. */
export function describeError(locale: Locale, error: BackendError): string {
  const { code, retryAfter } = error.problem;
  if (code === 'rate-limited') return tCommon(locale, 'error.rate-limited', { count: Math.max(1, Math.ceil(retryAfter ?? 60)) });
  return tCommon(locale, `error.${code}` as CommonKey);
}

/** A field error in the citizen's language; unknown codes fall back to the server's own message. */
export function describeFieldError(locale: Locale, error: FieldError): string {
  const key = `field.${error.code}`;
  if (!(key in commonMessages.fr)) return error.message;
  return tCommon(locale, key as CommonKey, error.params ?? {});
}

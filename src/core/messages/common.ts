import { defineMessages, translator } from '../i18n.js';

/** Texts shared by every element: loading, errors, retry, generic field errors. */
export const commonMessages = defineMessages(
  {
    loading: 'Chargement…',
    retry: 'Réessayer',
    loadError: 'Impossible de charger la consultation.',
    noConsultation: 'Aucune consultation n’est configurée : ajoutez l’attribut « consultation ».',
    'error.network': 'La connexion au serveur a échoué. Vérifiez votre connexion puis réessayez.',
    'error.offline': 'Vous êtes hors ligne. Rien n’est perdu : réessayez une fois la connexion revenue.',
    'error.timeout': 'Le serveur met trop de temps à répondre. Réessayez dans un instant.',
    'error.aborted': 'La demande a été annulée.',
    'error.rate-limited': { one: 'Trop de demandes. Réessayez dans {count} seconde.', other: 'Trop de demandes. Réessayez dans {count} secondes.' },
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
  },
  {
    en: {
      loading: 'Loading…',
      retry: 'Try again',
      loadError: 'The consultation could not be loaded.',
      noConsultation: 'No consultation is configured: add the “consultation” attribute.',
      'error.network': 'Could not reach the server. Check your connection and try again.',
      'error.offline': 'You are offline. Nothing is lost: try again once you are back online.',
      'error.timeout': 'The server is taking too long to answer. Try again in a moment.',
      'error.aborted': 'The request was cancelled.',
      'error.rate-limited': { one: 'Too many requests. Try again in {count} second.', other: 'Too many requests. Try again in {count} seconds.' },
      'error.not-found': 'Not found.',
      'error.conflict': 'This action conflicts with another one. Reload the page.',
      'error.closed': 'This action is not open in the current phase.',
      'error.limit-reached': 'You have reached the limit.',
      'error.forbidden': 'You are not allowed to do this.',
      'error.unauthorized': 'Your session has expired. Reload the page.',
      'error.too-large': 'What you sent is too large.',
      'error.validation': 'Some fields need attention.',
      'error.server': 'The server ran into an error. Try again in a moment.',
      'error.unsupported': 'This action is not available here.',
      'error.unknown': 'Something unexpected went wrong.',
      'field.required': 'This field is required.',
      'field.too_short': { one: 'Enter at least {min} character.', other: 'Enter at least {min} characters.' },
      'field.too_long': { one: 'Enter at most {max} character.', other: 'Enter at most {max} characters.' },
      'field.invalid': 'This value is not valid.',
      'field.email': 'Enter a valid e-mail address, like name@example.org.',
      'field.url': 'Enter a web address starting with https://.',
      'field.postal_code': 'Enter a five-digit postal code.',
      'field.consent': 'You must agree to continue.',
      'field.past': 'Choose a date in the future.',
      'field.before_start': 'The end must come after the start.',
      'field.unknown': 'This field is not part of the consultation.',
      errorPrefix: 'Error:',
    },
  },
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

import { defineMessages, translator } from '../core/i18n.js';
import { en } from './organisers.messages.en.js';

/** Texts of the organiser management screen (`<pgo-organiser-admin>`), fr and en. */
export const organiserMessages = defineMessages(
  'console-organisers',
  {
    organisers: 'Organisateurs',
    listCaption: 'Organisateurs et leurs rôles',
    name: 'Nom',
    email: 'Adresse e-mail',
    roles: 'Rôles',
    everyConsultation: 'toutes les consultations',
    role_admin: 'administrateur',
    role_moderator: 'modérateur',
    roleOn: '{role} sur {consultation}',
    noRole: 'aucun rôle',
    addTitle: 'Ajouter un organisateur',
    displayName: 'Nom affiché',
    password: 'Mot de passe',
    passwordHint: '12 caractères au moins. Vide : le compte ne se connecte pas par mot de passe.',
    consultation: 'Consultation',
    role: 'Rôle',
    add: 'Ajouter l’organisateur',
    added: 'Organisateur {name} ajouté.',
    manage: 'Gérer {name}',
    grant: 'Donner ce rôle',
    removeRole: 'Retirer le rôle {role} sur {consultation}',
    rolesSaved: 'Rôles de {name} enregistrés.',
    newPassword: 'Nouveau mot de passe',
    resetPassword: 'Réinitialiser le mot de passe',
    passwordReset: 'Mot de passe de {name} réinitialisé ; ses sessions sont fermées.',
    passwordTooShort: 'Le mot de passe doit compter 12 caractères au moins.',
  },
  { en },
);
export const tOrganisers = translator(organiserMessages);
export type OrganisersKey = keyof typeof organiserMessages.fr;

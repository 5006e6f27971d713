import { defineMessages, translator } from '../../core/i18n.js';

/** Texts of the agenda (`<pgo-event-list>`). */
export const agendaMessages = defineMessages(
  'event-list',
  {
    agenda: 'Agenda des événements',
    filters: 'Filtrer les événements',
    from: 'À partir du',
    to: 'Jusqu’au',
    format: 'Format',
    anyFormat: 'Tous les formats',
    anyMode: 'Toutes les participations',
    place: 'Lieu',
    placeHint: 'Code postal (ou son début) ou commune',
    apply: 'Filtrer',
    reset: 'Réinitialiser les filtres',
    count: { zero: 'Aucun événement', one: '{count} événement', other: '{count} événements' },
    empty: 'Aucun événement ne correspond à ces critères.',
    emptyUpcoming: 'Aucun événement à venir pour le moment.',
    more: 'Afficher plus d’événements',
    listError: 'Impossible de charger les événements.',
    mode: 'Participation',
    'mode.in-person': 'Sur place',
    'mode.online': 'En ligne',
    'mode.hybrid': 'Sur place et en ligne',
  },
  // English is a module of its own, loaded when an element is asked to speak it.
  { en: () => import('./event-list.messages.en.js').then((m) => m.en) },
);
export const tAgenda = translator(agendaMessages);

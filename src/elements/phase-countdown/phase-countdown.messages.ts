import { defineMessages, translator } from '../../core/i18n.js';

export const countdownMessages = defineMessages(
  'phase-countdown',
  {
    label: 'Calendrier de la consultation',
    openNow: 'Phase en cours',
    timeLeft: 'Il reste {duration}',
    endsOn: 'Jusqu’au {date}',
    startsIn: 'La consultation commence dans {duration}',
    nextPhase: 'Prochaine phase',
    opensIn: 'Ouverture dans {duration}',
    opensOn: 'Ouverture le {date}',
    closed: 'La consultation est terminée.',
    closedOn: 'Dernière phase close le {date}',
    empty: 'Aucune phase n’est encore annoncée.',
    timeline: 'Les phases',
    phaseDone: 'terminée',
    phaseCurrent: 'en cours',
    phaseUpcoming: 'à venir',
    progress: 'Avancement de la phase « {title} »',
    dateRange: 'du {start} au {end}',
    /** A phase that closes at midnight: its last day, which is the day before. */
    dateRangeInclusive: 'du {start} au {end} inclus',
    days: { one: '{count} jour', other: '{count} jours' },
    hours: { one: '{count} heure', other: '{count} heures' },
    minutes: { one: '{count} minute', other: '{count} minutes' },
    seconds: { one: '{count} seconde', other: '{count} secondes' },
    and: '{a} et {b}',
    announceOpen: 'La phase « {title} » est maintenant ouverte.',
    announceBetween: 'La phase « {title} » est terminée. Prochaine phase : « {next} ».',
    announceClosed: 'La consultation est terminée.',
    announceDay: 'Il reste moins d’un jour pour la phase « {title} ».',
    announceHour: 'Il reste moins d’une heure pour la phase « {title} ».',
  },
  // English is a module of its own, loaded when an element is asked to speak it.
  { en: () => import('./phase-countdown.messages.en.js').then((m) => m.en) },
);
export const tCountdown = translator(countdownMessages);

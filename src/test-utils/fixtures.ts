/**
 * Fixtures for tests, stories and the memory demo, drawn from the 2017-2019 French open-government
 * action plan consultation (ideation, then collaborative writing; four axes) and the 2016 summit's
 * call for sessions. Phases are placed relative to a given `now` so every state can be reached.
 */
import { MemoryBackend, type MemoryBackendOptions, type MemoryEvent, type MemoryFixture } from '../backends/memory.js';
import { DAY, HOUR } from '../core/phase.js';
import type { Consultation, ConsultationSettings, Phase, Proposal, VoteChoice } from '../core/schemas.js';

export const iso = (ms: number) => new Date(ms).toISOString();

export const AXES = [
  { id: 'donnees', title: 'Ouvrir plus de données pour créer des biens communs numériques' },
  { id: 'participation', title: 'Augmenter la participation citoyenne et l’inclusion de nouveaux publics' },
  { id: 'transparence', title: 'Accroître la transparence, la redevabilité et l’innovation dans l’action publique' },
  { id: 'nouveaux-themes', title: 'Mettre le gouvernement ouvert au service de nouveaux thèmes : santé, inclusion, logement, éducation' },
];

export const EVENT_FORMATS = [
  { id: 'atelier-relais', label: 'Atelier-relais' },
  { id: 'ministere-ouvert', label: 'Ministère ouvert' },
  { id: 'conference', label: 'Conférence' },
  { id: 'atelier', label: 'Atelier' },
  { id: 'pitch', label: 'Pitch' },
  { id: 'evenement-externe', label: 'Événement externe' },
];

export function defaultSettings(overrides: Partial<ConsultationSettings> = {}): ConsultationSettings {
  return {
    proposalPhases: ['ideation'],
    votePhases: ['ideation', 'redaction'],
    eventProposalPhases: ['ideation', 'redaction'],
    voteModel: 'support',
    votesPerParticipant: null,
    voteWithdrawal: true,
    supportThreshold: null,
    hideCountsUntilEnd: false,
    moderation: 'post',
    proposalFields: {
      title: { min: 10, max: 120 },
      body: { min: 30, max: 3000 },
      categoryRequired: true,
      authorName: 'optional',
      email: 'optional',
      extraFields: [],
      consent: {
        text: 'J’accepte que ma contribution soit publiée sous licence ouverte et traitée pour les besoins de la consultation.',
        privacyUrl: 'https://consultation.example.fr/donnees-personnelles',
      },
    },
    eventFormats: EVENT_FORMATS,
    ...overrides,
  };
}

/**
 * The action-plan consultation with its two phases placed around `now`:
 * `position` says where `now` falls ('before', 'ideation', 'between', 'redaction', 'after').
 */
export function actionPlanConsultation(
  now: number,
  position: 'before' | 'ideation' | 'between' | 'redaction' | 'after' = 'ideation',
  settings: Partial<ConsultationSettings> = {},
): Consultation {
  const offsets = { before: -3 * DAY, ideation: 10 * DAY, between: 40 * DAY, redaction: 100 * DAY, after: 200 * DAY }[position];
  const t0 = now - offsets; // start of ideation
  const phases: Phase[] = [
    {
      id: 'ideation',
      title: 'Idéation',
      kind: 'ideation',
      description: 'Proposez vos idées pour le plan d’action.',
      startsAt: iso(t0),
      endsAt: iso(t0 + 31 * DAY),
    },
    {
      id: 'redaction',
      title: 'Co-rédaction',
      kind: 'collaborative-writing',
      description: 'Améliorons ensemble les engagements.',
      startsAt: iso(t0 + 92 * DAY),
      endsAt: iso(t0 + 122 * DAY),
    },
  ];
  return {
    id: 'plan-action-2017',
    title: 'Plan d’action national 2017-2019 pour une action publique transparente et collaborative',
    description: 'Contribuez au renouvellement des engagements de la France dans le cadre du Partenariat pour un gouvernement ouvert.',
    timeZone: 'Europe/Paris',
    phases,
    categories: AXES,
    settings: defaultSettings(settings),
  };
}

export function proposalFixture(consultationId: string, index: number, now: number, overrides: Partial<Proposal> = {}): Proposal {
  const titles = [
    'Publier les données des marchés publics en format ouvert',
    'Créer des budgets participatifs dans chaque département',
    'Ouvrir le code source des algorithmes publics',
    'Associer les jeunes aux décisions locales',
    'Rendre accessibles les débats des conseils municipaux',
  ];
  const id = `p${index}`;
  return {
    id,
    consultationId,
    title: `${titles[index % titles.length]}${index >= titles.length ? ` (${index})` : ''}`,
    body: `Proposition ${index} : une administration plus ouverte commence par des données publiées, lisibles et réutilisables par tous.\nDeuxième paragraphe.`,
    categoryId: AXES[index % AXES.length]!.id,
    extra: {},
    authorName: index % 3 === 0 ? null : `Citoyen·ne ${index}`,
    createdAt: iso(now - (index + 1) * HOUR),
    status: 'published',
    tally: { proposalId: id, hidden: false, total: 0, counts: {} },
    ...overrides,
  };
}

export function eventFixture(consultationId: string, index: number, now: number, overrides: Partial<MemoryEvent> = {}): MemoryEvent {
  const starts = now + (index + 1) * DAY;
  return {
    id: `e${index}`,
    consultationId,
    title: index % 2 ? `Ministère ouvert : dialogue ${index}` : `Atelier-relais ${index} : le gouvernement ouvert près de chez vous`,
    format: index % 2 ? 'ministere-ouvert' : 'atelier-relais',
    description: 'Un atelier pour nourrir la consultation en ligne.\nOuvert à toutes et tous.',
    startsAt: iso(starts),
    endsAt: iso(starts + 3 * HOUR),
    timeZone: 'Europe/Paris',
    mode: index % 3 === 1 ? 'online' : 'in-person',
    ...(index % 3 === 1
      ? { onlineUrl: 'https://visio.example.fr/atelier' }
      : {
          address: {
            placeName: 'Forum de Grenelle',
            street: '5 rue de la Croix Nivert',
            postalCode: '75015',
            locality: 'Paris',
            country: 'FR',
          },
        }),
    organiser: { name: 'Etalab' },
    status: 'scheduled',
    registration: { kind: 'inline', capacity: 30, seatsLeft: 30 },
    ...overrides,
  };
}

export interface FixtureOptions extends MemoryBackendOptions {
  position?: Parameters<typeof actionPlanConsultation>[1];
  settings?: Partial<ConsultationSettings>;
  proposals?: number;
  events?: number;
  votes?: { participantId: string; proposalId: string; choice: VoteChoice }[];
}

/** A memory backend holding the action-plan consultation, `proposals` proposals and `events` events. */
export function memoryBackendFixture(options: FixtureOptions = {}): { backend: MemoryBackend; consultation: Consultation; now: number } {
  const clock = options.now ?? (() => Date.now());
  const now = clock();
  const consultation = actionPlanConsultation(now, options.position ?? 'ideation', options.settings);
  const fixture: MemoryFixture = {
    consultations: [consultation],
    proposals: Array.from({ length: options.proposals ?? 5 }, (_, i) => proposalFixture(consultation.id, i, now)),
    events: Array.from({ length: options.events ?? 3 }, (_, i) => eventFixture(consultation.id, i, now)),
    votes: options.votes ?? [],
  };
  const backend = new MemoryBackend(fixture, options);
  return { backend, consultation, now };
}

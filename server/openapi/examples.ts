/**
 * One example for every request body and answer of the document, by component name. They are real
 * shapes (server/openapi.test.ts validates each against its schema, and Spectral checks them too),
 * dated around one fixed instant so that the document does not change from day to day.
 */
const AT = '2026-03-02T09:00:00.000Z';
const LATER = '2026-03-20T18:00:00.000Z';
const ENDS = '2026-03-20T20:00:00.000Z';

const participant = { id: 'pt-Yq2v8pX1kL0mN3rT', displayName: null, verified: false };
const tally = { proposalId: 'p-8H2kLq0vXy1mN3pR', hidden: false, total: 12, counts: { support: 12 } };
const proposal = {
  id: 'p-8H2kLq0vXy1mN3pR',
  consultationId: 'plan-action-2017',
  title: 'Publier les budgets des communes en données ouvertes',
  body: 'Chaque commune publierait son budget voté, ligne par ligne, dans un format réutilisable.',
  categoryId: 'donnees',
  extra: {},
  authorName: 'Camille',
  createdAt: AT,
  status: 'published',
  tally,
};
const participation = { participant, votes: { 'p-8H2kLq0vXy1mN3pR': 'support' }, votesLeft: 2, registrations: ['e-atelier-lyon'] };
const event = {
  id: 'e-atelier-lyon',
  consultationId: 'plan-action-2017',
  title: 'Atelier-relais à Lyon',
  format: 'atelier-relais',
  description: 'Un atelier pour nourrir la consultation en ligne, ouvert à toutes et tous.',
  startsAt: LATER,
  endsAt: ENDS,
  timeZone: 'Europe/Paris',
  mode: 'in-person',
  address: { placeName: 'Hôtel de Ville', postalCode: '69001', locality: 'Lyon', country: 'FR' },
  organiser: { name: 'Ville de Lyon' },
  status: 'scheduled',
  registration: { kind: 'inline', capacity: 30, seatsLeft: 12 },
};
const consultation = {
  id: 'plan-action-2017',
  title: 'Plan d’action national pour un gouvernement ouvert',
  description: 'Proposez, soutenez et débattez des engagements du plan.',
  timeZone: 'Europe/Paris',
  phases: [
    { id: 'ideation', title: 'Idéation', kind: 'ideation', startsAt: '2026-02-20T08:00:00.000Z', endsAt: '2026-03-31T21:59:59.000Z' },
  ],
  categories: [
    { id: 'donnees', title: 'Ouvrir plus de données' },
    { id: 'participation', title: 'Augmenter la participation' },
  ],
  settings: {
    proposalPhases: ['ideation'],
    votePhases: ['ideation'],
    eventProposalPhases: ['ideation'],
    voteModel: 'support',
    votesPerParticipant: 3,
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
      consent: { text: 'J’accepte que ma proposition soit publiée.' },
    },
    eventFormats: [
      { id: 'atelier-relais', label: 'Atelier-relais' },
      { id: 'ministere-ouvert', label: 'Ministère ouvert' },
    ],
  },
};
const moderatedProposal = { ...proposal, status: 'hidden', reports: 1, reportReasons: ['Hors sujet'], authorEmail: 'camille@example.fr' };
const moderatedEvent = { ...event, moderation: 'pending', organiserEmail: 'mairie@example.fr' };

export const EXAMPLES: Record<string, unknown> = {
  ServerTime: { now: AT },
  ParticipantToken: { token: 'pgo_3mZ0c1yq8Hk2Lw5Rt7Vb9Nd4Fg6Jp1Sx0Qa2Ze8Ku3Y', participant },
  Consultation: consultation,
  Participation: participation,
  Proposal: proposal,
  ProposalPage: { items: [proposal], nextCursor: 'k', total: 21 },
  ProposalReceipt: { proposal: { ...proposal, tally: { ...tally, total: 0, counts: { support: 0 } } }, moderation: 'published' },
  VoteResult: { tally, participation },
  ConsultationEvent: event,
  EventPage: { items: [event], nextCursor: null, total: 1 },
  RegistrationReceipt: { eventId: 'e-atelier-lyon', seatsLeft: 11 },
  EventReceipt: { event: { ...event, registration: { kind: 'inline', capacity: 30, seatsLeft: 30 } }, moderation: 'pending' },
  ReportReceipt: { received: true },
  ModeratedProposal: moderatedProposal,
  ModeratedEvent: moderatedEvent,
  ModerationQueue: { proposals: [moderatedProposal], events: [moderatedEvent] },
  OpenDataExport: {
    consultation: {
      id: 'plan-action-2017',
      title: consultation.title,
      voteModel: 'support',
      countsHidden: false,
      exportedAt: '2026-03-02T09:00:00Z',
    },
    proposals: [
      {
        id: proposal.id,
        createdAt: AT,
        categoryId: 'donnees',
        category: 'Ouvrir plus de données',
        title: proposal.title,
        body: proposal.body,
        extra: {},
        total: 12,
        counts: { support: 12 },
        answer: null,
        origin: null,
      },
    ],
    comments: [
      {
        id: 'c-8d2f',
        target: `proposal:${proposal.id}`,
        parentId: null,
        createdAt: AT,
        editedAt: null,
        body: 'Oui, et avec les budgets annexes aussi.',
        stance: 'for',
        organiser: false,
        helpful: 3,
      },
    ],
  },
  // Request bodies.
  IdentityInput: { assertion: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkNhbWlsbGUiLCJleHAiOjE3NzI0NDI4MDB9.c2lnbmF0dXJl' },
  ProposalDraft: {
    title: 'Publier les budgets des communes en données ouvertes',
    body: 'Chaque commune publierait son budget voté, ligne par ligne, dans un format réutilisable.',
    categoryId: 'donnees',
    authorName: 'Camille',
    email: 'camille@example.fr',
    consent: true,
  },
  VoteInput: { choice: 'support' },
  ReportInput: { reason: 'Propos injurieux envers une personne nommée.' },
  RegistrationInput: { name: 'Dominique Martin', email: 'dominique@example.fr', consent: true },
  EventProposal: {
    title: 'Atelier-relais à Lyon',
    format: 'atelier-relais',
    description: 'Un atelier pour nourrir la consultation en ligne, ouvert à toutes et tous.',
    startsAt: LATER,
    endsAt: ENDS,
    timeZone: 'Europe/Paris',
    mode: 'in-person',
    address: { placeName: 'Hôtel de Ville', postalCode: '69001', locality: 'Lyon' },
    capacity: 30,
    organiserName: 'Ville de Lyon',
    organiserEmail: 'mairie@example.fr',
    consent: true,
  },
};

/** Examples of the answers that are not JSON components. */
export const TEXT_EXAMPLES: Record<string, string> = {
  'text/csv':
    'id,created_at,category_id,category,title,body,total,votes_support\r\np-8H2kLq0vXy1mN3pR,2026-03-02T09:00:00.000Z,donnees,Ouvrir plus de données,Publier les budgets des communes,Chaque commune publierait son budget.,12,12\r\n',
  'text/event-stream':
    'retry: 2000\n\nid: 41\nevent: ready\ndata: {}\n\nid: 42\nevent: tally\ndata: {"proposalId":"p-8H2kLq0vXy1mN3pR","tally":{"proposalId":"p-8H2kLq0vXy1mN3pR","hidden":false,"total":13,"counts":{"support":13}}}\n\n',
  'text/html':
    '<!doctype html><html lang="en"><head><title>pgo-widgets consultation API</title></head><body><h1>pgo-widgets consultation API</h1></body></html>',
};

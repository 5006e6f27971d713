/** Examples of the organiser side's answers and request bodies (organiser-routes.ts), for the OpenAPI document. */
import { CONSULTATION_EXAMPLES } from './consultation-routes.js';
import { OIDC_EXAMPLES } from './oidc-routes.js';

const AT = '2026-03-02T09:00:00.000Z';
const organiser = {
  id: 'org-1',
  email: 'moderation@ville.example.fr',
  displayName: 'Équipe modération',
  roles: [{ consultationId: 'plan-action-2017', role: 'moderator' }],
  createdAt: AT,
};
const queueItem = {
  target: 'proposal:p-8H2kLq0vXy1mN3pR',
  kind: 'proposal',
  id: 'p-8H2kLq0vXy1mN3pR',
  consultationId: 'plan-action-2017',
  title: 'Publier les budgets des communes',
  excerpt: 'Chaque commune publierait son budget voté…',
  status: 'pending',
  createdAt: AT,
  authorName: 'Camille',
  authorEmail: 'camille@example.fr',
  reports: [{ reason: 'Hors sujet', at: AT }],
  lastDecision: null,
};
const answer = {
  state: 'kept',
  text: 'Retenue dans l’engagement 4.',
  commitment: 'Engagement 4 : budgets ouverts',
  mergedInto: null,
  answeredAt: AT,
};
const password = 'un mot de passe assez long';

/** An example for each of these answers and bodies (validated against its schema with the others). */
export const ORGANISER_EXAMPLES: Record<string, unknown> = {
  ...CONSULTATION_EXAMPLES,
  ...OIDC_EXAMPLES,
  Organiser: organiser,
  OrganiserSession: {
    organiser,
    csrfToken: 'c3JmLXRva2VuLWV4YW1wbGU',
    idleExpiresAt: '2026-03-02T11:00:00.000Z',
    expiresAt: '2026-03-02T21:00:00.000Z',
  },
  OrganiserList: { organisers: [organiser] },
  AdminTokenRotation: { token: 'pgo_admin_4Fh9kL2mQ8rT1vX7zB3nC6pD0sG5jW' },
  OrganiserConsultations: { consultations: [{ id: 'plan-action-2017', title: 'Plan d’action national', role: 'moderator' }] },
  ModerationQueuePage: { tab: 'pending', counts: { pending: 1, reported: 0, hidden: 2 }, items: [queueItem] },
  DecisionResult: { decided: [{ target: 'proposal:p-8H2kLq0vXy1mN3pR', status: 'published' }] },
  ProposalAnswer: answer,
  AuditPage: {
    entries: [
      {
        id: '42',
        at: AT,
        actor: 'org-1',
        actorName: 'Équipe modération',
        action: 'moderation.approve',
        consultationId: 'plan-action-2017',
        target: 'proposal:p-8H2kLq0vXy1mN3pR',
        reason: 'Conforme à la charte',
        details: {},
      },
    ],
  },
  SetupInput: { setupToken: 'the-token-printed-at-start', email: 'admin@ville.example.fr', displayName: 'Administratrice', password },
  SignInInput: { email: 'moderation@ville.example.fr', password },
  OrganiserInput: {
    email: 'moderation@ville.example.fr',
    displayName: 'Équipe modération',
    password,
    roles: [{ consultationId: 'plan-action-2017', role: 'moderator' }],
  },
  RolesInput: { roles: [{ consultationId: '*', role: 'admin' }] },
  PasswordInput: { password },
  DecisionInput: { targets: ['proposal:p-8H2kLq0vXy1mN3pR'], action: 'approve', reason: 'Conforme à la charte' },
  AnswerInput: { state: 'kept', text: 'Retenue dans l’engagement 4.', commitment: 'Engagement 4 : budgets ouverts' },
};

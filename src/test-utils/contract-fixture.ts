/**
 * The data every backend under the contract suite is seeded with (src/test-utils/backend-contract.ts):
 * consultations in each interesting state, proposals with other people's votes, events of every kind.
 * Neutral in shape, with converters to the memory backend's fixture and to the reference server's
 * configuration files (server/config/*.json), so both hold exactly the same data.
 */
import type { MemoryEvent, MemoryFixture } from '../backends/memory.js';
import { DAY, HOUR } from '../core/phase.js';
import type { Consultation, ConsultationSettings, Proposal, VoteChoice } from '../core/schemas.js';
import { actionPlanConsultation, eventFixture, iso } from './fixtures.js';

export interface ContractProposal extends Omit<Proposal, 'tally' | 'url'> {
  /** Votes already cast by other participants. */
  votes?: Partial<Record<VoteChoice, number>>;
}
export interface ContractFixture {
  now: number;
  consultations: Consultation[];
  proposals: ContractProposal[];
  events: MemoryEvent[];
}

/** Consultation ids, by the situation each one sets up. */
export const C = {
  open: 'contract-open',
  limited: 'contract-limited',
  forAgainst: 'contract-fam',
  interest: 'contract-interest',
  closed: 'contract-closed',
  premoderated: 'contract-pre',
} as const;

const TITLES = [
  'Publier les données des marchés publics en format ouvert',
  'Créer des budgets participatifs dans chaque département',
  'Ouvrir le code source des algorithmes publics',
  'Associer les jeunes aux décisions locales',
  'Rendre accessibles les débats des conseils municipaux',
  'Former les agents publics à la participation',
  'Publier les avis des commissions consultatives',
];

function consultation(
  id: string,
  now: number,
  position: Parameters<typeof actionPlanConsultation>[1],
  settings: Partial<ConsultationSettings> = {},
): Consultation {
  return { ...actionPlanConsultation(now, position, settings), id, title: `Consultation ${id}` };
}

function proposals(
  consultationId: string,
  count: number,
  now: number,
  votes: Record<number, Partial<Record<VoteChoice, number>>> = {},
): ContractProposal[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${consultationId}-p${i}`,
    consultationId,
    title: TITLES[i % TITLES.length]!,
    body: `Proposition ${i} : une administration plus ouverte commence par des informations publiées, lisibles et réutilisables.`,
    categoryId: ['donnees', 'participation', 'transparence'][i % 3]!,
    extra: {},
    authorName: i % 2 ? `Citoyenne ${i}` : null,
    createdAt: iso(now - (i + 1) * HOUR),
    status: 'published' as const,
    ...(votes[i] ? { votes: votes[i] } : {}),
  }));
}

/** Seeded relative to `now` (phases, proposal dates, event dates). */
export function contractFixture(now = Date.now()): ContractFixture {
  const open = C.open;
  const openProposals = proposals(open, 7, now, { 2: { support: 3 }, 4: { support: 1 } });
  openProposals.push({
    ...proposals(open, 8, now)[7]!,
    id: `${open}-pending`,
    title: 'Une proposition qui attend la modération',
    status: 'pending',
  });
  const event = (index: number, overrides: Partial<MemoryEvent>) => ({
    ...eventFixture(open, index, now),
    id: `${open}-e${index}`,
    ...overrides,
  });
  const lyon = { placeName: 'Hôtel de ville', street: '1 place de la Comédie', postalCode: '69001', locality: 'Lyon', country: 'FR' };
  return {
    now,
    consultations: [
      consultation(open, now, 'ideation'),
      consultation(C.limited, now, 'ideation', { votesPerParticipant: 2, voteWithdrawal: false }),
      consultation(C.forAgainst, now, 'ideation', { voteModel: 'for-against-mixed' }),
      consultation(C.interest, now, 'ideation', { voteModel: 'interest', hideCountsUntilEnd: true }),
      consultation(C.closed, now, 'after'),
      consultation(C.premoderated, now, 'ideation', { moderation: 'pre' }),
    ],
    proposals: [
      ...openProposals,
      ...proposals(C.limited, 3, now),
      ...proposals(C.forAgainst, 2, now),
      ...proposals(C.interest, 2, now),
      ...proposals(C.closed, 1, now - 200 * DAY),
      ...proposals(C.premoderated, 1, now),
    ],
    events: [
      // Upcoming, in start order: e0 Paris in person, e1 online, e2 Lyon with a single seat, e3 external registration.
      event(0, { format: 'atelier-relais', mode: 'in-person' }),
      event(1, { format: 'ministere-ouvert', mode: 'online', registration: { kind: 'inline', capacity: null, seatsLeft: null } }),
      event(2, { format: 'atelier-relais', mode: 'in-person', address: lyon, registration: { kind: 'inline', capacity: 1, seatsLeft: 1 } }),
      event(3, {
        format: 'ministere-ouvert',
        mode: 'in-person',
        registration: { kind: 'external', url: 'https://inscriptions.example.fr/e3' },
      }),
      // Already over, and one awaiting moderation: neither is listed by default.
      event(4, { startsAt: iso(now - 2 * DAY), endsAt: iso(now - 2 * DAY + 2 * HOUR) }),
      { ...event(5, {}), moderation: 'pending' },
    ],
  };
}

/** The same data as a memory backend fixture (other people's votes as vote rows). */
export function toMemoryFixture(fixture: ContractFixture): MemoryFixture {
  return {
    consultations: fixture.consultations,
    proposals: fixture.proposals.map(({ votes: _votes, ...p }) => ({
      ...p,
      tally: { proposalId: p.id, hidden: false, total: 0, counts: {} },
    })),
    events: fixture.events,
    votes: fixture.proposals.flatMap((p) =>
      Object.entries(p.votes ?? {}).flatMap(([choice, count]) =>
        Array.from({ length: count ?? 0 }, (_, i) => ({ participantId: `other-${i}`, proposalId: p.id, choice: choice as VoteChoice })),
      ),
    ),
  };
}

/** The same data as the reference server's configuration files, one per consultation, open to any origin. */
export function toServerConfig(fixture: ContractFixture): Record<string, unknown>[] {
  return fixture.consultations.map((consultation) => ({
    consultation,
    allowedOrigins: ['*'],
    seed: {
      proposals: fixture.proposals.filter((p) => p.consultationId === consultation.id).map(({ consultationId: _c, ...p }) => p),
      events: fixture.events
        .filter((e) => e.consultationId === consultation.id)
        .map(({ consultationId: _c, registration, ...e }) => ({
          ...e,
          registration: registration.kind === 'inline' ? { kind: 'inline', capacity: registration.capacity } : registration,
        })),
    },
  }));
}

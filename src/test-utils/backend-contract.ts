/**
 * The backend contract, written once: what every `ConsultationBackend` must do, whatever its transport.
 * Run it with `runBackendContract(name, makeBackend, capabilities)` from a `*.contract.test.ts` file.
 * A backend that lacks a feature declares it in `capabilities.unsupported` with the reason; those tests
 * are then reported as skipped (pending), with the reason in their title, never silently left out.
 *
 * Every answer is also checked against the zod schemas of src/core/schemas.ts, so a backend that
 * drifts from the shapes the elements rely on fails here.
 */
import { expect } from '@open-wc/testing';
import type * as z from 'zod/mini';
import { newIdempotencyKey, type BackendCapabilities, type ConsultationBackend } from '../core/backend.js';
import { BackendError } from '../core/errors.js';
import { DAY, HOUR } from '../core/phase.js';
import {
  Consultation,
  ConsultationEvent,
  EventReceipt,
  pageOf,
  Participation,
  Proposal,
  ProposalReceipt,
  RegistrationReceipt,
  ServerTime,
  VoteResult,
  type ErrorCode,
  type EventProposal,
  type ProposalDraft,
} from '../core/schemas.js';
import { C, contractFixture, type ContractFixture } from './contract-fixture.js';

/** The features the contract tests, one per group of tests. */
export const CONTRACT_FEATURES = [
  'serverTime',
  'participation',
  'proposals',
  'proposalSearch',
  'proposalSort',
  'createProposal',
  'idempotency',
  'premoderation',
  'votes',
  'voteModels',
  'hiddenCounts',
  'voteLimits',
  'withdrawVote',
  'report',
  'events',
  'eventFilters',
  'registerForEvent',
  'proposeEvent',
  'abort',
  'severalParticipants',
  // Finer features, for backends whose platform owns some rules (decidim):
  /** The consultation's settings as seeded: categories, vote limit and withdrawal rule, proposal form rules. */
  'seededSettings',
  /** A write outside the phases that accept it fails as `closed` (not a generic refusal). */
  'phaseRules',
  /** An event tells its capacity, not only the seats left. */
  'eventCapacity',
] as const;
export type ContractFeature = (typeof CONTRACT_FEATURES)[number];

export interface ContractCapabilities {
  /** Features this backend does not offer, each with the reason shown in the skipped test's title. */
  unsupported?: Partial<Record<ContractFeature, string>>;
}

export interface ContractTarget {
  /** A backend acting for a participant new to the store (same data, fresh identity) at each call. */
  participant(): ConsultationBackend;
  /** A moderator hiding or restoring a proposal (needed by the `voteLimits` + `withdrawVote` tests). */
  moderate?(proposalId: string, action: 'hide' | 'restore'): Promise<void>;
  close?(): Promise<void>;
}
/** Seeds a store with the fixture and returns a way to act on it. */
export type MakeBackend = (fixture: ContractFixture) => Promise<ContractTarget>;

/** Which `BackendCapabilities` flag each feature rests on: a flag set to false must be declared unsupported. */
const FLAG_OF: Partial<Record<ContractFeature, keyof BackendCapabilities>> = {
  serverTime: 'serverTime',
  proposals: 'proposals',
  createProposal: 'createProposal',
  votes: 'votes',
  withdrawVote: 'withdrawVote',
  report: 'report',
  events: 'events',
  registerForEvent: 'registerForEvent',
  proposeEvent: 'proposeEvent',
};

const key = () => ({ idempotencyKey: newIdempotencyKey() });
const ids = (items: { id: string }[]) => items.map((i) => i.id);

/** Parses with the schema; the test fails naming the first mismatching path. */
export function conforms<T extends z.ZodMiniType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    expect.fail(`${what} does not match the schema at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data as z.infer<T>;
}

export async function failsWith(promise: Promise<unknown>, code: ErrorCode | ErrorCode[]): Promise<BackendError> {
  const codes = Array.isArray(code) ? code : [code];
  try {
    await promise;
  } catch (error) {
    expect(error, 'a BackendError').to.be.instanceOf(BackendError);
    expect(codes, `error code (${(error as BackendError).message})`).to.include((error as BackendError).code);
    return error as BackendError;
  }
  return expect.fail(`expected a ${codes.join(' or ')} error, but the call succeeded`);
}

function validDraft(title = 'Ouvrir les données des transports publics'): ProposalDraft {
  return {
    title,
    body: 'Les horaires et les retards des transports publics devraient être publiés en données ouvertes.',
    categoryId: 'donnees',
    authorName: 'Camille',
    consent: true,
  };
}

function validEventProposal(now: number): EventProposal {
  const starts = now + 5 * DAY;
  return {
    title: 'Atelier-relais à la médiathèque',
    format: 'atelier-relais',
    description: 'Un atelier ouvert à toutes et à tous pour nourrir la consultation.',
    startsAt: new Date(starts).toISOString(),
    endsAt: new Date(starts + 2 * HOUR).toISOString(),
    timeZone: 'Europe/Paris',
    mode: 'in-person',
    address: { placeName: 'Médiathèque', street: '2 rue des Livres', postalCode: '33000', locality: 'Bordeaux' },
    capacity: 20,
    organiserName: 'Association Exemple',
    organiserEmail: 'contact@association.example.fr',
    consent: true,
  };
}

export function runBackendContract(name: string, makeBackend: MakeBackend, capabilities: ContractCapabilities = {}): void {
  const unsupported = capabilities.unsupported ?? {};
  /** `it`, or `it.skip` with the reason in the title when the backend declared the feature unsupported. */
  const test = (feature: ContractFeature | ContractFeature[], title: string, body: () => Promise<void>) => {
    const missing = (Array.isArray(feature) ? feature : [feature]).find((f) => unsupported[f] !== undefined);
    if (missing) it.skip(`${title} [unsupported by ${name}: ${missing}: ${unsupported[missing]}]`, body);
    else it(title, body);
  };

  describe(`backend contract: ${name}`, function () {
    this.timeout(20_000);
    const fixture = contractFixture();
    const now = fixture.now;
    let target: ContractTarget;
    let me: ConsultationBackend;
    const published = (consultationId: string) =>
      fixture.proposals.filter((p) => p.consultationId === consultationId && p.status === 'published');

    before(async function () {
      this.timeout(180_000);
      target = await makeBackend(fixture);
      me = target.participant();
    });
    after(async () => {
      await target?.close?.();
    });

    it('declares every capability it lacks as unsupported', () => {
      for (const [feature, flag] of Object.entries(FLAG_OF)) {
        if (!me.capabilities[flag]) expect(unsupported, `capabilities.${flag} is false`).to.have.property(feature);
      }
    });

    describe('consultation and clock', () => {
      test(['proposals', 'seededSettings'], 'loads a consultation with its phases, categories and settings', async () => {
        const expected = fixture.consultations.find((c) => c.id === C.limited)!;
        const consultation = conforms(Consultation, await me.getConsultation(C.limited), 'the consultation');
        expect(consultation.id).to.equal(C.limited);
        expect(ids(consultation.phases)).to.deep.equal(ids(expected.phases));
        expect(consultation.phases.map((p) => Date.parse(p.startsAt))).to.deep.equal(expected.phases.map((p) => Date.parse(p.startsAt)));
        expect(ids(consultation.categories)).to.deep.equal(ids(expected.categories));
        expect(consultation.settings.votesPerParticipant).to.equal(2);
        expect(consultation.settings.voteWithdrawal).to.equal(false);
        expect(consultation.timeZone).to.equal('Europe/Paris');
      });

      test('proposals', 'answers not-found for an unknown consultation', async () => {
        await failsWith(me.getConsultation('no-such-consultation'), 'not-found');
      });

      test('serverTime', 'tells the server time', async () => {
        const { now: serverNow } = conforms(ServerTime, await me.getServerTime(), 'the server time');
        expect(Math.abs(Date.parse(serverNow) - Date.now())).to.be.below(60_000);
      });
    });

    describe('participation', () => {
      test('participation', 'a new participant has no votes, no registrations and the whole allowance', async () => {
        const participation = conforms(Participation, await target.participant().getParticipation(C.limited), 'the participation');
        expect(participation.votes).to.deep.equal({});
        expect(participation.registrations).to.deep.equal([]);
        expect(participation.votesLeft).to.equal(2);
        const unlimited = conforms(Participation, await target.participant().getParticipation(C.open), 'the participation');
        expect(unlimited.votesLeft).to.equal(null);
      });
    });

    describe('proposals', () => {
      const newestFirst = (consultationId: string) =>
        published(consultationId)
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .map((p) => p.id);

      test('proposals', 'lists the published proposals, newest first, with their tallies', async () => {
        const page = conforms(pageOf(Proposal), await me.listProposals(C.limited, {}), 'the page of proposals');
        expect(ids(page.items)).to.deep.equal(newestFirst(C.limited));
        expect(page.nextCursor).to.equal(null);
        if (page.total !== undefined) expect(page.total).to.equal(3);
        const open = await target.participant().listProposals(C.open, { limit: 50 });
        expect(ids(open.items)).to.not.include(`${C.open}-pending`);
        const voted = open.items.find((p) => p.id === `${C.open}-p2`)!;
        expect(voted.tally).to.deep.include({ proposalId: `${C.open}-p2`, hidden: false, total: 3 });
        expect(voted.tally.counts).to.deep.include({ support: 3 });
      });

      test('proposals', 'pages with a cursor, without duplicates or gaps', async () => {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = conforms(pageOf(Proposal), await me.listProposals(C.open, { limit: 3, cursor }), 'a page');
          expect(page.items.length).to.be.at.most(3);
          seen.push(...ids(page.items));
          cursor = page.nextCursor ?? undefined;
          pages++;
        } while (cursor && pages < 10);
        expect(pages).to.equal(3);
        expect(seen).to.deep.equal(newestFirst(C.open).filter((id) => seen.includes(id)));
        expect(new Set(seen).size).to.equal(seen.length);
        expect(seen.filter((id) => id.startsWith(`${C.open}-p`)).length).to.be.at.least(7);
      });

      test(['proposals', 'seededSettings'], 'filters by category', async () => {
        const page = await me.listProposals(C.open, { categoryId: 'transparence', limit: 50 });
        expect(page.items.length).to.be.at.least(2);
        expect(page.items.every((p) => p.categoryId === 'transparence')).to.equal(true);
        const expected = published(C.open)
          .filter((p) => p.categoryId === 'transparence')
          .map((p) => p.id);
        expect(
          ids(page.items)
            .filter((id) => expected.includes(id))
            .sort(),
        ).to.deep.equal(expected.sort());
      });

      test('proposalSearch', 'searches titles and bodies', async () => {
        const page = await me.listProposals(C.limited, { q: 'algorithmes' });
        expect(ids(page.items)).to.deep.equal([`${C.limited}-p2`]);
        expect((await me.listProposals(C.limited, { q: 'zzzz-nothing-matches' })).items).to.deep.equal([]);
      });

      test('proposalSort', 'sorts by most supported', async () => {
        const page = await target.participant().listProposals(C.open, { sort: 'most-supported', limit: 2 });
        expect(ids(page.items)).to.deep.equal([`${C.open}-p2`, `${C.open}-p4`]);
      });

      test('proposalSort', 'gives the same random order for the same seed, across pages', async () => {
        const all = await me.listProposals(C.limited, { sort: 'random', seed: 'abc', limit: 10 });
        const again = await me.listProposals(C.limited, { sort: 'random', seed: 'abc', limit: 10 });
        expect(ids(all.items)).to.deep.equal(ids(again.items));
        expect([...ids(all.items)].sort()).to.deep.equal(
          published(C.limited)
            .map((p) => p.id)
            .sort(),
        );
        const first = await me.listProposals(C.limited, { sort: 'random', seed: 'abc', limit: 2 });
        const second = await me.listProposals(C.limited, { sort: 'random', seed: 'abc', limit: 2, cursor: first.nextCursor! });
        expect([...ids(first.items), ...ids(second.items)]).to.deep.equal(ids(all.items));
      });

      test('proposals', 'gets one proposal; an unknown one, or one of another consultation, is not found', async () => {
        const proposal = conforms(Proposal, await me.getProposal(C.open, `${C.open}-p1`), 'the proposal');
        expect(proposal.title).to.equal(fixture.proposals.find((p) => p.id === `${C.open}-p1`)!.title);
        await failsWith(me.getProposal(C.open, 'no-such-proposal'), 'not-found');
        await failsWith(me.getProposal(C.limited, `${C.open}-p1`), 'not-found');
      });
    });

    describe('creating proposals', () => {
      test('createProposal', 'creates a proposal, published at once under post-moderation, listed first', async () => {
        const receipt = conforms(
          ProposalReceipt,
          await me.createProposal(C.open, { ...validDraft(), title: '  Ouvrir les données des transports publics  ' }, key()),
          'the receipt',
        );
        expect(receipt.moderation).to.equal('published');
        expect(receipt.proposal.title).to.equal('Ouvrir les données des transports publics');
        expect(receipt.proposal.consultationId).to.equal(C.open);
        expect(receipt.proposal.tally.total).to.equal(0);
        const listed = await me.listProposals(C.open, { limit: 1 });
        expect(ids(listed.items)).to.deep.equal([receipt.proposal.id]);
        expect((await me.getProposal(C.open, receipt.proposal.id)).body).to.equal(validDraft().body);
      });

      test(['createProposal', 'seededSettings'], 'refuses an invalid draft with field errors the form can map', async () => {
        const err = await failsWith(
          me.createProposal(C.open, { title: 'Court', body: '', categoryId: null, consent: false }, key()),
          'validation',
        );
        const byField = Object.fromEntries(err.fieldErrors.map((e) => [e.field, e.code]));
        expect(byField).to.deep.include({ title: 'too_short', body: 'required', categoryId: 'required', consent: 'consent' });
        expect(err.fieldErrors.find((e) => e.field === 'title')!.params).to.deep.include({ min: 10 });
      });

      test('createProposal', 'refuses a filled honeypot', async () => {
        await failsWith(
          me.createProposal(C.open, { ...validDraft('Une proposition remplie par un robot'), website: 'https://spam.example' }, key()),
          'forbidden',
        );
      });

      test(['createProposal', 'phaseRules'], 'refuses a proposal when the phase does not accept any', async () => {
        await failsWith(me.createProposal(C.closed, validDraft(), key()), 'closed');
      });

      test(['createProposal', 'idempotency'], 'the same idempotency key creates nothing more, even sent twice at once', async () => {
        const before = (await me.listProposals(C.open, { limit: 100 })).items.length;
        const options = key();
        const draft = validDraft('Une proposition envoyée deux fois');
        const [a, b] = await Promise.all([me.createProposal(C.open, draft, options), me.createProposal(C.open, draft, options)]);
        const c = await me.createProposal(C.open, draft, options);
        expect(b.proposal.id).to.equal(a.proposal.id);
        expect(c.proposal.id).to.equal(a.proposal.id);
        expect((await me.listProposals(C.open, { limit: 100 })).items.length).to.equal(before + 1);
      });

      test(['createProposal', 'premoderation'], 'under pre-moderation a proposal awaits a moderator and is not listed', async () => {
        const receipt = await me.createProposal(C.premoderated, validDraft(), key());
        expect(receipt.moderation).to.equal('pending');
        expect(ids((await me.listProposals(C.premoderated, {})).items)).to.not.include(receipt.proposal.id);
      });
    });

    describe('votes', () => {
      test('votes', 'a vote counts once per participant, shows in the tally and in the participation', async () => {
        const voter = target.participant();
        const proposalId = `${C.open}-p2`;
        const first = conforms(VoteResult, await voter.vote(C.open, proposalId, 'support', key()), 'the vote result');
        expect(first.tally.total).to.equal(4);
        expect(first.participation.votes[proposalId]).to.equal('support');
        const again = await voter.vote(C.open, proposalId, 'support', key());
        expect(again.tally.total).to.equal(4);
        expect((await voter.getProposal(C.open, proposalId)).tally.total).to.equal(4);
        expect((await voter.getParticipation(C.open)).votes).to.deep.equal({ [proposalId]: 'support' });
        await voter.withdrawVote(C.open, proposalId, key());
      });

      test(['votes', 'idempotency'], 'a retried vote with the same key is answered once', async () => {
        const voter = target.participant();
        const options = key();
        const results = await Promise.all([1, 2, 3].map(() => voter.vote(C.open, `${C.open}-p5`, 'support', options)));
        expect(results.map((r) => r.tally.total)).to.deep.equal([1, 1, 1]);
        await voter.withdrawVote(C.open, `${C.open}-p5`, key());
      });

      test(['votes', 'phaseRules'], 'refuses a choice outside the vote model, an unknown proposal and a closed phase', async () => {
        await failsWith(me.vote(C.open, `${C.open}-p1`, 'against', key()), 'validation');
        await failsWith(me.vote(C.open, 'no-such-proposal', 'support', key()), 'not-found');
        await failsWith(me.vote(C.closed, `${C.closed}-p0`, 'support', key()), 'closed');
      });

      test(['votes', 'severalParticipants'], 'the votes of several participants add up', async () => {
        const proposalId = `${C.open}-p3`;
        const one = target.participant();
        const two = target.participant();
        expect((await one.vote(C.open, proposalId, 'support', key())).tally.total).to.equal(1);
        const result = await two.vote(C.open, proposalId, 'support', key());
        expect(result.tally.total).to.equal(2);
        expect(result.participation.votes).to.deep.equal({ [proposalId]: 'support' });
        expect((await one.getParticipation(C.open)).votes).to.deep.equal({ [proposalId]: 'support' });
      });

      test(['votes', 'voteModels'], 'for / against / mixed: each choice is counted and may be changed', async () => {
        const voter = target.participant();
        const proposalId = `${C.forAgainst}-p0`;
        const against = await voter.vote(C.forAgainst, proposalId, 'against', key());
        expect(against.tally.counts).to.deep.include({ against: 1 });
        const changed = await voter.vote(C.forAgainst, proposalId, 'for', key());
        expect(changed.tally.total).to.equal(1);
        expect(changed.tally.counts).to.deep.include({ for: 1, against: 0 });
        expect(changed.participation.votes[proposalId]).to.equal('for');
        await failsWith(voter.vote(C.forAgainst, proposalId, 'support', key()), 'validation');
      });

      test(['votes', 'voteModels', 'hiddenCounts'], 'interest with hidden counts: the vote is kept, the count is not shown', async () => {
        const voter = target.participant();
        const proposalId = `${C.interest}-p0`;
        const result = await voter.vote(C.interest, proposalId, 'interest', key());
        expect(result.tally).to.deep.equal({ proposalId, hidden: true, total: null, counts: null });
        expect(result.participation.votes[proposalId]).to.equal('interest');
        expect((await voter.getProposal(C.interest, proposalId)).tally.hidden).to.equal(true);
      });

      test(['votes', 'voteLimits'], 'counts the votes left and refuses one beyond the limit', async () => {
        const voter = target.participant();
        const [a, b, c] = [0, 1, 2].map((i) => `${C.limited}-p${i}`) as [string, string, string];
        expect((await voter.vote(C.limited, a, 'support', key())).participation.votesLeft).to.equal(1);
        expect((await voter.vote(C.limited, b, 'support', key())).participation.votesLeft).to.equal(0);
        await failsWith(voter.vote(C.limited, c, 'support', key()), 'limit-reached');
        // Voting again for a proposal already chosen is not a new vote.
        expect((await voter.vote(C.limited, a, 'support', key())).participation.votesLeft).to.equal(0);
        expect((await voter.getParticipation(C.limited)).votesLeft).to.equal(0);
      });

      test(['votes', 'withdrawVote'], 'withdraws a vote: the tally and the participation follow', async () => {
        const voter = target.participant();
        const proposalId = `${C.open}-p4`;
        expect((await voter.vote(C.open, proposalId, 'support', key())).tally.total).to.equal(2);
        const result = conforms(VoteResult, await voter.withdrawVote(C.open, proposalId, key()), 'the withdrawal result');
        expect(result.tally.total).to.equal(1);
        expect(result.participation.votes).to.not.have.property(proposalId);
        expect((await voter.getParticipation(C.open)).votes).to.deep.equal({});
      });

      test(
        ['votes', 'voteLimits', 'withdrawVote'],
        'a hidden proposal releases its votes; they may be withdrawn, else come back on restore',
        async () => {
          const moderate = target.moderate?.bind(target);
          if (!moderate) return expect.fail('this target runs the vote-limit tests: give it moderate()');
          const voter = target.participant();
          const [a, b, c] = [0, 1, 2].map((i) => `${C.limited}-p${i}`) as [string, string, string];
          await voter.vote(C.limited, a, 'support', key());
          expect((await voter.vote(C.limited, b, 'support', key())).participation.votesLeft).to.equal(0);
          await moderate(b, 'hide');
          try {
            const released = await voter.getParticipation(C.limited);
            expect(released.votes).to.deep.equal({ [a]: 'support' });
            expect(released.votesLeft).to.equal(1);
            expect((await voter.vote(C.limited, c, 'support', key())).participation.votesLeft).to.equal(0);
          } finally {
            await moderate(b, 'restore');
          }
          // Restored: the vote counts again, even above the limit.
          const restored = await voter.getParticipation(C.limited);
          expect(Object.keys(restored.votes).sort()).to.deep.equal([a, b, c]);
          expect(restored.votesLeft).to.equal(0);

          const withdrawer = target.participant();
          const proposalId = `${C.open}-p6`;
          const before = (await withdrawer.getProposal(C.open, proposalId)).tally.total!;
          await withdrawer.vote(C.open, proposalId, 'support', key());
          await moderate(proposalId, 'hide');
          try {
            const result = conforms(VoteResult, await withdrawer.withdrawVote(C.open, proposalId, key()), 'the withdrawal result');
            expect(result.participation.votes).to.deep.equal({});
          } finally {
            await moderate(proposalId, 'restore');
          }
          expect((await withdrawer.getParticipation(C.open)).votes).to.deep.equal({});
          expect((await withdrawer.getProposal(C.open, proposalId)).tally.total).to.equal(before);
        },
      );

      test(['votes', 'withdrawVote'], 'refuses a withdrawal where votes are final', async () => {
        const voter = target.participant();
        await voter.vote(C.limited, `${C.limited}-p0`, 'support', key());
        await failsWith(voter.withdrawVote(C.limited, `${C.limited}-p0`, key()), 'forbidden');
      });
    });

    describe('reports', () => {
      test('report', 'reports a proposal; an unknown proposal is not found', async () => {
        await me.reportProposal(C.open, `${C.open}-p6`, 'Propos injurieux', key());
        await failsWith(me.reportProposal(C.open, 'no-such-proposal', 'spam', key()), 'not-found');
      });
    });

    describe('events', () => {
      const upcoming = [0, 1, 2, 3].map((i) => `${C.open}-e${i}`);

      test('events', 'lists the upcoming approved events in start order', async () => {
        const page = conforms(pageOf(ConsultationEvent), await me.listEvents(C.open, {}), 'the page of events');
        expect(ids(page.items)).to.deep.equal(upcoming);
        expect(page.nextCursor).to.equal(null);
      });

      test('events', 'includes past events from an earlier date, and pages', async () => {
        const from = new Date(now - 3 * DAY).toISOString();
        const all = await me.listEvents(C.open, { from, limit: 50 });
        expect(ids(all.items)).to.deep.equal([`${C.open}-e4`, ...upcoming]);
        const first = await me.listEvents(C.open, { from, limit: 3 });
        expect(first.nextCursor).to.be.a('string');
        const second = await me.listEvents(C.open, { from, limit: 3, cursor: first.nextCursor! });
        expect([...ids(first.items), ...ids(second.items)]).to.deep.equal(ids(all.items));
        expect(second.nextCursor).to.equal(null);
      });

      test(['events', 'eventFilters'], 'filters by format, mode and place (postal-code prefix or town)', async () => {
        expect(ids((await me.listEvents(C.open, { format: 'atelier-relais' })).items)).to.deep.equal([`${C.open}-e0`, `${C.open}-e2`]);
        expect(ids((await me.listEvents(C.open, { mode: 'online' })).items)).to.deep.equal([`${C.open}-e1`]);
        expect(ids((await me.listEvents(C.open, { place: '75' })).items)).to.deep.equal([`${C.open}-e0`, `${C.open}-e3`]);
        expect(ids((await me.listEvents(C.open, { place: 'lyon' })).items)).to.deep.equal([`${C.open}-e2`]);
        const to = new Date(now + 2 * DAY + HOUR).toISOString();
        expect(ids((await me.listEvents(C.open, { to })).items)).to.deep.equal([`${C.open}-e0`, `${C.open}-e1`]);
      });

      test(['events', 'eventCapacity'], 'gets one event; an unknown or unapproved one is not found', async () => {
        const event = conforms(ConsultationEvent, await me.getEvent(C.open, `${C.open}-e2`), 'the event');
        expect(event.address?.locality).to.equal('Lyon');
        expect(event.registration).to.deep.equal({ kind: 'inline', capacity: 1, seatsLeft: 1 });
        await failsWith(me.getEvent(C.open, 'no-such-event'), 'not-found');
        await failsWith(me.getEvent(C.open, `${C.open}-e5`), 'not-found');
      });
    });

    describe('registrations', () => {
      const person = { name: 'Dominique Martin', email: 'dominique@example.fr', consent: true };

      test('registerForEvent', 'registers once: a seat is taken and the participation lists the event', async () => {
        const attendee = target.participant();
        const eventId = `${C.open}-e0`;
        const receipt = conforms(RegistrationReceipt, await attendee.registerForEvent(C.open, eventId, person, key()), 'the receipt');
        expect(receipt).to.deep.equal({ eventId, seatsLeft: 29 });
        const again = await attendee.registerForEvent(C.open, eventId, person, key());
        expect(again.seatsLeft).to.equal(29);
        expect((await attendee.getParticipation(C.open)).registrations).to.deep.equal([eventId]);
        expect((await attendee.getEvent(C.open, eventId)).registration).to.deep.include({ seatsLeft: 29 });
      });

      test('registerForEvent', 'refuses an invalid registration with field errors', async () => {
        const err = await failsWith(
          me.registerForEvent(C.open, `${C.open}-e1`, { name: '', email: 'not-an-email', consent: false }, key()),
          'validation',
        );
        expect(Object.fromEntries(err.fieldErrors.map((e) => [e.field, e.code]))).to.deep.include({
          name: 'required',
          email: 'email',
          consent: 'consent',
        });
      });

      test(['registerForEvent', 'severalParticipants'], 'a full event refuses the next person', async () => {
        const eventId = `${C.open}-e2`;
        expect((await target.participant().registerForEvent(C.open, eventId, person, key())).seatsLeft).to.equal(0);
        await failsWith(
          target.participant().registerForEvent(C.open, eventId, { ...person, email: 'autre@example.fr' }, key()),
          'limit-reached',
        );
        expect((await me.getEvent(C.open, eventId)).registration).to.deep.include({ seatsLeft: 0 });
      });

      test('registerForEvent', 'refuses a registration where the event takes none here', async () => {
        await failsWith(me.registerForEvent(C.open, `${C.open}-e3`, person, key()), ['unsupported', 'closed', 'forbidden']);
        await failsWith(me.registerForEvent(C.open, 'no-such-event', person, key()), 'not-found');
      });
    });

    describe('proposed events', () => {
      test('proposeEvent', 'a proposed event awaits moderation and is not listed', async () => {
        const receipt = conforms(EventReceipt, await me.proposeEvent(C.open, validEventProposal(now), key()), 'the receipt');
        expect(receipt.moderation).to.equal('pending');
        expect(receipt.event.title).to.equal('Atelier-relais à la médiathèque');
        expect(ids((await me.listEvents(C.open, { limit: 50 })).items)).to.not.include(receipt.event.id);
        await failsWith(me.getEvent(C.open, receipt.event.id), 'not-found');
      });

      test('proposeEvent', 'refuses an invalid proposal with field errors, and a closed phase', async () => {
        const err = await failsWith(
          me.proposeEvent(
            C.open,
            { ...validEventProposal(now), title: '', startsAt: new Date(now - DAY).toISOString(), organiserEmail: 'x' },
            key(),
          ),
          'validation',
        );
        expect(Object.fromEntries(err.fieldErrors.map((e) => [e.field, e.code]))).to.deep.include({
          title: 'required',
          startsAt: 'past',
          organiserEmail: 'email',
        });
        await failsWith(me.proposeEvent(C.closed, validEventProposal(now), key()), 'closed');
      });
    });

    describe('abort', () => {
      test('abort', 'a call with an aborted signal fails as aborted and writes nothing', async () => {
        const signal = AbortSignal.abort();
        await failsWith(me.getConsultation(C.open, { signal }), 'aborted');
        await failsWith(me.listProposals(C.open, {}, { signal }), 'aborted');
        const before = (await me.listProposals(C.limited, { limit: 100 })).items.length;
        await failsWith(me.createProposal(C.limited, validDraft('Une proposition abandonnée en route'), { ...key(), signal }), 'aborted');
        expect((await me.listProposals(C.limited, { limit: 100 })).items.length).to.equal(before);
      });
    });
  });
}

/**
 * The documents contract (issue 21), written once for every backend with `capabilities.documents`:
 * reading a document and its versions, proposing amendments (one open per participant and section),
 * votes with the document's model, decisions and version n+1 (through the organisers' side the target
 * provides), the phase rule. Every answer is checked against the zod schemas of src/core/text.ts.
 */
import { expect } from '@open-wc/testing';
import type * as z from 'zod/mini';
import { newIdempotencyKey, type ConsultationBackend, type DocumentsBackend } from '../core/backend.js';
import { BackendError } from '../core/errors.js';
import { currentPhase } from '../core/phase.js';
import type { Consultation } from '../core/schemas.js';
import {
  Amendment,
  AmendmentReceipt,
  AmendmentVoteResult,
  DocumentVersion,
  TextDocument,
  type AmendmentDecisionInput,
  type MarkdownImport,
} from '../core/text.js';
import { C, contractFixture, type ContractFixture } from './contract-fixture.js';

export interface DocumentsTarget {
  participant(): ConsultationBackend;
  /** The organisers' side: import a draft, decide on an amendment, publish version n+1. */
  importMarkdown(consultationId: string, input: MarkdownImport): Promise<void>;
  decide(consultationId: string, amendmentId: string, input: AmendmentDecisionInput): Promise<void>;
  publish(consultationId: string, documentId: string): Promise<void>;
  close?(): Promise<void>;
}

export const CONTRACT_DRAFT = `# Axe 1 : Ouvrir les données

## Engagement 1 : Publier les budgets

Publier les budgets des communes chaque année.

## Engagement 2 : Ouvrir les codes

Ouvrir les codes sources des administrations.
`;

const parse = <T extends z.ZodMiniType>(schema: T, value: unknown): z.infer<T> => {
  const result = schema.safeParse(value);
  expect(result.success, JSON.stringify(result.error?.issues ?? [])).to.equal(true);
  return result.data!;
};
const key = () => ({ idempotencyKey: newIdempotencyKey() });
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(BackendError);
    return (error as BackendError).code;
  }
  throw new Error('expected a refusal');
}

export function runDocumentsContract(name: string, make: (fixture: ContractFixture) => Promise<DocumentsTarget>): void {
  describe(`documents contract: ${name}`, function () {
    this.timeout(180_000);
    let target: DocumentsTarget;
    let fixture: ContractFixture;
    const docs = (b: ConsultationBackend): DocumentsBackend => {
      expect(b.capabilities.documents).to.equal(true);
      return b.documents!;
    };
    const modify = (sectionId: string, text: string) => ({ sectionId, kind: 'modify' as const, text, reason: 'Une raison assez longue.' });

    before(async () => {
      fixture = contractFixture();
      target = await make(fixture);
      const open = fixture.consultations.find((c) => c.id === C.open) as Consultation;
      await target.importMarkdown(C.open, {
        id: 'plan',
        markdown: CONTRACT_DRAFT,
        amendmentPhases: [currentPhase(open.phases, fixture.now)!.id],
      });
      await target.importMarkdown(C.closed, { id: 'ferme', markdown: CONTRACT_DRAFT });
    });
    after(() => target?.close?.());

    it('reads the document as sections, with its versions', async () => {
      const doc = parse(TextDocument, await docs(target.participant()).getDocument(C.open, 'plan'));
      expect(doc.sections.map((s) => [s.id, s.level, s.parentId])).to.deep.equal([
        ['s-1', 1, null],
        ['s-2', 2, 's-1'],
        ['s-3', 2, 's-1'],
      ]);
      expect(doc.version).to.equal(1);
      parse(DocumentVersion, await docs(target.participant()).getVersion(C.open, 'plan', 1));
      expect(await refusal(docs(target.participant()).getDocument(C.open, 'nope'))).to.equal('not-found');
    });

    it('takes an amendment with its diff, one open per participant and section, sent once per key', async () => {
      const me = docs(target.participant());
      const options = key();
      const draft = modify('s-2', 'Publier les budgets des communes chaque trimestre.');
      const [first, again] = await Promise.all([
        me.proposeAmendment(C.open, 'plan', draft, options),
        me.proposeAmendment(C.open, 'plan', draft, options),
      ]);
      const a = parse(AmendmentReceipt, first).amendment;
      expect(again.amendment.id).to.equal(a.id);
      expect(a.mine).to.equal(true);
      expect(a.diff.filter((p) => p.op !== 'same').map((p) => p.text)).to.deep.equal(['année', 'trimestre']);
      expect(await refusal(me.proposeAmendment(C.open, 'plan', modify('s-2', 'Une autre idée pour ce texte.'), key()))).to.equal(
        'conflict',
      );
      expect(await refusal(me.proposeAmendment(C.open, 'plan', modify('s-3', ''), key()))).to.equal('validation');
      const listed = (await docs(target.participant()).listAmendments(C.open, 'plan', { sectionId: 's-2' })).map((x) =>
        parse(Amendment, x),
      );
      expect(listed.some((x) => x.id === a.id && !x.mine)).to.equal(true);
      expect((await docs(target.participant()).getDocument(C.open, 'plan')).sections[1]!.openAmendments).to.be.greaterThan(0);
    });

    it('votes once per participant with the document’s model; withdraws', async () => {
      const a = (await docs(target.participant()).proposeAmendment(C.open, 'plan', modify('s-3', 'Ouvrir tous les codes sources.'), key()))
        .amendment;
      const voter = docs(target.participant());
      expect(await refusal(voter.voteAmendment(C.open, 'plan', a.id, 'support', key()))).to.equal('validation');
      const cast = parse(AmendmentVoteResult, await voter.voteAmendment(C.open, 'plan', a.id, 'for', key()));
      expect(cast.tally.counts).to.deep.equal({ for: 1, mixed: 0, against: 0 });
      await voter.voteAmendment(C.open, 'plan', a.id, 'for', key());
      const other = await docs(target.participant()).voteAmendment(C.open, 'plan', a.id, 'against', key());
      expect(other.tally.total).to.equal(2);
      const withdrawn = await voter.voteAmendment(C.open, 'plan', a.id, null, key());
      expect([withdrawn.tally.total, withdrawn.myVote]).to.deep.equal([1, null]);
    });

    it('decisions close the voting; version 2 takes the accepted ones, older amendments stay readable', async () => {
      const author = docs(target.participant());
      const accepted = (
        await author.proposeAmendment(
          C.open,
          'plan',
          {
            sectionId: 's-1',
            kind: 'add-after',
            title: 'Axe 2 : Participation',
            text: 'Associer les citoyens.',
            reason: 'Il manque un axe.',
          },
          key(),
        )
      ).amendment;
      const kept = (
        await author.proposeAmendment(
          C.open,
          'plan',
          { sectionId: 's-3', kind: 'delete', text: '', reason: 'Déjà engagé ailleurs.' },
          key(),
        )
      ).amendment;
      await target.decide(C.open, accepted.id, { state: 'accepted', reason: '' });
      expect(await refusal(docs(target.participant()).voteAmendment(C.open, 'plan', accepted.id, 'for', key()))).to.equal('closed');
      await target.publish(C.open, 'plan');
      const doc = parse(TextDocument, await author.getDocument(C.open, 'plan'));
      expect(doc.version).to.equal(2);
      expect(doc.sections.some((s) => s.title === 'Axe 2 : Participation' && s.level === 1)).to.equal(true);
      const v2 = parse(DocumentVersion, await author.getVersion(C.open, 'plan', 2));
      expect(v2.changelog.map((c) => c.amendmentId)).to.deep.equal([accepted.id]);
      const still = (await author.listAmendments(C.open, 'plan', { state: 'open' })).find((x) => x.id === kept.id)!;
      expect([still.outdated, still.baseVersion, still.baseText]).to.deep.equal([true, 1, 'Ouvrir les codes sources des administrations.']);
      const decided = (await author.listAmendments(C.open, 'plan', {})).find((x) => x.id === accepted.id)!;
      expect([decided.state, decided.appliedIn]).to.deep.equal(['accepted', 2]);
    });

    it('refuses amendments and votes outside the document’s phases (closed); reading stays open', async () => {
      const me = docs(target.participant());
      expect((await me.getDocument(C.closed, 'ferme')).sections).to.have.length(3);
      expect(await refusal(me.proposeAmendment(C.closed, 'ferme', modify('s-2', 'Un texte changé.'), key()))).to.equal('closed');
    });
  });
}

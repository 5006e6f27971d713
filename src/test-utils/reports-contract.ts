/**
 * The backend contract for relay-workshop reports (issue 22), run by the memory and rest backends
 * (`*-reports.contract.test.ts`): who may file, one report per event, the same draft never filed twice,
 * duplicate titles refused, moderation of the report carrying to its contributions, their origin, amendment
 * rows becoming amendments of the text (#21).
 * Answers are checked against the zod schemas of src/core/reports.ts.
 */
import { expect } from '@open-wc/testing';
import { newIdempotencyKey, type ConsultationBackend } from '../core/backend.js';
import { BackendError } from '../core/errors.js';
import { WorkshopReport, WorkshopReportReceipt, type WorkshopReportDraft } from '../core/reports.js';
import { dayIn } from '../core/reports-rules.js';
import { type ErrorCode } from '../core/schemas.js';
import { Amendment } from '../core/text.js';
import { C, contractFixture, type ContractFixture } from './contract-fixture.js';

const TEXT = `# Axe 1 : Ouvrir les données

## Engagement 1 : Publier les budgets

Publier les budgets des communes chaque année.
`;

/** An amendment row of a report: the room's new text of section `s-2` of the text `wk-text`. */
const amendmentRow = {
  kind: 'amendment',
  documentId: 'wk-text',
  sectionId: 's-2',
  title: 'Publier les budgets chaque trimestre',
  body: 'Publier les budgets des communes chaque trimestre, en données ouvertes.',
  roomSupport: 12,
};

export interface ReportContractTarget {
  /** A backend acting for a participant new to the store. */
  participant(): ConsultationBackend;
  /** An organiser issues a host link for the event (the console); its secret. */
  issueHostLink(eventId: string): Promise<string>;
  revokeHostLink(secret: string): Promise<void>;
  /** A moderator approves or hides a report, or one proposal or amendment. */
  decide(target: `workshop-report:${string}` | `proposal:${string}` | `amendment:${string}`, action: 'approve' | 'hide'): Promise<void>;
  /** An organiser imports the consultation's text (#21), open to amendments in the ideation phase. */
  importText(id: string, markdown: string): Promise<void>;
  close?(): Promise<void>;
}

async function failsWith(promise: Promise<unknown>, code: ErrorCode): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    expect(error, 'a BackendError').to.be.instanceOf(BackendError);
    expect((error as BackendError).code, (error as BackendError).message).to.equal(code);
    return error as BackendError;
  }
  return expect.fail(`expected a ${code} error, but the call succeeded`);
}

export function reportDraft(heldOn: string, rows = 5, extra: Partial<WorkshopReportDraft> = {}): WorkshopReportDraft {
  return {
    heldOn,
    attendees: 31,
    organisations: 'Maison des associations',
    summary: 'Deux heures d’échanges en trois tables, restitution commune.',
    contributions: Array.from({ length: rows }, (_, i) => ({
      kind: 'proposal',
      title: `Contribution de l’atelier numéro ${i + 1}`,
      body: `Le texte que la table ${i + 1} a rédigé ensemble pendant l’atelier-relais.`,
      categoryId: 'donnees',
      roomSupport: 7 + i,
    })),
    consent: true,
    ...extra,
  };
}

export function runReportContract(name: string, make: (fixture: ContractFixture) => Promise<ReportContractTarget>): void {
  describe(`workshop report contract: ${name}`, function () {
    this.timeout(30_000);
    const fixture = contractFixture();
    const past = fixture.events.find((e) => e.id === `${C.open}-e4`)!;
    const future = `${C.open}-e0`;
    const heldOn = dayIn(past.startsAt, past.timeZone);
    let target: ReportContractTarget;

    before(async function () {
      this.timeout(180_000);
      target = await make(fixture);
    });
    after(async () => {
      await target?.close?.();
    });

    it('declares the capability', () => {
      expect(target.participant().capabilities.workshopReports).to.equal(true);
    });

    it('only the host files: a stranger, a guessed or a revoked link are refused', async () => {
      const stranger = target.participant();
      await failsWith(
        stranger.submitWorkshopReport!(C.open, past.id, reportDraft(heldOn), { idempotencyKey: newIdempotencyKey() }),
        'forbidden',
      );
      await failsWith(
        stranger.submitWorkshopReport!(C.open, past.id, reportDraft(heldOn, 5, { hostKey: 'hl_guessed' }), {
          idempotencyKey: newIdempotencyKey(),
        }),
        'forbidden',
      );
      const secret = await target.issueHostLink(past.id);
      await target.revokeHostLink(secret);
      await failsWith(
        stranger.submitWorkshopReport!(C.open, past.id, reportDraft(heldOn, 5, { hostKey: secret }), {
          idempotencyKey: newIdempotencyKey(),
        }),
        'forbidden',
      );
    });

    let reportId = '';
    let proposalIds: string[] = [];
    let amendmentId = '';
    it('a live link files the report once; the same key again answers the same report; another key is a conflict', async () => {
      const host = target.participant();
      const secret = await target.issueHostLink(past.id);
      const twice = reportDraft(heldOn, 3, { hostKey: secret });
      twice.contributions[1]!.title = 'CONTRIBUTION de l’atelier numéro 1';
      const refused = await failsWith(
        host.submitWorkshopReport!(C.open, past.id, twice, { idempotencyKey: newIdempotencyKey() }),
        'validation',
      );
      expect(refused.fieldErrors.map((e) => `${e.field}:${e.code}`)).to.deep.equal(['contributions.1.title:duplicate']);
      await target.importText('wk-text', TEXT);
      const draft = reportDraft(heldOn, 5, { hostKey: secret });
      const unknown = { ...draft, contributions: [...draft.contributions, { ...amendmentRow, sectionId: 's-9' }] };
      const noSection = await failsWith(
        host.submitWorkshopReport!(C.open, past.id, unknown, { idempotencyKey: newIdempotencyKey() }),
        'validation',
      );
      expect(noSection.fieldErrors.map((e) => `${e.field}:${e.code}`)).to.deep.equal(['contributions.5.sectionId:invalid']);
      draft.contributions.push(amendmentRow);
      const key = newIdempotencyKey();
      const [a, b] = await Promise.all([1, 2].map(() => host.submitWorkshopReport!(C.open, past.id, draft, { idempotencyKey: key })));
      const receipt = WorkshopReportReceipt.parse(a);
      expect(b!.report.id).to.equal(receipt.report.id);
      expect(receipt.report.contributions).to.have.length(6);
      reportId = receipt.report.id;
      proposalIds = receipt.report.contributions.filter((c) => c.kind === 'proposal').map((c) => c.proposalId!);
      amendmentId = receipt.report.contributions[5]!.amendmentId!;
      expect(amendmentId, 'the amendment row became an amendment').to.be.a('string');
      // Another device of the host (another participant), the same draft and key: the same report.
      const again = await target.participant().submitWorkshopReport!(C.open, past.id, draft, { idempotencyKey: key });
      expect(again.report.id).to.equal(reportId);
      await failsWith(host.submitWorkshopReport!(C.open, past.id, draft, { idempotencyKey: newIdempotencyKey() }), 'conflict');
    });

    it('a workshop that has not started takes no report', async () => {
      const secret = await target.issueHostLink(future);
      await failsWith(
        target.participant().submitWorkshopReport!(C.open, future, reportDraft(heldOn, 1, { hostKey: secret }), {
          idempotencyKey: newIdempotencyKey(),
        }),
        'closed',
      );
    });

    it('approved, the report and its contributions show, with their origin; one hidden alone stays hidden', async () => {
      const reader = target.participant();
      await failsWith(reader.getWorkshopReport!(C.open, past.id), 'not-found');
      await target.decide(`proposal:${proposalIds[4]!}`, 'hide');
      await target.decide(`workshop-report:${reportId}`, 'approve');
      const report = WorkshopReport.parse(await reader.getWorkshopReport!(C.open, past.id));
      expect(report.contributions.map((c) => c.proposalId ?? c.amendmentId)).to.deep.equal([...proposalIds.slice(0, 4), amendmentId]);
      const listed = await reader.listProposals(C.open, { origin: 'workshop', eventId: past.id, limit: 100 });
      expect(listed.items.map((p) => p.id).sort()).to.deep.equal(proposalIds.slice(0, 4).sort());
      const one = listed.items.find((p) => p.id === proposalIds[0])!;
      expect(one.origin).to.deep.equal({
        kind: 'workshop',
        eventId: past.id,
        reportId,
        eventTitle: past.title,
        town: past.address?.locality ?? null,
        roomSupport: 7,
      });
      expect(one.tally.total).to.equal(0);
      const online = await reader.listProposals(C.open, { origin: 'online', limit: 100 });
      expect(online.items.some((p) => proposalIds.includes(p.id))).to.equal(false);
      const voted = await reader.vote(C.open, proposalIds[0]!, 'support', { idempotencyKey: newIdempotencyKey() });
      expect(voted.tally.total).to.equal(1);
    });

    it('its amendment row is an amendment of the text once approved (twice: nothing twice), with its origin, voted on apart from the room', async () => {
      const reader = target.participant();
      const listed = async () => (await reader.documents!.listAmendments(C.open, 'wk-text', {})).map((a) => Amendment.parse(a));
      await target.decide(`workshop-report:${reportId}`, 'approve');
      const [amendment, ...others] = await listed();
      expect(others).to.have.length(0);
      expect(amendment!.id).to.equal(amendmentId);
      expect(amendment!.origin).to.deep.equal({
        kind: 'workshop',
        eventId: past.id,
        reportId,
        eventTitle: past.title,
        town: past.address?.locality ?? null,
        roomSupport: 12,
      });
      expect([amendment!.sectionId, amendment!.kind, amendment!.baseVersion, amendment!.tally.total]).to.deep.equal([
        's-2',
        'modify',
        1,
        0,
      ]);
      expect(amendment!.reason).to.equal(amendmentRow.title);
      const document = await reader.documents!.getDocument(C.open, 'wk-text');
      expect(document.sections.find((s) => s.id === 's-2')!.openAmendments).to.equal(1);
      const voted = await reader.documents!.voteAmendment(C.open, 'wk-text', amendmentId, 'for', {
        idempotencyKey: newIdempotencyKey(),
      });
      expect(voted.tally.total).to.equal(1);
    });
  });
}

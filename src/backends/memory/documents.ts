/**
 * The memory backend's documents (issue 21): the same rules as the reference server (server/store/
 * documents.ts, amendments.ts), from the same core functions: the draft's validation, one open amendment
 * per participant and section, one vote each, the phases, decisions with their reasons, version n+1 from
 * the accepted amendments. Wired into MemoryBackend (index.ts) as `backend.documents`; the organisers' operations
 * (`importMarkdown`, `decide`, `publish`) serve tests, stories and the demo.
 */
import type { DocumentsBackend, RequestOptions, WriteOptions } from '../../core/backend.js';
import { wordDiff } from '../../core/diff.js';
import { backendError, validationError } from '../../core/errors.js';
import type { Consultation, VoteChoice, VoteTally } from '../../core/schemas.js';
import {
  applyAmendments,
  amendWindow,
  decisionRefusal,
  defaultAmendmentPhases,
  nextSectionId,
  sectionsFromMarkdown,
  validateAmendmentDraft,
  validateDecision,
  type Accepted,
} from '../../core/text-rules.js';
import type {
  Amendment,
  AmendmentDecisionInput,
  AmendmentDraft,
  AmendmentQuery,
  AmendmentReceipt,
  AmendmentVoteResult,
  DocumentVersion,
  MarkdownImport,
  TextDocument,
} from '../../core/text.js';
import { VOTE_CHOICES } from '../../core/vote-choices.js';
import { commentCount } from './comment-extras.js';
import { tally } from './votes.js';

/** What the documents need of the memory backend (its gate, failures, idempotency, clock, participant). */
export interface MemoryHost {
  enter(method: string, args: unknown[], options?: RequestOptions): Promise<void>;
  once<T>(method: string, args: unknown[], options: WriteOptions, write: () => T): Promise<T>;
  consultation(id: string): Consultation;
  now(): number;
  readonly participantId: string;
}

type Meta = Omit<TextDocument, 'sections' | 'versions' | 'version'>;
export interface StoredAmendment extends Omit<Amendment, 'diff' | 'tally' | 'myVote' | 'mine' | 'outdated'> {
  participantId: string;
  hidden?: boolean;
}
/** A document in a fixture: its Markdown (version 1), and amendments already written. */
export interface MemoryDocumentFixture extends Omit<MarkdownImport, 'id'> {
  id: string;
  consultationId: string;
  amendments?: (Partial<StoredAmendment> & Pick<StoredAmendment, 'id' | 'sectionId' | 'text' | 'reason'>)[];
  /** `${participantId}|${amendmentId}` -> choice. */
  votes?: Record<string, VoteChoice>;
}

export class MemoryDocuments implements DocumentsBackend {
  readonly docs = new Map<string, { meta: Meta; versions: DocumentVersion[] }>();
  readonly amendments = new Map<string, StoredAmendment>();
  readonly votes = new Map<string, VoteChoice>();

  constructor(
    private readonly host: MemoryHost,
    fixtures: MemoryDocumentFixture[] = [],
  ) {
    for (const f of fixtures) this.seed(f);
  }

  /** Adds a document (version 1 from its Markdown), its amendments and their votes. */
  seed(f: MemoryDocumentFixture): void {
    this.importMarkdown(f.consultationId, { ...f });
    for (const a of f.amendments ?? []) this.store({ ...this.amendmentDefaults(f.id, a.sectionId), ...a });
    for (const [key, choice] of Object.entries(f.votes ?? {})) this.votes.set(key, choice);
  }

  // ---- the contract ----

  async getDocument(consultationId: string, documentId: string, options?: RequestOptions): Promise<TextDocument> {
    await this.host.enter('getDocument', [consultationId, documentId], options);
    return this.view(this.doc(consultationId, documentId));
  }

  async getVersion(consultationId: string, documentId: string, version: number, options?: RequestOptions): Promise<DocumentVersion> {
    await this.host.enter('getVersion', [consultationId, documentId, version], options);
    const found = this.doc(consultationId, documentId).versions[version - 1];
    if (!found) throw backendError('not-found', 'No such version');
    return structuredClone(found);
  }

  async listAmendments(consultationId: string, documentId: string, query: AmendmentQuery, options?: RequestOptions): Promise<Amendment[]> {
    await this.host.enter('listAmendments', [consultationId, documentId, query], options);
    const doc = this.doc(consultationId, documentId);
    return [...this.amendments.values()]
      .filter((a) => a.documentId === documentId && (!a.hidden || a.participantId === this.host.participantId))
      .filter((a) => (!query.sectionId || a.sectionId === query.sectionId) && (!query.state || a.state === query.state))
      .map((a) => this.publicAmendment(doc, a));
  }

  proposeAmendment(consultationId: string, documentId: string, draft: AmendmentDraft, options: WriteOptions): Promise<AmendmentReceipt> {
    return this.host.once('proposeAmendment', [consultationId, documentId, draft], options, () => {
      const doc = this.doc(consultationId, documentId);
      this.requireAmending(consultationId, doc);
      if (draft.website?.trim()) throw backendError('forbidden', 'Rejected as spam');
      const current = doc.versions[doc.versions.length - 1]!;
      const errors = validateAmendmentDraft(current.sections, draft);
      if (errors.length) throw validationError(errors);
      const section = current.sections.find((s) => s.id === draft.sectionId)!;
      const taken = [...this.amendments.values()].some(
        (a) =>
          a.documentId === documentId && a.sectionId === section.id && a.state === 'open' && a.participantId === this.host.participantId,
      );
      if (doc.meta.oneOpenPerSection && taken)
        throw backendError('conflict', 'You already have an open amendment on this section', { detail: 'one-open-per-section' });
      const stored = this.store({
        ...this.amendmentDefaults(documentId, section.id),
        id: `a-${this.amendments.size + 1}`,
        kind: draft.kind,
        title: draft.kind === 'add-after' ? (draft.title ?? '').trim() : section.title,
        text: draft.kind === 'delete' ? '' : draft.text.trim(),
        reason: draft.reason.trim(),
        authorName: draft.authorName?.trim() || null,
        participantId: this.host.participantId,
      });
      return { amendment: this.publicAmendment(doc, stored) };
    });
  }

  voteAmendment(
    consultationId: string,
    documentId: string,
    amendmentId: string,
    choice: VoteChoice | null,
    options: WriteOptions,
  ): Promise<AmendmentVoteResult> {
    return this.host.once('voteAmendment', [consultationId, documentId, amendmentId, choice], options, () => {
      const doc = this.doc(consultationId, documentId);
      this.requireAmending(consultationId, doc);
      const target = this.amendments.get(amendmentId);
      if (!target || target.documentId !== documentId || target.hidden) throw backendError('not-found', 'No such amendment');
      if (choice !== null && !VOTE_CHOICES[doc.meta.voteModel].includes(choice))
        throw backendError('validation', `“${choice}” is not a choice of this vote model`);
      if (choice !== null && target.state !== 'open') throw backendError('closed', 'This amendment has been decided');
      const key = `${this.host.participantId}|${amendmentId}`;
      const previous = this.votes.get(key);
      if (previous && previous !== choice && !this.host.consultation(consultationId).settings.voteWithdrawal)
        throw backendError('forbidden', 'Votes are final in this consultation');
      if (choice === null) this.votes.delete(key);
      else this.votes.set(key, choice);
      const view = this.publicAmendment(doc, target);
      return { amendmentId, tally: view.tally, myVote: view.myVote };
    });
  }

  // ---- the organisers' operations (the console's, the reference server's admin routes) ----

  /** A document from Markdown, version 1 (src/core/text-rules.ts, sectionsFromMarkdown). */
  importMarkdown(consultationId: string, input: MarkdownImport): TextDocument {
    const consultation = this.host.consultation(consultationId);
    const sections = sectionsFromMarkdown(input.markdown);
    if (!sections.length)
      throw validationError([{ field: 'markdown', code: 'required', message: 'Paste the draft, with headings for its sections' }]);
    const id = input.id ?? `d-${this.docs.size + 1}`;
    if (this.docs.has(id)) throw backendError('conflict', 'A document with this id exists');
    const meta: Meta = {
      id,
      consultationId,
      title: input.title?.trim() || sections.find((s) => s.level === 1 && s.title)?.title || consultation.title,
      voteModel: input.voteModel ?? 'for-against-mixed',
      amendmentPhases: input.amendmentPhases ?? defaultAmendmentPhases(consultation),
      oneOpenPerSection: input.oneOpenPerSection ?? true,
    };
    this.docs.set(id, { meta, versions: [{ documentId: id, number: 1, publishedAt: this.iso(), sections, changelog: [] }] });
    return this.view(this.docs.get(id)!);
  }

  decide(amendmentId: string, input: AmendmentDecisionInput): Amendment {
    const target = this.amendments.get(amendmentId);
    if (!target) throw backendError('not-found', 'No such amendment');
    const errors = validateDecision(input, target);
    if (errors.length) throw validationError(errors);
    const refusal = decisionRefusal({ state: target.state, moderation: target.hidden ? 'hidden' : 'published' });
    if (refusal) throw backendError('conflict', refusal.message, { detail: refusal.detail });
    target.state = input.state;
    target.decision = {
      state: input.state,
      reason: input.reason.trim(),
      text: input.state === 'accepted-with-changes' ? (input.text?.trim() ?? '') : null,
      decidedAt: this.iso(),
    };
    return this.publicAmendment(this.docs.get(target.documentId)!, target);
  }

  publish(documentId: string): DocumentVersion {
    const doc = this.docs.get(documentId);
    if (!doc) throw backendError('not-found', 'No such document');
    const accepted = [...this.amendments.values()]
      .filter((a) => a.documentId === documentId && (a.state === 'accepted' || a.state === 'accepted-with-changes') && a.appliedIn === null)
      .sort((a, b) => a.decision!.decidedAt.localeCompare(b.decision!.decidedAt));
    if (!accepted.length) throw backendError('conflict', 'No accepted amendment to publish');
    const ids = doc.versions.flatMap((v) => v.sections.map((s) => s.id));
    const batch: Accepted[] = accepted.map((a) => {
      const entry: Accepted = { amendment: a, state: a.state as Accepted['state'], text: a.decision?.text ?? a.text };
      if (a.kind === 'add-after') ids.push((entry.newSectionId = nextSectionId(ids)));
      return entry;
    });
    const { sections, changelog } = applyAmendments(doc.versions[doc.versions.length - 1]!.sections, batch);
    const version: DocumentVersion = { documentId, number: doc.versions.length + 1, publishedAt: this.iso(), sections, changelog };
    doc.versions.push(version);
    for (const a of accepted) a.appliedIn = version.number;
    return structuredClone(version);
  }

  // ---- internals ----

  private doc(consultationId: string, documentId: string): { meta: Meta; versions: DocumentVersion[] } {
    this.host.consultation(consultationId);
    const doc = this.docs.get(documentId);
    if (!doc || doc.meta.consultationId !== consultationId) throw backendError('not-found', 'No such document');
    return doc;
  }

  private requireAmending(consultationId: string, doc: { meta: Meta }): void {
    if (!amendWindow(this.host.consultation(consultationId), doc.meta, this.host.now()).open)
      throw backendError('closed', 'The current phase does not accept amendments');
  }

  amendmentDefaults(documentId: string, sectionId: string): StoredAmendment {
    const doc = this.docs.get(documentId)!;
    const current = doc.versions[doc.versions.length - 1]!;
    const section = current.sections.find((s) => s.id === sectionId);
    return {
      id: '',
      documentId,
      sectionId,
      baseVersion: current.number,
      kind: 'modify',
      title: section?.title ?? '',
      baseText: section?.body ?? '',
      text: '',
      reason: '',
      authorName: null,
      createdAt: this.iso(),
      state: 'open',
      decision: null,
      appliedIn: null,
      participantId: 'someone-else',
    };
  }

  store(a: StoredAmendment): StoredAmendment {
    this.amendments.set(a.id, structuredClone(a));
    return this.amendments.get(a.id)!;
  }

  private iso(): string {
    return new Date(this.host.now()).toISOString();
  }

  private view(doc: { meta: Meta; versions: DocumentVersion[] }): TextDocument {
    const current = doc.versions[doc.versions.length - 1]!;
    const open = (sectionId: string) =>
      [...this.amendments.values()].filter(
        (a) => a.documentId === doc.meta.id && a.sectionId === sectionId && a.state === 'open' && !a.hidden,
      ).length;
    return structuredClone({
      ...doc.meta,
      version: current.number,
      sections: current.sections.map((s) => ({
        ...s,
        openAmendments: open(s.id),
        comments: commentCount(this.host, `section:${doc.meta.id}/${s.id}`),
      })),
      versions: doc.versions.map((v) => ({ number: v.number, publishedAt: v.publishedAt, changes: v.changelog.length })),
    });
  }

  /** The proposals' tally (votes.ts) over the amendments' votes, with the document's vote model. */
  private tally(consultationId: string, voteModel: TextDocument['voteModel'], amendmentId: string): VoteTally {
    const c = this.host.consultation(consultationId);
    return tally({ votes: this.votes, now: () => this.host.now() }, { ...c, settings: { ...c.settings, voteModel } }, amendmentId);
  }

  private publicAmendment(doc: { meta: Meta; versions: DocumentVersion[] }, a: StoredAmendment): Amendment {
    const { participantId, hidden: _hidden, ...rest } = a;
    return structuredClone({
      ...rest,
      outdated: a.baseVersion < doc.versions.length,
      diff: wordDiff(a.baseText, a.kind === 'delete' ? '' : a.text),
      tally: this.tally(doc.meta.consultationId, doc.meta.voteModel, a.id),
      myVote: this.votes.get(`${this.host.participantId}|${a.id}`) ?? null,
      mine: participantId === this.host.participantId,
      comments: commentCount(this.host, `amendment:${a.id}`),
    });
  }
}

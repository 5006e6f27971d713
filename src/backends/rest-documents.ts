/**
 * The rest backend's documents (issue 21): the reference server's /documents routes. Reads of amendments
 * carry the participant's token when there is one (their own vote and amendments are marked); writes go
 * through the backend's keyed, token-renewing `write`. Wired into RestBackend as `backend.documents`.
 */
import type { DocumentsBackend, RequestOptions, WriteOptions } from '../core/backend.js';
import type { VoteChoice } from '../core/schemas.js';
import type {
  Amendment,
  AmendmentDraft,
  AmendmentQuery,
  AmendmentReceipt,
  AmendmentVoteResult,
  DocumentVersion,
  TextDocument,
} from '../core/text.js';
import { queryString, shaped } from './http.js';

/** What the documents need of the rest backend. */
export interface RestHost {
  path(consultationId: string, ...parts: string[]): string;
  /** A GET, with the participant's token when `personal` and there is one. */
  read(consultationId: string, url: string, personal: boolean, signal?: AbortSignal): Promise<unknown>;
  write(consultationId: string, method: 'POST' | 'PUT' | 'DELETE', url: string, body: unknown, options: WriteOptions): Promise<unknown>;
}

export class RestDocuments implements DocumentsBackend {
  constructor(private readonly host: RestHost) {}

  async getDocument(consultationId: string, documentId: string, options?: RequestOptions): Promise<TextDocument> {
    return shaped(await this.host.read(consultationId, this.url(consultationId, documentId), false, options?.signal), [
      'id',
      'sections',
      'versions',
    ]);
  }

  async getVersion(consultationId: string, documentId: string, version: number, options?: RequestOptions): Promise<DocumentVersion> {
    return shaped(
      await this.host.read(consultationId, this.url(consultationId, documentId, 'versions', String(version)), false, options?.signal),
      ['number', 'sections'],
    );
  }

  async listAmendments(consultationId: string, documentId: string, query: AmendmentQuery, options?: RequestOptions): Promise<Amendment[]> {
    const url = this.url(consultationId, documentId, 'amendments') + queryString(query);
    return shaped<{ items: Amendment[] }>(await this.host.read(consultationId, url, true, options?.signal), ['items']).items;
  }

  async proposeAmendment(
    consultationId: string,
    documentId: string,
    draft: AmendmentDraft,
    options: WriteOptions,
  ): Promise<AmendmentReceipt> {
    return shaped(await this.host.write(consultationId, 'POST', this.url(consultationId, documentId, 'amendments'), draft, options), [
      'amendment',
    ]);
  }

  async voteAmendment(
    consultationId: string,
    documentId: string,
    amendmentId: string,
    choice: VoteChoice | null,
    options: WriteOptions,
  ): Promise<AmendmentVoteResult> {
    const url = this.url(consultationId, documentId, 'amendments', amendmentId, 'vote');
    const answer =
      choice === null
        ? this.host.write(consultationId, 'DELETE', url, undefined, options)
        : this.host.write(consultationId, 'PUT', url, { choice }, options);
    return shaped(await answer, ['amendmentId', 'tally']);
  }

  private url(consultationId: string, documentId: string, ...parts: string[]): string {
    return this.host.path(consultationId, 'documents', documentId, ...parts);
  }
}

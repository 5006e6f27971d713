/** The console's requests for the collaborative writing phase (issue 21), through the console's one client. */
import type { Amendment, AmendmentDecisionInput, DocumentVersion, MarkdownImport, TextDocument } from '../core/text.js';
import type { ConsoleClient } from './client.js';

const c = (id: string) => `/consultations/${encodeURIComponent(id)}`;

export const documentsApi = {
  list: async (client: ConsoleClient, consultation: string) =>
    (await client.send<{ items: { id: string; title: string; version: number }[] }>('GET', `${c(consultation)}/documents`)).items,
  get: (client: ConsoleClient, consultation: string, documentId: string) =>
    client.send<TextDocument>('GET', `${c(consultation)}/documents/${encodeURIComponent(documentId)}`),
  amendments: async (client: ConsoleClient, consultation: string, documentId: string) =>
    (await client.send<{ items: Amendment[] }>('GET', `${c(consultation)}/documents/${encodeURIComponent(documentId)}/amendments`)).items,
  import: (client: ConsoleClient, consultation: string, input: MarkdownImport) =>
    client.send<TextDocument>('POST', `/admin${c(consultation)}/documents`, input),
  decide: (client: ConsoleClient, consultation: string, amendmentId: string, input: AmendmentDecisionInput) =>
    client.send<Amendment>('PUT', `/admin${c(consultation)}/amendments/${encodeURIComponent(amendmentId)}/decision`, input),
  publish: (client: ConsoleClient, consultation: string, documentId: string) =>
    client.send<DocumentVersion>('POST', `/admin${c(consultation)}/documents/${encodeURIComponent(documentId)}/versions`),
};

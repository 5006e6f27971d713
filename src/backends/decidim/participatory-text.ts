/**
 * A Decidim participatory text read as an issue-21 document, read-only. What Decidim's API gives
 * (decidim/decidim, read for this file):
 * - decidim-proposals lib/decidim/api/proposal_type.rb: a proposal's `participatoryTextLevel` ("section",
 *   "sub-section", "article": lib/decidim/proposals/participatory_text_section.rb LEVELS) and `position`.
 *   markdown_to_proposals.rb: a heading of level 1 becomes a "section", deeper ones a "sub-section" (title
 *   and body both the heading's text), each paragraph an "article" (its title a number, its body the text).
 * - decidim-proposals lib/decidim/api/proposals_type.rb + proposal_input_sort.rb: no sort by position and no
 *   filter by level: the whole component is read (pages of 50) and ordered here by `position`.
 * - decidim-core lib/decidim/api/interfaces/amendable_interface.rb: `amendments` are the amendments whose
 *   emendation the visitor may see (amendable.rb `visible_amendments_for`: published ones; with the
 *   component's `amendments_visibility` "participants", only one's own); api/types/amendment_type.rb:
 *   `id state amender emendation`; app/models/decidim/amendment.rb: states draft, evaluating, accepted,
 *   rejected, withdrawn. An emendation is a proposal of the same component: its body is the whole new text.
 * What Decidim does not have, declared (capabilities `amend: false`) or left empty, never guessed:
 * writing amendments and voting on them through the API (Decidim's pages do it: `unsupported` with the
 * page), a reason for an amendment or for a decision, versions (Decidim keeps the current text only:
 * version 1 is the text as it is now, and every amendment reads against it, `baseVersion` 1).
 */
import type { DocumentsBackend, RequestOptions } from '../../core/backend.js';
import { wordDiff } from '../../core/diff.js';
import { backendError } from '../../core/errors.js';
import type { Amendment, AmendmentQuery, AmendmentState, DocumentVersion, SectionView, TextDocument } from '../../core/text.js';
import type { DecidimClient } from './client.js';
import { PARTICIPATORY_TEXT_QUERY } from './documents.js';
import { decidimInstant, toTally, webUrl } from './mapping.js';
import type { ProcessInfo } from './process.js';
import { translatedText, type TranslatedField } from './text.js';

export interface RawTextProposal {
  id: string;
  title?: TranslatedField | null;
  body?: TranslatedField | null;
  participatoryTextLevel?: string | null;
  position?: number | null;
  publishedAt?: string | null;
  updatedAt?: string | null;
  withdrawn?: boolean | null;
  voteCount?: number | null;
  totalCommentsCount?: number | null;
  amendments?: ({ id: string; state: string; amender?: { name: string } | null; emendation?: { id: string } | null } | null)[] | null;
}

/** The component a document id names, from the process already read. */
export interface TextComponent {
  id: string;
  name: string;
  url?: string;
}

/** The process's proposals component `documentId`, with its name and page; null when the process has none of that id. */
export function textComponent(info: ProcessInfo, documentId: string, settings: { endpoint: string; locale: string }): TextComponent | null {
  const raw = (info.raw.components ?? []).find((c) => c?.__typename === 'Proposals' && c.id === documentId);
  if (!raw) return null;
  const url = webUrl(raw.url) ?? webUrl(`${settings.endpoint}/processes/${info.raw.slug}/f/${raw.id}/`);
  return { id: raw.id, name: translatedText(raw.name, settings.locale, 300) || info.consultation.title, ...(url ? { url } : {}) };
}

/** Heading levels: a section at the top, a sub-section under it, an article under the last heading. */
const LEVEL: Record<string, number> = { section: 1, 'sub-section': 2 };
const STATE: Record<string, AmendmentState> = { evaluating: 'open', accepted: 'accepted', rejected: 'rejected', withdrawn: 'withdrawn' };
/** Reading a long text: up to 20 pages of 50 (sections, sub-sections, articles and emendations together). */
const MAX_PAGES = 20;

export interface ParticipatoryText {
  document: TextDocument;
  amendments: Amendment[];
}

/**
 * The text from a component's proposals: its parts ordered by position (emendations and withdrawn parts
 * left out), each with its amendments; null when the component holds no participatory text.
 */
export function toParticipatoryText(
  raws: readonly RawTextProposal[],
  ctx: { consultationId: string; component: TextComponent; locale: string; timeZone: string },
): ParticipatoryText | null {
  const byId = new Map(raws.map((p) => [p.id, p]));
  const emendations = new Set(raws.flatMap((p) => (p.amendments ?? []).map((a) => a?.emendation?.id ?? '')));
  const parts = raws
    .filter(
      (p) => p.participatoryTextLevel && p.participatoryTextLevel in { ...LEVEL, article: 0 } && !p.withdrawn && !emendations.has(p.id),
    )
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || Number(a.id) - Number(b.id));
  if (!parts.length) return null;
  const text = (field: TranslatedField | null | undefined) => translatedText(field, ctx.locale);
  const instant = (value: string | null | undefined) => decidimInstant(value, ctx.timeZone, 'start');
  const documentId = ctx.component.id;
  const sections: SectionView[] = [];
  const amendments: Amendment[] = [];
  // The last section and sub-section read: a sub-section sits under the section, an article under the nearest one.
  let top: SectionView | undefined;
  let sub: SectionView | undefined;
  for (const raw of parts) {
    const headingLevel = LEVEL[raw.participatoryTextLevel!];
    const parent = headingLevel === 1 ? undefined : headingLevel === 2 ? top : (sub ?? top);
    const title = text(raw.title);
    const body = text(raw.body);
    const section: SectionView = {
      id: raw.id,
      parentId: parent?.id ?? null,
      level: headingLevel ?? Math.min(6, (parent?.level ?? 0) + 1),
      // A heading's body repeats its title; an article's title is its number (« Article 3 » in either language).
      title: headingLevel ? title : /^\d+$/.test(title) ? `Article ${title}` : title,
      body: headingLevel && body === title ? '' : body,
      openAmendments: 0,
      ...(typeof raw.totalCommentsCount === 'number' ? { comments: raw.totalCommentsCount } : {}),
    };
    if (headingLevel === 1) [top, sub] = [section, undefined];
    if (headingLevel === 2) sub = section;
    sections.push(section);
    for (const link of raw.amendments ?? []) {
      const emendation = link?.emendation && byId.get(link.emendation.id);
      const state = link && STATE[link.state];
      if (!emendation || !state) continue;
      const proposed = text(emendation.body);
      const createdAt = instant(emendation.publishedAt) ?? new Date(0).toISOString();
      const finalState: AmendmentState = emendation.withdrawn ? 'withdrawn' : state;
      if (finalState === 'open') section.openAmendments++;
      amendments.push({
        id: emendation.id,
        documentId,
        sectionId: section.id,
        baseVersion: 1,
        kind: 'modify',
        title: section.title,
        baseText: section.body,
        text: proposed,
        reason: '',
        authorName: link.amender?.name?.trim() || null,
        createdAt,
        state: finalState,
        decision:
          finalState === 'accepted' || finalState === 'rejected'
            ? { state: finalState, reason: '', text: null, decidedAt: instant(emendation.updatedAt) ?? createdAt }
            : null,
        appliedIn: null,
        outdated: false,
        diff: wordDiff(section.body, proposed),
        tally: toTally(emendation.id, emendation.voteCount),
        myVote: null,
        mine: false,
        moderation: 'published',
        ...(typeof emendation.totalCommentsCount === 'number' ? { comments: emendation.totalCommentsCount } : {}),
      });
    }
  }
  const published = parts.map((p) => instant(p.publishedAt)).filter((at): at is string => !!at);
  const publishedAt = published.sort()[0] ?? new Date(0).toISOString();
  return {
    document: {
      id: documentId,
      consultationId: ctx.consultationId,
      title: ctx.component.name,
      voteModel: 'support',
      amendmentPhases: [],
      oneOpenPerSection: false,
      version: 1,
      sections,
      versions: [{ number: 1, publishedAt, changes: 0 }],
      ...(ctx.component.url ? { url: ctx.component.url } : {}),
    },
    amendments,
  };
}

/** `backend.documents` of the decidim backend: reads; writing and voting link to the Decidim page. */
export function participatoryTexts(
  client: DecidimClient,
  settings: { endpoint: string; locale: string; timeZone: string },
  process: (consultationId: string, options?: RequestOptions) => Promise<ProcessInfo>,
): DocumentsBackend {
  const component = async (consultationId: string, documentId: string, options?: RequestOptions) =>
    textComponent(await process(consultationId, options), documentId, settings);
  // The element asks for the document and its amendments at once: one read serves both while it runs.
  const running = new Map<string, Promise<ParticipatoryText>>();
  const read = (consultationId: string, documentId: string, options?: RequestOptions): Promise<ParticipatoryText> => {
    const key = `${consultationId}|${documentId}`;
    let pending = running.get(key);
    if (!pending) {
      pending = readText(consultationId, documentId, options).finally(() => running.delete(key));
      running.set(key, pending);
    }
    return pending;
  };
  const readText = async (consultationId: string, documentId: string, options?: RequestOptions): Promise<ParticipatoryText> => {
    const named = await component(consultationId, documentId, options);
    if (!named) throw backendError('not-found', `No proposals component “${documentId}” in this Decidim process`);
    const raws = await client.all<RawTextProposal>(PARTICIPATORY_TEXT_QUERY, 'proposals', { component: named.id }, options, MAX_PAGES);
    const found = toParticipatoryText(raws, { consultationId, component: named, locale: settings.locale, timeZone: settings.timeZone });
    if (!found) throw backendError('not-found', 'This Decidim component holds no participatory text');
    return found;
  };
  const pageOf = async (consultationId: string, documentId: string, id: string) => {
    const url = (await component(consultationId, documentId).catch(() => null))?.url;
    return url ? webUrl(`proposals/${encodeURIComponent(id)}`, url.replace(/\/?$/, '/')) : undefined;
  };
  const linkOut = (title: string, url: string | undefined) => backendError('unsupported', title, url ? { url, detail: url } : {});
  return {
    async getDocument(consultationId, documentId, options) {
      return (await read(consultationId, documentId, options)).document;
    },
    async getVersion(consultationId, documentId, version, options): Promise<DocumentVersion> {
      if (version !== 1) throw backendError('not-found', 'Decidim keeps the current text only (version 1)');
      const { document } = await read(consultationId, documentId, options);
      return {
        documentId,
        number: 1,
        publishedAt: document.versions[0]!.publishedAt,
        sections: document.sections.map(({ id, parentId, level, title, body }) => ({ id, parentId, level, title, body })),
        changelog: [],
      };
    },
    async listAmendments(consultationId, documentId, query: AmendmentQuery, options) {
      return (await read(consultationId, documentId, options)).amendments.filter(
        (a) => (!query.sectionId || a.sectionId === query.sectionId) && (!query.state || a.state === query.state),
      );
    },
    async proposeAmendment(consultationId, documentId, draft) {
      throw linkOut('Amend the text on Decidim', await pageOf(consultationId, documentId, draft.sectionId));
    },
    async voteAmendment(consultationId, documentId, amendmentId) {
      throw linkOut('Support the amendment on Decidim', await pageOf(consultationId, documentId, amendmentId));
    },
  };
}

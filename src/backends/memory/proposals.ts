/** The memory backend's proposals: listing (sort, search, category), reading, creating (validated, moderated) and reporting. */
import type { RequestOptions, WriteOptions } from '../../core/backend.js';
import { backendError, validationError } from '../../core/errors.js';
import { pageFrom, seededRank } from '../../core/query.js';
import type { Consultation, Page, Proposal, ProposalDraft, ProposalQuery, ProposalReceipt } from '../../core/schemas.js';
import { validateProposalDraft } from '../../core/validate.js';
import { commentCount } from './comment-extras.js';
import type { MemoryStore, StoredProposal } from './store.js';
import { emptyTally, rawTotal, tally } from './votes.js';

export async function listProposals(
  store: MemoryStore,
  consultationId: string,
  query: ProposalQuery,
  options?: RequestOptions,
): Promise<Page<Proposal>> {
  await store.enter('listProposals', [consultationId, query], options);
  const consultation = store.consultation(consultationId);
  const q = query.q?.trim().toLocaleLowerCase();
  let items = [...store.proposals.values()]
    .filter((p) => p.consultationId === consultationId && p.status === 'published')
    .filter((p) => !query.categoryId || p.categoryId === query.categoryId)
    .filter(
      (p) => (!query.origin || (query.origin === 'workshop') === !!p.origin) && (!query.eventId || p.origin?.eventId === query.eventId),
    )
    .filter((p) => !query.answer || (p.answer?.state ?? 'none') === query.answer)
    .filter((p) => !q || `${p.title}\n${p.body}`.toLocaleLowerCase().includes(q))
    .map((p) => publicProposal(store, consultation, p));
  const sort = query.sort ?? 'newest';
  if (sort === 'newest') items.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  if (sort === 'most-supported')
    items.sort((a, b) => rawTotal(store, b.id) - rawTotal(store, a.id) || b.createdAt.localeCompare(a.createdAt));
  if (sort === 'random') items = seededRank(items, query.seed ?? '');
  return pageFrom(items, query.cursor, query.limit ?? 20);
}

export async function getProposal(
  store: MemoryStore,
  consultationId: string,
  proposalId: string,
  options?: RequestOptions,
): Promise<Proposal> {
  await store.enter('getProposal', [consultationId, proposalId], options);
  const stored = store.proposals.get(proposalId);
  if (!stored || stored.consultationId !== consultationId) throw backendError('not-found', 'No such proposal');
  return publicProposal(store, store.consultation(consultationId), stored);
}

export function createProposal(
  store: MemoryStore,
  consultationId: string,
  draft: ProposalDraft,
  options: WriteOptions,
): Promise<ProposalReceipt> {
  return store.once('createProposal', [consultationId, draft], options, () => {
    const consultation = store.consultation(consultationId);
    store.requireOpen(consultation, 'proposals');
    if (draft.website) throw backendError('forbidden', 'Rejected as spam');
    const errors = validateProposalDraft(consultation, draft);
    if (errors.length) throw validationError(errors);
    const pre = consultation.settings.moderation === 'pre';
    const id = `p-${store.nextSequence()}-${Math.random().toString(36).slice(2, 8)}`;
    const fields = consultation.settings.proposalFields;
    const stored: StoredProposal = {
      id,
      consultationId,
      title: draft.title.trim(),
      body: draft.body.trim(),
      categoryId: draft.categoryId || null,
      extra: Object.fromEntries(
        Object.entries(draft.extra ?? {})
          .filter(([, v]) => v.trim())
          .map(([k, v]) => [k, v.trim()]),
      ),
      authorName: fields.authorName !== 'hidden' && draft.authorName?.trim() ? draft.authorName.trim() : null,
      createdAt: new Date(store.now()).toISOString(),
      status: pre ? 'pending' : 'published',
      participantId: store.participantId,
      tally: emptyTally(id),
      ...(draft.email?.trim() ? { email: draft.email.trim() } : {}),
    };
    store.proposals.set(id, stored);
    return { proposal: publicProposal(store, consultation, stored), moderation: pre ? 'pending' : 'published' };
  });
}

export function reportProposal(
  store: MemoryStore,
  consultationId: string,
  proposalId: string,
  reason: string,
  options: WriteOptions,
): Promise<void> {
  return store.once('reportProposal', [consultationId, proposalId, reason], options, () => {
    const stored = store.proposals.get(proposalId);
    if (!stored || stored.consultationId !== consultationId) throw backendError('not-found', 'No such proposal');
    stored.reports = (stored.reports ?? 0) + 1;
  });
}

/** What the public sees of a stored proposal: no email, no report count, the current tally. */
export function publicProposal(store: MemoryStore, consultation: Consultation, stored: StoredProposal): Proposal {
  const { email: _email, reports: _reports, participantId: _author, ...proposal } = stored;
  return structuredClone({
    ...proposal,
    tally: tally(store, consultation, stored.id),
    comments: commentCount(store, `proposal:${stored.id}`),
  });
}

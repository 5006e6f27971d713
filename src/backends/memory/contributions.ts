/**
 * The memory backend's "my contributions" (issue 19): the participant's proposals and proposed events with their
 * moderation status, and the reason a moderator gave while one is hidden (`decisions`, set by the test helpers).
 */
import type { MyContribution } from '../../core/contributions.js';
import type { MemoryStore } from './store.js';

const EVENT_STATUS = { pending: 'pending', approved: 'published', hidden: 'hidden' } as const;

export function myContributions(store: MemoryStore, consultationId: string): MyContribution[] {
  const decision = (target: string) => store.decisions.get(target);
  const item = (kind: string, id: string, title: string, status: MyContribution['status'], createdAt: string): MyContribution => ({
    target: `${kind}:${id}`,
    kind,
    id,
    title,
    status,
    createdAt,
    decidedAt: decision(`${kind}:${id}`)?.at ?? null,
    reason: status === 'hidden' ? (decision(`${kind}:${id}`)?.reason ?? null) : null,
  });
  const items = [
    ...[...store.proposals.values()]
      .filter((p) => p.consultationId === consultationId && p.participantId === store.participantId)
      .map((p) => item('proposal', p.id, p.title, p.status as MyContribution['status'], p.createdAt)),
    ...[...store.events.values()]
      .filter((e) => e.consultationId === consultationId && e.participantId === store.participantId && e.moderation)
      .map((e) => item('event', e.id, e.title, EVENT_STATUS[e.moderation!], e.proposedAt ?? e.startsAt)),
  ];
  return structuredClone(items.sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
}

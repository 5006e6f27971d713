import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ConsoleClient } from '../src/console/client.js';
import { defineConsoleElements } from '../src/console/index.js';
import type { AuditEntry, ModerationQueuePage, OrganiserSession, QueueItem } from '../src/core/organisers.js';
import type { Proposal } from '../src/core/schemas.js';
import { CONSULTATION_EXAMPLES } from '../server/openapi/consultation-routes.js';

/**
 * The organiser console (served by the reference server at /admin/, its own build, never in the CDN
 * bundle). These stories answer its API from memory: a stand-in `fetch` given to `ConsoleClient`.
 */
// Called, not just imported: Storybook's build keeps side effects of src/define and src/backends only.
defineConsoleElements();

const at = (days: number) => new Date(Date.UTC(2027, 2, 20 + days, 9, 30)).toISOString();
const item = (over: Partial<QueueItem>): QueueItem => ({
  target: 'proposal:p-1',
  kind: 'proposal',
  id: 'p-1',
  consultationId: 'plan-action-2017',
  title: 'Publier les budgets des communes',
  excerpt: 'Chaque commune publierait son budget en données ouvertes, chaque année, dans un format réutilisable.',
  status: 'pending',
  createdAt: at(0),
  authorName: 'Élise',
  authorEmail: 'elise@example.fr',
  reports: [],
  lastDecision: null,
  ...over,
});
const QUEUE: Record<string, QueueItem[]> = {
  pending: [
    item({}),
    item({
      target: 'event:e-7',
      kind: 'event',
      id: 'e-7',
      title: 'Atelier-relais à Rennes',
      excerpt: 'Un atelier à la médiathèque.',
      authorName: 'Camille',
      authorEmail: 'camille@example.fr',
      createdAt: at(1),
    }),
  ],
  reported: [
    item({
      target: 'proposal:p-9',
      id: 'p-9',
      status: 'published',
      title: 'Supprimer les conseils de quartier',
      reports: [
        { reason: 'Propos injurieux', at: at(2) },
        { reason: 'Hors sujet', at: at(3) },
      ],
    }),
  ],
  hidden: [
    item({
      target: 'proposal:p-4',
      id: 'p-4',
      status: 'hidden',
      title: 'Un doublon',
      lastDecision: { status: 'hidden', reason: 'Doublon de p-1', by: 'Marc', at: at(2) },
    }),
  ],
};
const session: OrganiserSession = {
  organiser: {
    id: 'org-1',
    email: 'anne@ville.example.fr',
    displayName: 'Anne Admin',
    roles: [{ consultationId: '*', role: 'admin' }],
    createdAt: at(-30),
  },
  csrfToken: 'story',
  idleExpiresAt: at(1),
  expiresAt: at(1),
};
const proposals: Proposal[] = [
  {
    id: 'p-1',
    consultationId: 'plan-action-2017',
    title: 'Publier les budgets des communes',
    body: '…',
    categoryId: null,
    extra: {},
    authorName: 'Élise',
    createdAt: at(0),
    status: 'published',
    tally: { proposalId: 'p-1', hidden: false, total: 12, counts: { support: 12 } },
    answer: { state: 'kept', text: 'Reprise dans le plan.', commitment: 'Engagement 12', mergedInto: null, answeredAt: at(5) },
  },
  {
    id: 'p-2',
    consultationId: 'plan-action-2017',
    title: 'Ouvrir le code des algorithmes publics',
    body: '…',
    categoryId: null,
    extra: {},
    authorName: null,
    createdAt: at(1),
    status: 'published',
    tally: { proposalId: 'p-2', hidden: false, total: 3, counts: { support: 3 } },
    answer: null,
  },
];
const audit: AuditEntry[] = [
  {
    id: '2',
    at: at(2),
    actor: 'organiser:org-2',
    actorName: 'Marc',
    action: 'moderation.hide',
    consultationId: 'plan-action-2017',
    target: 'proposal:p-4',
    reason: 'Doublon de p-1',
    details: {},
  },
  {
    id: '1',
    at: at(1),
    actor: 'organiser:org-1',
    actorName: 'Anne Admin',
    action: 'proposal.answer',
    consultationId: 'plan-action-2017',
    target: 'proposal:p-1',
    reason: 'Reprise dans le plan.',
    details: {},
  },
];

function storyClient(options: { signedIn?: boolean; empty?: boolean } = {}): ConsoleClient {
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
    });
  return new ConsoleClient('', async (input) => {
    const url = new URL(String(input), 'http://story.local');
    const path = url.pathname.replace('/api/v1', '');
    if (path === '/admin/session')
      return options.signedIn ? json(session) : json({ type: 'x', title: 'Sign in', status: 401, code: 'unauthorized' }, 401);
    if (path === '/admin/consultations')
      return json({ consultations: [{ id: 'plan-action-2017', title: 'Plan d’action 2017', role: 'admin' }] });
    if (path.endsWith('/queue')) {
      const tab = url.searchParams.get('tab') ?? 'pending';
      const page: ModerationQueuePage = {
        tab: tab as ModerationQueuePage['tab'],
        counts: { pending: 2, reported: 1, hidden: 1 },
        items: options.empty ? [] : QUEUE[tab]!,
      };
      return json(options.empty ? { ...page, counts: { pending: 0, reported: 0, hidden: 0 } } : page);
    }
    if (path.endsWith('/proposals')) return json({ items: proposals, nextCursor: null });
    if (path === '/admin/audit') return json({ entries: audit });
    if (path.endsWith('/settings')) return json(CONSULTATION_EXAMPLES.ConsultationAdmin);
    return json({ decided: [] });
  });
}

// No generated docs page: the console's elements are not in custom-elements.json (they are not widgets a webmaster embeds).
const meta: Meta = { title: 'Console/Organiser console', tags: ['!autodocs'] };
export default meta;
type Story = StoryObj;

/** Signed out: the sign-in form. */
export const SignIn: Story = { render: () => html`<pgo-console .client=${storyClient()}></pgo-console>` };
/** Signed in as an admin: the moderation queue of the first consultation. */
export const SignedIn: Story = { render: () => html`<pgo-console .client=${storyClient({ signedIn: true })}></pgo-console>` };
/** The moderation queue alone: pending proposals and events, oldest first. */
export const Queue: Story = {
  render: () => html`<pgo-moderation-queue .client=${storyClient()} consultation="plan-action-2017"></pgo-moderation-queue>`,
};
/** Nothing to moderate. */
export const EmptyQueue: Story = {
  render: () => html`<pgo-moderation-queue .client=${storyClient({ empty: true })} consultation="plan-action-2017"></pgo-moderation-queue>`,
};
/** In English. */
export const QueueEnglish: Story = {
  render: () => html`<pgo-moderation-queue lang="en" .client=${storyClient()} consultation="plan-action-2017"></pgo-moderation-queue>`,
};
/** Published proposals with what became of each. */
export const Answers: Story = {
  render: () => html`<pgo-answer-list .client=${storyClient()} consultation="plan-action-2017"></pgo-answer-list>`,
};
/** Answering one proposal. */
export const AnswerForm: Story = {
  render: () =>
    html`<pgo-answer-form .client=${storyClient()} consultation="plan-action-2017" .proposal=${proposals[1]}></pgo-answer-form>`,
};
/** The audit log, with its CSV export. */
export const AuditLog: Story = {
  render: () => html`<pgo-audit-log .client=${storyClient()} consultation="plan-action-2017"></pgo-audit-log>`,
};

/** A consultation's settings (admins): every section, the signing keys. */
export const Settings: Story = {
  render: () => html`<pgo-consultation-editor .client=${storyClient()} consultation="plan-action-2017"></pgo-consultation-editor>`,
};

/** The same in English. */
export const SettingsEnglish: Story = {
  render: () =>
    html`<pgo-consultation-editor lang="en" .client=${storyClient()} consultation="plan-action-2017"></pgo-consultation-editor>`,
};

/** Export, and import for server admins. */
export const ExportImport: Story = {
  render: () =>
    html`<pgo-consultation-transfer .client=${storyClient()} consultation="plan-action-2017" can-import></pgo-consultation-transfer>`,
};

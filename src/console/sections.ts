/**
 * The console's sections, one registry: the built-in ones (moderation, answers, settings, audit) and
 * those other features add from their own files (amendment decisions, host links...), without editing
 * the console's shell:
 *
 *   registerConsoleSection({ id: 'amendments', label: (locale) => ..., role: 'moderator',
 *     render: ({ client, consultation }) => html`<pgo-amendment-decisions .client=${client} consultation=${consultation}></pgo-amendment-decisions>` });
 *
 * then import that file from src/console/index.ts. Sections appear in registration order.
 */
import { html, type TemplateResult } from 'lit';
import type { Locale } from '../core/i18n.js';
import type { OrganiserRole } from '../core/organisers.js';
import type { ConsoleClient, ConsoleConsultation } from './client.js';
import { tOrganisers } from './organisers.messages.js';
import { tEditor } from './editor.messages.js';
import { tConsole } from './messages.js';

export interface ConsoleSection {
  id: string;
  label: (locale: Locale) => string;
  /** The least role that sees it on the chosen consultation (`admin` includes `moderator`). */
  role: OrganiserRole;
  /** Only for server admins (role `admin` on `*`): screens not tied to one consultation. */
  serverAdmin?: boolean;
  render: (context: {
    client: ConsoleClient;
    consultation: string;
    serverAdmin: boolean;
    consultations: ConsoleConsultation[];
  }) => TemplateResult;
}

const sections: ConsoleSection[] = [];

/** Adds a section (a second one with the same id replaces the first). */
export function registerConsoleSection(section: ConsoleSection): void {
  const at = sections.findIndex((s) => s.id === section.id);
  if (at >= 0) sections[at] = section;
  else sections.push(section);
}

/** The sections a role sees. */
export function consoleSections(role: OrganiserRole | '', serverAdmin = false): ConsoleSection[] {
  return sections.filter((s) => (!s.serverAdmin || serverAdmin) && (role === 'admin' || (role === 'moderator' && s.role === 'moderator')));
}

registerConsoleSection({
  id: 'moderation',
  role: 'moderator',
  label: (l) => tConsole(l, 'moderation'),
  render: ({ client, consultation }) => html`<pgo-moderation-queue .client=${client} consultation=${consultation}></pgo-moderation-queue>`,
});
registerConsoleSection({
  id: 'answers',
  role: 'moderator',
  label: (l) => tConsole(l, 'answers'),
  render: ({ client, consultation }) => html`<pgo-answer-list .client=${client} consultation=${consultation}></pgo-answer-list>`,
});
registerConsoleSection({
  id: 'settings',
  role: 'admin',
  label: (l) => tEditor(l, 'settings'),
  render: ({
    client,
    consultation,
    serverAdmin,
  }) => html`<pgo-consultation-editor .client=${client} consultation=${consultation}></pgo-consultation-editor>
    <pgo-consultation-transfer .client=${client} consultation=${consultation} ?can-import=${serverAdmin}></pgo-consultation-transfer>`,
});
registerConsoleSection({
  id: 'audit',
  role: 'admin',
  label: (l) => tConsole(l, 'audit'),
  render: ({ client, consultation }) => html`<pgo-audit-log .client=${client} consultation=${consultation}></pgo-audit-log>`,
});
registerConsoleSection({
  id: 'organisers',
  role: 'admin',
  serverAdmin: true,
  label: (l) => tOrganisers(l, 'organisers'),
  render: ({ client, consultations }) =>
    html`<pgo-organiser-admin .client=${client} .consultations=${consultations}></pgo-organiser-admin>`,
});

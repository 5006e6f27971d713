/**
 * The organiser console's entry (served by the reference server at /admin/; never part of the CDN bundle).
 * Registers its elements; `<pgo-console>` in admin.html is the whole application.
 */
import { defineElement } from '../base/define.js';
import { PgoAnswerForm } from './answer-form.js';
import { PgoAnswerList } from './answer-list.js';
import { PgoAuditLog } from './audit-log.js';
import { PgoConsole } from './console-app.js';
import { PgoConsultationEditor } from './consultation-editor.js';
import { PgoConsultationTransfer } from './consultation-transfer.js';
import { PgoModerationQueue } from './moderation-queue.js';
import { PgoOrganiserAdmin } from './organiser-admin.js';
import { PgoConsoleDocuments } from './documents-admin.js';
import { PgoConsoleHostLinks } from './host-links.js';
import { PgoConsoleSignIn } from './sign-in.js';

/** Registers the console's tags (never throws; the same version twice does nothing). */
export function defineConsoleElements(): void {
  defineElement('pgo-console', PgoConsole);
  defineElement('pgo-console-sign-in', PgoConsoleSignIn);
  defineElement('pgo-moderation-queue', PgoModerationQueue);
  defineElement('pgo-answer-list', PgoAnswerList);
  defineElement('pgo-answer-form', PgoAnswerForm);
  defineElement('pgo-audit-log', PgoAuditLog);
  defineElement('pgo-consultation-editor', PgoConsultationEditor);
  defineElement('pgo-consultation-transfer', PgoConsultationTransfer);
  defineElement('pgo-organiser-admin', PgoOrganiserAdmin);
  defineElement('pgo-console-documents', PgoConsoleDocuments);
  defineElement('pgo-console-host-links', PgoConsoleHostLinks);
}

defineConsoleElements();

export { ConsoleClient } from './client.js';
export { registerConsoleSection, type ConsoleSection } from './sections.js';
export {
  PgoAnswerForm,
  PgoAnswerList,
  PgoAuditLog,
  PgoConsole,
  PgoConsoleDocuments,
  PgoConsoleHostLinks,
  PgoConsoleSignIn,
  PgoConsultationEditor,
  PgoConsultationTransfer,
  PgoModerationQueue,
  PgoOrganiserAdmin,
};

declare global {
  interface HTMLElementTagNameMap {
    'pgo-console': PgoConsole;
    'pgo-console-sign-in': PgoConsoleSignIn;
    'pgo-moderation-queue': PgoModerationQueue;
    'pgo-answer-list': PgoAnswerList;
    'pgo-answer-form': PgoAnswerForm;
    'pgo-audit-log': PgoAuditLog;
    'pgo-consultation-editor': PgoConsultationEditor;
    'pgo-consultation-transfer': PgoConsultationTransfer;
    'pgo-organiser-admin': PgoOrganiserAdmin;
    'pgo-console-documents': PgoConsoleDocuments;
    'pgo-console-host-links': PgoConsoleHostLinks;
  }
}

import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defineMessages, translator } from '../core/i18n.js';
import { toBackendError, type BackendError } from '../core/errors.js';
import { describeError, describeFieldError } from '../core/messages/common.js';
import type { FieldError } from '../core/schemas.js';
import { validateDecision } from '../core/text-rules.js';
import type { Amendment, DecisionState, TextDocument } from '../core/text.js';
import { ConsoleElement } from './console-element.js';
import { consoleStyles } from './console.styles.js';
import { documentsApi } from './documents-client.js';
import { tConsole } from './messages.js';
import { registerConsoleSection } from './sections.js';

const messages = defineMessages(
  'console-documents',
  {
    importTitle: 'Importer un projet de texte (Markdown)',
    importHint: 'Les titres (#, ##…) deviennent les parties du texte ; le texte sous chaque titre en est le contenu.',
    markdown: 'Texte en Markdown',
    documentId: 'Identifiant du texte (facultatif)',
    import: 'Importer',
    imported: 'Texte importé : version 1.',
    documents: 'Textes',
    none: 'Aucun texte pour cette consultation.',
    open: { zero: 'aucun amendement à décider', one: '{count} amendement à décider', other: '{count} amendements à décider' },
    version: 'Version {number}',
    decideTitle: 'Décider : {title}',
    state: 'Décision',
    'state.accepted': 'Accepté',
    'state.accepted-with-changes': 'Accepté avec modifications',
    'state.rejected': 'Rejeté',
    reason: 'Motif (obligatoire pour rejeter ou modifier)',
    text: 'Texte retenu',
    decide: 'Enregistrer la décision',
    decided: 'Décision enregistrée.',
    publish: 'Publier la version {number}',
    published: 'Version {number} publiée : {count} changement(s).',
    proposed: 'Proposé :',
    why: 'Pourquoi :',
  },
  {
    en: {
      importTitle: 'Import a draft (Markdown)',
      importHint: 'Headings (#, ##…) become the parts of the text; the text under each heading its content.',
      markdown: 'Text in Markdown',
      documentId: 'Document id (optional)',
      import: 'Import',
      imported: 'Draft imported: version 1.',
      documents: 'Documents',
      none: 'No document for this consultation.',
      open: { zero: 'no amendment to decide', one: '{count} amendment to decide', other: '{count} amendments to decide' },
      version: 'Version {number}',
      decideTitle: 'Decide: {title}',
      state: 'Decision',
      'state.accepted': 'Accepted',
      'state.accepted-with-changes': 'Accepted with changes',
      'state.rejected': 'Rejected',
      reason: 'Reason (required to reject or change)',
      text: 'Text kept',
      decide: 'Save the decision',
      decided: 'Decision saved.',
      publish: 'Publish version {number}',
      published: 'Version {number} published: {count} change(s).',
      proposed: 'Proposed:',
      why: 'Why:',
    },
  },
);
const tDocs = translator(messages);
type Key = Parameters<typeof tDocs>[1];

/**
 * The console's writing section (issue 21): import a draft from Markdown (headings become sections),
 * decide on each open amendment (accepted, accepted with changes, rejected; a reason required for the
 * last two), publish version n+1 from the accepted ones.
 *
 * @summary The console's collaborative writing section.
 * @csspart item - One amendment to decide.
 */
export class PgoConsoleDocuments extends ConsoleElement {
  static override styles = consoleStyles;
  @property() consultation = '';
  @state() private documents: TextDocument[] = [];
  @state() private amendments = new Map<string, Amendment[]>();
  @state() private error: BackendError | null = null;
  @state() private fieldErrors: FieldError[] = [];
  @state() private notice = '';
  @state() private choices = new Map<string, DecisionState>();

  private tx(key: Key, params?: Record<string, string | number>) {
    return tDocs(this.locale, key, params);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('consultation') || changed.has('client')) void this.load();
  }

  async load(): Promise<void> {
    if (!this.consultation) return;
    try {
      const list = await documentsApi.list(this.client, this.consultation);
      this.documents = await Promise.all(list.map((d) => documentsApi.get(this.client, this.consultation, d.id)));
      this.amendments = new Map(
        await Promise.all(
          this.documents.map(async (d) => [d.id, await documentsApi.amendments(this.client, this.consultation, d.id)] as const),
        ),
      );
      this.error = null;
    } catch (error) {
      this.error = toBackendError(error);
    }
  }

  private async act(work: () => Promise<string>, focus?: string): Promise<void> {
    try {
      this.notice = await work();
      this.error = null;
      this.fieldErrors = [];
      await this.load();
      if (focus) void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(focus)?.focus());
    } catch (error) {
      const problem = toBackendError(error);
      this.fieldErrors = problem.fieldErrors;
      this.error = problem;
    }
  }

  private value(form: HTMLFormElement, name: string): string {
    return (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '';
  }

  private importDraft(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const id = this.value(form, 'documentId').trim();
    void this.act(async () => {
      await documentsApi.import(this.client, this.consultation, { markdown: this.value(form, 'markdown'), ...(id ? { id } : {}) });
      form.reset();
      return this.tx('imported');
    }, '.notice');
  }

  private decide(event: SubmitEvent, amendment: Amendment): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = {
      state: this.choices.get(amendment.id) ?? 'accepted',
      reason: this.value(form, 'reason'),
      text: this.value(form, 'text') || undefined,
    };
    const errors = validateDecision(input, amendment);
    if (errors.length) {
      this.fieldErrors = errors;
      void this.updateComplete.then(() => form.querySelector<HTMLElement>(`[name="${errors[0]!.field}"]`)?.focus());
      return;
    }
    void this.act(
      async () => (await documentsApi.decide(this.client, this.consultation, amendment.id, input), this.tx('decided')),
      '.notice',
    );
  }

  private renderDecision(amendment: Amendment) {
    const choice = this.choices.get(amendment.id) ?? 'accepted';
    const errorFor = (field: string) => this.fieldErrors.find((e) => e.field === field);
    const id = (name: string) => `${name}-${amendment.id}`;
    const err = (field: string) =>
      errorFor(field)
        ? html`<p class="error" id=${id(`${field}-error`)}>${describeFieldError(this.locale, errorFor(field)!)}</p>`
        : nothing;
    return html`<li class="item" part="item">
      <h4>${this.tx('decideTitle', { title: amendment.title })}</h4>
      <p><strong>${this.tx('proposed')}</strong> ${amendment.text || '—'}</p>
      <p><strong>${this.tx('why')}</strong> ${amendment.reason}</p>
      <form @submit=${(e: SubmitEvent) => this.decide(e, amendment)} novalidate>
        <fieldset><legend>${this.tx('state')}</legend>
          ${(['accepted', 'accepted-with-changes', 'rejected'] as const).map(
            (s) => html`<label><input type="radio" name="state" value=${s} .checked=${choice === s}
            @change=${() => {
              this.choices = new Map(this.choices).set(amendment.id, s);
            }}> ${this.tx(`state.${s}`)}</label>`,
          )}
        </fieldset>
        <div class="field"><label for=${id('reason')}>${this.tx('reason')}</label>${err('reason')}
          <textarea id=${id('reason')} name="reason" rows="3" aria-invalid=${errorFor('reason') ? 'true' : 'false'} aria-describedby=${errorFor('reason') ? id('reason-error') : nothing}></textarea></div>
        ${
          choice === 'accepted-with-changes' && amendment.kind !== 'delete'
            ? html`<div class="field"><label for=${id('text')}>${this.tx('text')}</label>${err('text')}
          <textarea id=${id('text')} name="text" rows="4" .value=${amendment.text} aria-invalid=${errorFor('text') ? 'true' : 'false'}></textarea></div>`
            : nothing
        }
        <button class="pgo-button" type="submit">${this.tx('decide')}</button>
      </form>
    </li>`;
  }

  override render() {
    return html`<div part="base">
      ${this.error ? html`<div class="pgo-notice pgo-notice--error" role="alert"><p>${describeError(this.locale, this.error)}</p></div>` : nothing}
      <p class="pgo-notice notice" role="status" tabindex="-1" ?hidden=${!this.notice}>${this.notice}</p>
      <h3>${this.tx('documents')}</h3>
      ${this.documents.length ? nothing : html`<p>${this.tx('none')}</p>`}
      ${this.documents.map((doc) => {
        const open = (this.amendments.get(doc.id) ?? []).filter((a) => a.state === 'open');
        const accepted = (this.amendments.get(doc.id) ?? []).filter(
          (a) => (a.state === 'accepted' || a.state === 'accepted-with-changes') && a.appliedIn === null,
        );
        return html`<section aria-labelledby="doc-${doc.id}">
          <h3 id="doc-${doc.id}">${doc.title} — ${this.tx('version', { number: doc.version })}</h3>
          <p>${this.tx('open', { count: open.length })}</p>
          <ul class="items">${open.map((a) => this.renderDecision(a))}</ul>
          ${
            accepted.length
              ? html`<button class="pgo-button" type="button" @click=${() =>
                  this.act(async () => {
                    const v = await documentsApi.publish(this.client, this.consultation, doc.id);
                    return this.tx('published', { number: v.number, count: v.changelog.length });
                  }, '.notice')}>${this.tx('publish', { number: doc.version + 1 })}</button>`
              : nothing
          }
        </section>`;
      })}
      <form @submit=${this.importDraft} novalidate aria-labelledby="import-title">
        <h3 id="import-title">${this.tx('importTitle')}</h3>
        <p class="hint" id="import-hint">${this.tx('importHint')}</p>
        <div class="field"><label for="documentId">${this.tx('documentId')}</label><input id="documentId" name="documentId" autocomplete="off"></div>
        <div class="field"><label for="markdown">${this.tx('markdown')}</label>
          <textarea id="markdown" name="markdown" rows="10" aria-describedby="import-hint"></textarea></div>
        <button class="pgo-button" type="submit">${this.tx('import')}</button>
      </form>
    </div>`;
  }
}

// The console's "Texts" section, after the built-in ones (src/console/sections.ts); moderators decide, admins also import and publish (the server checks).
registerConsoleSection({
  id: 'documents',
  role: 'moderator',
  label: (l) => tConsole(l, 'documents'),
  render: ({ client, consultation }) =>
    html`<pgo-console-documents .client=${client} consultation=${consultation}></pgo-console-documents>`,
});

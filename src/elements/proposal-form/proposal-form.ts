import { property } from 'lit/decorators.js';
import { html, nothing, type PropertyValues } from 'lit';
import type { ChangeReason } from '../../base/session-events.js';
import { renderDecision } from '../../base/live-decision.js';
import { PgoElement } from '../../base/pgo-element.js';
import type { ReadySession } from '../../base/session.js';
import { formatInstant } from '../../core/format.js';
import type { Locale } from '../../core/i18n.js';
import { tForm } from '../../forms/form.messages.js';
import { tProposalForm } from './proposal-form.messages.js';
import type { Consultation, ProposalDraft, ProposalReceipt } from '../../core/schemas.js';
import { validateProposalDraft } from '../../core/validate.js';
import { draftKey } from '../../forms/draft-store.js';
import { headingTag, renderField, renderForm, renderFormPage } from '../../forms/fields.js';
import { html as staticHtml } from 'lit/static-html.js';
import { FormController, HONEYPOT, type FieldSpec, type FormValues } from '../../forms/form-controller.js';
import { formPageStyles, formStyles } from '../../forms/form.styles.js';
import type { OwnContributions } from '../../forms/own-contributions.js';
import { baseStyles } from '../../styles/tokens.js';

declare global {
  interface HTMLElementEventMap {
    'pgo-proposal-submit': CustomEvent<ProposalDraft>;
    'pgo-proposal-submitted': CustomEvent<ProposalReceipt>;
  }
}

/**
 * The form a citizen fills to propose an idea, configured by the consultation: title and text with
 * its lengths, its themes, the extra fields it declares (a session format, a postal code...), a name
 * or anonymity, an e-mail never shown publicly, the consent it asks for. Errors follow the GOV.UK
 * pattern (summary focused on a failed submit, inline messages once a field was edited and left).
 * The text is saved on the device as it is typed and restored after a reload; a submission is sent
 * once (one idempotency key per draft), so a retry after a network error never creates a second
 * proposal. Closed, with the opening date, while the current phase takes no proposals; it opens and
 * closes by itself when the phase changes.
 *
 * @summary A citizen's proposal form: accessible, never losing the text, configured by the consultation.
 * @slot intro - The host's introduction, shown above the form (and above the closed notice).
 * @slot success - The host's own message, shown after a successful submission.
 * @fires pgo-proposal-submit - Cancelable, just before sending. `detail` is the `ProposalDraft`; `preventDefault()` keeps it from being sent.
 * @fires pgo-proposal-submitted - After the backend accepted the proposal. `detail` is the `ProposalReceipt` (`moderation`: `pending` or `published`).
 * @csspart base - The wrapper.
 * @csspart form - The form.
 * @csspart error-summary - The list of errors shown at the top after a failed submit.
 * @csspart field - One field (label, hint, error, control, counter).
 * @csspart label - A field's label (or legend).
 * @csspart hint - A field's hint.
 * @csspart field-error - A field's inline error message.
 * @csspart control - Every input, textarea and select; also `input`, `textarea`, `select`.
 * @csspart counter - The character counter of the title and text.
 * @csspart draft-notice - "We found your draft", with its discard button.
 * @csspart send-error - A failed send (network, rate limit...) with its retry button.
 * @csspart button - Every button; also `submit`, `retry`, `discard`, `another`.
 * @csspart closed - The notice shown while proposals are closed.
 * @csspart success - The confirmation after sending.
 * @csspart success-title - Its heading.
 * @csspart decision - In the confirmation, the moderators' decision once it arrives live (a polite status).
 * @csspart link - The link to the published proposal.
 * @csspart status - Loading and "not available" messages.
 * @csspart error - The consultation load error with its retry button.
 * @csspart announcer - The visually hidden polite live region.
 * @csspart mine - The participant's own proposals and their moderation status, when they have some; also `mine-item`, `mine-status`.
 * @cssproperty --pgo-color-primary - Buttons and focus accents.
 * @cssproperty --pgo-color-danger - Errors.
 * @cssproperty --pgo-color-success - The confirmation's accent.
 * @cssproperty --pgo-color-text - Text colour.
 * @cssproperty --pgo-color-text-muted - Hints and counters.
 * @cssproperty --pgo-color-border - Field borders.
 * @cssproperty --pgo-color-background - Field background.
 * @cssproperty --pgo-color-surface - Notices' background.
 * @cssproperty --pgo-color-focus - Focus ring.
 * @cssproperty --pgo-font-family - Font stack.
 * @cssproperty --pgo-font-size - Base font size (px).
 * @cssproperty --pgo-radius - Corner radius.
 * @cssproperty --pgo-space - Base spacing.
 * @cssproperty --pgo-field-width - Maximum width of the form (default 40em).
 */
export class PgoProposalForm extends PgoElement {
  static override styles = [baseStyles, formStyles, formPageStyles];
  /** Level of the form's headings (error summary, success message), 2 to 6, to fit the host page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  private readonly form = new FormController<ProposalReceipt>(this, {
    fields: () => this.fields(),
    validate: (values) => (this.ready ? validateProposalDraft(this.ready.consultation, this.draft(values)) : []),
    send: (values, idempotencyKey) => this.readyNow.writes.createProposal(this.draft(values), { idempotencyKey }),
    draftKey: () => draftKey('proposal', this.session),
    locale: () => this.locale,
    beforeSend: (values) => this.emit('pgo-proposal-submit', this.draft(values), { cancelable: true }),
    onSuccess: (receipt) => {
      this.emit('pgo-proposal-submitted', receipt);
      this.showMine(true);
      void this.form.focus('.success');
    },
    initialValues: () => ({ consent: false }),
  });

  /** Their own proposals and what moderation made of them (issue 19): a chunk loaded once they have taken part. */
  private mine?: OwnContributions | null;
  private cachedFields: { consultation: Consultation; locale: Locale; fields: FieldSpec[] } | null = null;
  private wasOpen: boolean | null = null;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.showMine();
  }

  protected override sessionChanged(reason: ChangeReason): void {
    if (reason === 'phase') {
      const open = this.isOpen();
      if (this.wasOpen !== null && open !== this.wasOpen)
        this.form.announcement = tProposalForm(this.locale, open ? 'nowOpen' : 'nowClosed');
    }
    super.sessionChanged(reason);
  }

  private isOpen(): boolean {
    return !!this.session?.window('proposals').open;
  }

  /** The fields this consultation asks for, in display order. */
  private fields(): FieldSpec[] {
    const consultation = this.session?.consultation;
    if (!consultation) return [];
    const locale = this.locale;
    if (this.cachedFields?.consultation === consultation && this.cachedFields.locale === locale) return this.cachedFields.fields;
    const t = (key: Parameters<typeof tProposalForm>[1]) => tProposalForm(locale, key);
    const rules = consultation.settings.proposalFields;
    const fields: FieldSpec[] = [
      { name: 'title', label: t('title'), required: true, hint: t('titleHint'), maxLength: rules.title.max },
      { name: 'body', label: t('body'), type: 'textarea', required: true, hint: t('bodyHint'), maxLength: rules.body.max, rows: 8 },
    ];
    if (consultation.categories.length) {
      fields.push({
        name: 'categoryId',
        label: t('category'),
        type: 'select',
        required: rules.categoryRequired,
        options: consultation.categories.map((c) => ({ value: c.id, label: c.title })),
      });
    }
    for (const extra of rules.extraFields) {
      fields.push({
        name: `extra.${extra.id}`,
        label: extra.label,
        required: extra.required,
        hint: extra.hint,
        type: extra.type === 'select' ? 'select' : 'text',
        options: extra.options,
        ...(extra.type === 'postal-code' ? { autocomplete: 'postal-code', inputMode: 'numeric' } : { maxLength: extra.maxLength }),
      });
    }
    if (rules.authorName !== 'hidden') {
      const required = rules.authorName === 'required';
      fields.push({
        name: 'authorName',
        label: t('authorName'),
        required,
        hint: t(required ? 'authorNameRequiredHint' : 'authorNameHint'),
        autocomplete: 'name',
      });
    }
    if (rules.email !== 'none') {
      fields.push({
        name: 'email',
        label: t('email'),
        type: 'email',
        required: rules.email === 'required',
        hint: t('emailHint'),
        autocomplete: 'email',
      });
    }
    if (rules.consent) {
      const url = rules.consent.privacyUrl;
      const hint = url
        ? html`<a href=${url} target="_blank" rel="noopener">${t('privacy')} <span class="visually-hidden">${tForm(locale, 'newWindow')}</span></a>`
        : undefined;
      fields.push({ name: 'consent', label: rules.consent.text, summaryLabel: t('consent'), type: 'checkbox', required: true, hint });
    }
    this.cachedFields = { consultation, locale, fields };
    return fields;
  }

  /** What the backend receives: only the fields this consultation asks for. */
  private draft(values: FormValues): ProposalDraft {
    const rules = this.readyNow.consultation.settings.proposalFields;
    const text = (name: string) => String(values[name] ?? '');
    const draft: ProposalDraft = {
      title: text('title'),
      body: text('body'),
      categoryId: text('categoryId') || null,
      website: text(HONEYPOT),
    };
    if (rules.extraFields.length) draft.extra = Object.fromEntries(rules.extraFields.map((f) => [f.id, text(`extra.${f.id}`)]));
    if (rules.authorName !== 'hidden') draft.authorName = text('authorName');
    if (rules.email !== 'none') draft.email = text('email');
    if (rules.consent) draft.consent = values.consent === true;
    return draft;
  }

  private showMine(sent = false): void {
    if (this.mine) this.mine.update(this.session, sent);
    else if (this.mine === undefined && (sent || this.session?.participation?.participant)) {
      this.mine = null;
      void import('../../forms/own-contributions.js').then((m) =>
        (this.mine = new m.OwnContributions(this, 'proposal')).update(this.session, true),
      );
    }
  }

  protected override render() {
    const session = this.ready;
    if (!session) return this.renderSessionState();
    const locale = this.locale;
    const t = (key: Parameters<typeof tProposalForm>[1], params?: Record<string, string>) => tProposalForm(locale, key, params);
    const open = this.isOpen();
    this.wasOpen = open;
    let content;
    if (!session.backend.capabilities.createProposal) {
      content = html`<p part="status" class="pgo-notice">${t('unavailable')}</p>`;
    } else if (this.form.status === 'success' && this.form.result) {
      content = this.renderSuccess(this.form.result, locale, session);
    } else if (!open) {
      const next = session.window('proposals').opensAt;
      const date = next ? formatInstant(locale, next.startsAt, session.consultation.timeZone) : '';
      content = html`<div part="closed" class="pgo-notice closed">
        <p>${t('closed')} ${next ? t('opensOn', { date }) : t('closedForGood')}</p>
      </div>`;
    } else {
      content = renderForm(
        this.form,
        t('label'),
        t('submit'),
        this.fields().map((spec) => renderField(this.form, spec)),
        this.headingLevel,
      );
    }
    return renderFormPage(this.form, html`${content}${this.mine?.render(locale, this.headingLevel)}`);
  }

  private renderSuccess(receipt: ProposalReceipt, locale: Locale, session: ReadySession) {
    const t = (key: Parameters<typeof tProposalForm>[1], params?: Record<string, string>) => tProposalForm(locale, key, params);
    const { proposal, moderation } = receipt;
    const url = moderation === 'published' && proposal.url && /^https?:\/\//i.test(proposal.url) ? proposal.url : null;
    return html`<div part="success" class="pgo-notice pgo-notice--success success" tabindex="-1">
      ${staticHtml`<${headingTag(this.headingLevel)} part="success-title" class="success-title">${t('successTitle')}</${headingTag(this.headingLevel)}>`}
      <p>${t(moderation === 'pending' ? 'successPending' : 'successPublished', { title: proposal.title })}</p>
      ${renderDecision(session.live.decisions, `proposal:${proposal.id}`, (key) => t(key, { title: proposal.title }))}
      ${url ? html`<p><a part="link" href=${url}>${t('view')}</a></p>` : nothing}
      <slot name="success"></slot>
      <div class="actions">
        <button type="button" class="pgo-button pgo-button--secondary" part="button another" @click=${() => this.form.startOver()}>${t('another')}</button>
      </div>
    </div>`;
  }
}

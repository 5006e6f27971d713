import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import { PgoElement } from '../../base/pgo-element.js';
import { renderLoadError, renderLoading } from '../../base/states.js';
import type { ConsultationSession } from '../../base/session.js';
import { isAbort, toBackendError, type BackendError } from '../../core/errors.js';
import { formatInstant } from '../../core/format.js';
import type { WorkshopReportDraft, WorkshopReportReceipt } from '../../core/reports.js';
import { parseContributionRows, reportOpen, validateWorkshopReport } from '../../core/reports-rules.js';
import type { ConsultationEvent, FieldError } from '../../core/schemas.js';
import { draftKey } from '../../forms/draft-store.js';
import { headingTag, renderFormPage } from '../../forms/fields.js';
import { FormController, fieldId, type FieldSpec, type FormValues } from '../../forms/form-controller.js';
import { formPageStyles, formStyles } from '../../forms/form.styles.js';
import { baseStyles } from '../../styles/tokens.js';
import { tWorkshopReport, type WorkshopReportKey } from './workshop-report.messages.js';
import { renderReportForm } from './workshop-report.render.js';
import { reportFields } from './workshop-report.fields.js';
import { workshopReportStyles } from './workshop-report.styles.js';
import { draftOf, FACT_FIELDS, rowCount, rowKey, stepOf, STEPS, withoutRow, withRows, type Step } from './workshop-report.values.js';

const OWN_CODES = ['duplicate', 'before_event', 'future', 'too_many'];

declare global {
  interface HTMLElementEventMap {
    'pgo-report-submitted': CustomEvent<WorkshopReportReceipt>;
  }
}

/**
 * The report of a relay workshop, filed by its host once the workshop has started: the facts (date,
 * attendees, organisations, how it went), the contributions (repeatable rows, or rows pasted from a
 * spreadsheet), a review with the attendees' consent, then one submission. Made for a hall with bad
 * network: the whole report is a draft on the device from the first key press (it survives closing the
 * tab), its idempotency key chosen with the draft, so it is sent once, by itself when the network comes
 * back, even hours later. The host is the participant who proposed the event, or the holder of a host
 * link (`host-key`, or `#pgo-host=` in the page address).
 *
 * @summary File a relay workshop's report and its contributions; they are published after moderation.
 * @slot intro - The host's introduction, above the form.
 * @slot success - The host's own message, shown after a successful submission.
 * @fires pgo-report-submitted - After the backend accepted the report. `detail` is the `WorkshopReportReceipt` (`moderation: 'pending'`).
 * @csspart base - The wrapper.
 * @csspart form - The form.
 * @csspart steps - The list of the three steps.
 * @csspart step - The fieldset of the current step.
 * @csspart row - The fieldset of one contribution.
 * @csspart paste - The spreadsheet paste box.
 * @csspart review - The review of what will be sent.
 * @csspart error-summary - The list of errors shown after a failed step or submit.
 * @csspart field - One field (label, hint, error, control, counter).
 * @csspart label - A field's label.
 * @csspart hint - A field's hint.
 * @csspart field-error - A field's inline error message.
 * @csspart control - Every input, textarea and select.
 * @csspart counter - A character counter.
 * @csspart draft-notice - "We found your draft", with its discard button.
 * @csspart send-error - A failed send with its retry button.
 * @csspart offline - The notice that the report waits for the network.
 * @csspart button - Every button.
 * @csspart success - The confirmation after sending.
 * @csspart success-title - Its heading.
 * @csspart status - Loading, "not yet", "already published" and "not available" messages.
 * @csspart error - The load error with its retry button.
 * @csspart announcer - The visually hidden polite live region.
 * @cssproperty --pgo-color-primary - Buttons and focus accents.
 * @cssproperty --pgo-color-danger - Errors.
 * @cssproperty --pgo-color-success - The confirmation's accent.
 * @cssproperty --pgo-color-text - Text colour.
 * @cssproperty --pgo-color-text-muted - Hints and counters.
 * @cssproperty --pgo-color-border - Field and row borders.
 * @cssproperty --pgo-color-background - Field background.
 * @cssproperty --pgo-color-surface - Notices' background.
 * @cssproperty --pgo-font-family - Font stack.
 * @cssproperty --pgo-font-size - Base font size (px).
 * @cssproperty --pgo-radius - Corner radius.
 * @cssproperty --pgo-space - Base spacing.
 * @cssproperty --pgo-field-width - Maximum width of the form (default 40em).
 */
export class PgoWorkshopReport extends PgoElement {
  static override styles = [baseStyles, formStyles, formPageStyles, workshopReportStyles];
  /** The event (the relay workshop) the report is about. */
  @property({ reflect: true }) event = '';
  /** The secret of a host link; else read from `#pgo-host=` in the page address. Never shown. */
  @property({ attribute: 'host-key' }) hostKey = '';
  /** Level of the form's headings, 2 to 6. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() step: Step = 'facts';
  @state() private loaded: ConsultationEvent | null = null;
  @state() private loadError: BackendError | null = null;
  @state() private published = false;
  @state() private online = globalThis.navigator?.onLine ?? true;
  private requested: string | null = null;
  private request: AbortController | null = null;

  readonly form: FormController<WorkshopReportReceipt> = new FormController<WorkshopReportReceipt>(this, {
    fields: () => this.fields(),
    validate: (values) => {
      const session = this.ready;
      if (!session) return [];
      const { consultation } = session;
      const event = this.loaded ?? { startsAt: '0001-01-01T00:00:00Z', timeZone: consultation.timeZone };
      return validateWorkshopReport(consultation, this.draft(values), event, session.now()).map((e) => this.localised(e));
    },
    send: (values, idempotencyKey) => {
      const session = this.readyNow;
      return session.backend.submitWorkshopReport!(session.consultationId, this.event, this.draft(values), { idempotencyKey });
    },
    draftKey: () => (this.event ? draftKey('workshop-report', this.session, this.event) : null),
    locale: () => this.locale,
    initialValues: () => ({ rows: '1', consent: false }),
    onSuccess: (receipt) => {
      this.emit('pgo-report-submitted', receipt);
      void this.form.focus('.success');
    },
  });

  private readonly onOnline = () => {
    this.online = true;
    // Back online: a send that failed for the network goes again, with the same key (never twice).
    if (this.form.status === 'failed' && this.form.error?.retryable) void this.form.submit();
  };
  private readonly onOffline = () => (this.online = false);
  private readonly onHide = () => this.form.saveDraftNow();

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.onOnline);
    addEventListener('offline', this.onOffline);
    addEventListener('pagehide', this.onHide);
    document.addEventListener('visibilitychange', this.onHide);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.onOnline);
    removeEventListener('offline', this.onOffline);
    removeEventListener('pagehide', this.onHide);
    document.removeEventListener('visibilitychange', this.onHide);
    this.request?.abort();
    this.requested = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const session = this.session;
    if (this.event && session && this.requested !== `${session.consultationId}|${this.event}`) void this.fetch(session);
  }

  private async fetch(session: ConsultationSession): Promise<void> {
    this.request?.abort();
    const request = (this.request = new AbortController());
    this.requested = `${session.consultationId}|${this.event}`;
    this.loaded = null;
    this.loadError = null;
    try {
      this.loaded = await session.backend.getEvent(session.consultationId, this.event, { signal: request.signal });
      await session.backend.getWorkshopReport?.(session.consultationId, this.event, { signal: request.signal }).then(
        () => (this.published = true),
        () => (this.published = false),
      );
    } catch (error) {
      if (!isAbort(error)) this.loadError = toBackendError(error);
    }
  }

  /** The host link's secret: the attribute, else `#pgo-host=` in the page address. */
  private secret(): string {
    if (this.hostKey) return this.hostKey;
    return new URLSearchParams(globalThis.location?.hash.slice(1) ?? '').get('pgo-host') ?? '';
  }

  draft(values: FormValues = this.form.values): WorkshopReportDraft {
    return draftOf(values, this.secret());
  }

  t(key: WorkshopReportKey, params?: Record<string, string | number>): string {
    return tWorkshopReport(this.locale, key, params);
  }

  /** The report's own error codes, in the element's words (the common texts know the others). */
  private localised(error: FieldError): FieldError {
    const key = `field.${error.code}`;
    return OWN_CODES.includes(error.code) ? { ...error, message: this.t(key as WorkshopReportKey, error.params) } : error;
  }

  /** Every field, in display order (the error summary follows it). */
  fields(): FieldSpec[] {
    const consultation = this.session?.consultation;
    return consultation ? reportFields(consultation, rowCount(this.form.values), (key, params) => this.t(key, params)) : [];
  }

  /** Next step, once this step's fields are right (their errors show, the first is focused). */
  next(): void {
    const mine = this.form.errors().filter((e) => stepOf(e.field) === this.step);
    if (mine.length) {
      for (const e of mine) {
        this.form.input(e.field, this.form.values[e.field] ?? '');
        this.form.leave(e.field);
      }
      this.form.focusField(mine[0]!.field);
      return;
    }
    this.go(STEPS[STEPS.indexOf(this.step) + 1] ?? 'review');
  }

  go(step: Step): void {
    this.step = step;
    void this.form.focus('.step-title');
  }

  /** Submits from the review; errors on an earlier step take the host back there first. */
  send(): void {
    const first = this.form.errors().find((e) => stepOf(e.field) !== 'review');
    if (first) this.step = stepOf(first.field);
    void this.form.submit();
  }

  addRows(text?: string): void {
    const { consultation } = this.readyNow;
    const rows =
      text === undefined ? [{ title: '', body: '', categoryId: null, roomSupport: null }] : parseContributionRows(text, consultation);
    if (!rows.length) return;
    const first = rowCount(this.form.values);
    this.form.values = withRows(this.form.values, rows);
    this.form.input('rows', String(first + rows.length));
    this.form.announcement = text === undefined ? this.t('rowAdded', { n: first + 1 }) : this.t('pasted', { count: rows.length });
    void this.form.focus(`#${fieldId(rowKey(first, 'title'))}`);
  }

  removeRow(index: number): void {
    const after = withoutRow(this.form.values, index);
    this.form.values = after;
    this.form.input('rows', String(after.rows));
    this.form.announcement = this.t('rowRemoved', { n: index + 1 });
    const left = rowCount(after);
    void this.form.focus(left ? `#${fieldId(rowKey(Math.min(index, left - 1), 'title'))}` : '.add-row');
  }

  protected override render() {
    const session = this.ready;
    if (!session) return this.renderSessionState();
    const locale = this.locale;
    let content;
    if (!session.backend.capabilities.workshopReports || !session.backend.submitWorkshopReport) {
      content = html`<p part="status" class="pgo-notice">${this.t('unavailable')}</p>`;
    } else if (!this.event) {
      content = html`<p part="status" class="pgo-notice">${this.t('noEvent')}</p>`;
    } else if (this.form.status === 'success' && this.form.result) {
      const count = this.form.result.report.contributions.length;
      content = html`<div part="success" class="pgo-notice pgo-notice--success success" tabindex="-1">
        ${staticHtml`<${headingTag(this.headingLevel)} part="success-title" class="success-title">${this.t('successTitle')}</${headingTag(this.headingLevel)}>`}
        <p>${this.t('successText', { count })}</p>
        <slot name="success"></slot>
      </div>`;
    } else if (this.loadError && !this.loadError.retryable) {
      content = renderLoadError(locale, this.t('eventLoadError'), this.loadError, null);
    } else if (!this.loaded && !this.loadError) {
      content = renderLoading(locale);
    } else if (this.published) {
      content = html`<p part="status" class="pgo-notice">${this.t('published')}</p>`;
    } else if (this.loaded && !reportOpen(this.loaded, session.now())) {
      content = html`<p part="status" class="pgo-notice">${this.t('notStarted', { date: formatInstant(locale, this.loaded.startsAt, this.loaded.timeZone) })}</p>`;
    } else {
      content = renderReportForm(this, { online: this.online, eventUnknown: !this.loaded, facts: FACT_FIELDS });
    }
    return renderFormPage(this.form, content);
  }
}

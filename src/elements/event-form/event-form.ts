import { property } from 'lit/decorators.js';
import { html, nothing, type PropertyValues } from 'lit';
import { renderDecision } from '../../base/live-decision.js';
import { PgoElement } from '../../base/pgo-element.js';
import type { ReadySession } from '../../base/session.js';
import { dateTimeFormat, formatInstant } from '../../core/format.js';
import type { Locale } from '../../core/i18n.js';
import { tEventForm } from './event-form.messages.js';
import { zonedTimeToInstant } from '../../core/time-zone.js';
import type { EventProposal, EventReceipt } from '../../core/schemas.js';
import { EVENT_DESCRIPTION, EVENT_TITLE, validateEventProposal } from '../../core/validate.js';
import { draftKey } from '../../forms/draft-store.js';
import { headingTag, renderField, renderForm, renderFormPage } from '../../forms/fields.js';
import { html as staticHtml } from 'lit/static-html.js';
import { FormController, HONEYPOT, type FieldSpec, type FormValues } from '../../forms/form-controller.js';
import { formPageStyles, formStyles } from '../../forms/form.styles.js';
import type { OwnContributions } from '../../forms/own-contributions.js';
import { baseStyles } from '../../styles/tokens.js';
import { eventFormStyles } from './event-form.styles.js';

declare global {
  interface HTMLElementEventMap {
    'pgo-event-submit': CustomEvent<EventProposal>;
    'pgo-event-submitted': CustomEvent<EventReceipt>;
  }
}

const DEFAULT_FORMAT = 'atelier-relais';
const ADDRESS = ['address.placeName', 'address.street', 'address.postalCode', 'address.locality'];

/**
 * The form anyone fills to propose an event, a relay workshop first: title, format (the
 * consultation's list), description, start and end (typed in the consultation's time zone, which
 * the form names), attendance (in person, online or both) with the address or the link it needs,
 * seats, organiser and e-mail, consent. It runs on the shared form machinery (`src/forms`): GOV.UK
 * error summary and inline errors, a draft kept on the device, one idempotent submission. The event
 * then awaits moderation unless the consultation publishes at once, and the form says which. Closed,
 * with the opening date, while the current phase takes no event proposals. Under the form, the events
 * the participant proposed and their moderation status.
 *
 * @summary Propose a relay workshop or another event; it is published after moderation (or at once, if so set).
 * @slot intro - The host's introduction, above the form (and above the closed notice).
 * @slot success - The host's own message, shown after a successful submission.
 * @fires pgo-event-submit - Cancelable, just before sending. `detail` is the `EventProposal`; `preventDefault()` keeps it from being sent.
 * @fires pgo-event-submitted - After the backend accepted the event. `detail` is the `EventReceipt` (`moderation`: `pending` or `published`).
 * @csspart base - The wrapper.
 * @csspart form - The form.
 * @csspart group - The fieldset of the place's fields.
 * @csspart error-summary - The list of errors shown at the top after a failed submit.
 * @csspart field - One field (label, hint, error, control, counter).
 * @csspart label - A field's label (or legend).
 * @csspart hint - A field's hint.
 * @csspart field-error - A field's inline error message.
 * @csspart control - Every input, textarea and select; also `input`, `textarea`, `select`.
 * @csspart counter - The character counter of the title and description.
 * @csspart draft-notice - "We found your draft", with its discard button.
 * @csspart send-error - A failed send with its retry button.
 * @csspart button - Every button; also `submit`, `retry`, `discard`, `another`.
 * @csspart closed - The notice shown while event proposals are closed.
 * @csspart success - The confirmation after sending, saying whether the event awaits moderation.
 * @csspart success-title - Its heading.
 * @csspart decision - In the confirmation, the moderators' decision once it arrives live (a polite status).
 * @csspart status - Loading and "not available" messages.
 * @csspart error - The consultation load error with its retry button.
 * @csspart announcer - The visually hidden polite live region.
 * @csspart mine - The events this participant proposed and their moderation status, when they have some; also `mine-item`, `mine-status`.
 * @cssproperty --pgo-color-primary - Buttons and focus accents.
 * @cssproperty --pgo-color-danger - Errors.
 * @cssproperty --pgo-color-success - The confirmation's accent.
 * @cssproperty --pgo-color-text - Text colour.
 * @cssproperty --pgo-color-text-muted - Hints and counters.
 * @cssproperty --pgo-color-border - Field borders.
 * @cssproperty --pgo-color-background - Field background.
 * @cssproperty --pgo-color-surface - Notices' background.
 * @cssproperty --pgo-font-family - Font stack.
 * @cssproperty --pgo-font-size - Base font size (px).
 * @cssproperty --pgo-radius - Corner radius.
 * @cssproperty --pgo-space - Base spacing.
 * @cssproperty --pgo-field-width - Maximum width of the form (default 40em).
 */
export class PgoEventForm extends PgoElement {
  static override styles = [baseStyles, formStyles, formPageStyles, eventFormStyles];
  /** Level of the form's headings (error summary, success message), 2 to 6, to fit the host page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  private readonly form = new FormController<EventReceipt>(this, {
    fields: () => this.fields(),
    validate: (values) => {
      const session = this.ready;
      return session ? validateEventProposal(session.consultation, this.proposal(values), new Date(session.now())) : [];
    },
    send: (values, idempotencyKey) => this.readyNow.writes.proposeEvent(this.proposal(values), { idempotencyKey }),
    draftKey: () => draftKey('event', this.session),
    locale: () => this.locale,
    beforeSend: (values) => this.emit('pgo-event-submit', this.proposal(values), { cancelable: true }),
    onSuccess: (receipt) => {
      this.emit('pgo-event-submitted', receipt);
      this.showMine(true);
      void this.form.focus('.success');
    },
    initialValues: () => ({ consent: false, mode: 'in-person', format: this.defaultFormat() }),
  });

  /** Their own proposed events and what moderation made of them (issue 19): a chunk loaded once they have taken part. */
  private mine?: OwnContributions | null;
  private cachedFields: { key: string; fields: FieldSpec[] } | null = null;
  private formatDefaulted = false;

  /** `atelier-relais` when the consultation has it, else its first format. */
  private defaultFormat(): string {
    const formats = this.session?.consultation?.settings.eventFormats ?? [];
    return (formats.find((f) => f.id === DEFAULT_FORMAT) ?? formats[0])?.id ?? '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.showMine();
    // The format's default is known once the consultation is; a restored draft still wins (it is applied after this).
    if (!this.formatDefaulted && this.session?.consultation) {
      this.formatDefaulted = true;
      if (!this.form.values.format) this.form.values = { ...this.form.values, format: this.defaultFormat() };
    }
  }

  /** The fields, in display order, for the attendance mode chosen. */
  private fields(): FieldSpec[] {
    const consultation = this.session?.consultation;
    if (!consultation) return [];
    const locale = this.locale;
    const mode = String(this.form.values.mode ?? 'in-person');
    const key = `${consultation.id}|${locale}|${mode}`;
    if (this.cachedFields?.key === key) return this.cachedFields.fields;
    const t = (name: Parameters<typeof tEventForm>[1]) => tEventForm(locale, name);
    const zone = zoneHint(locale, consultation.timeZone);
    const fields: FieldSpec[] = [
      { name: 'title', label: t('formTitle'), required: true, hint: t('formTitleHint'), maxLength: EVENT_TITLE.max },
      {
        name: 'format',
        label: t('format'),
        type: 'select',
        required: true,
        options: consultation.settings.eventFormats.map((f) => ({ value: f.id, label: f.label })),
      },
      {
        name: 'description',
        label: t('formDescription'),
        type: 'textarea',
        required: true,
        hint: t('formDescriptionHint'),
        maxLength: EVENT_DESCRIPTION.max,
        rows: 6,
      },
      { name: 'startsAt', label: t('startsAt'), type: 'datetime-local', required: true, hint: zone },
      { name: 'endsAt', label: t('endsAt'), type: 'datetime-local', required: true, hint: zone },
      {
        name: 'mode',
        label: t('mode'),
        type: 'radio',
        required: true,
        options: (['in-person', 'online', 'hybrid'] as const).map((m) => ({ value: m, label: t(`mode.${m}`) })),
      },
    ];
    if (mode !== 'online') {
      fields.push(
        { name: 'address.placeName', label: t('placeName') },
        { name: 'address.street', label: t('street'), autocomplete: 'street-address' },
        { name: 'address.postalCode', label: t('postalCode'), autocomplete: 'postal-code', inputMode: 'numeric' },
        { name: 'address.locality', label: t('locality'), required: true, autocomplete: 'address-level2' },
      );
    }
    if (mode !== 'in-person')
      fields.push({ name: 'onlineUrl', label: t('onlineUrl'), type: 'url', required: true, hint: t('onlineUrlHint'), autocomplete: 'url' });
    fields.push(
      { name: 'capacity', label: t('capacity'), type: 'number', hint: t('capacityHint'), inputMode: 'numeric' },
      { name: 'organiserName', label: t('organiserName'), required: true, autocomplete: 'name' },
      {
        name: 'organiserEmail',
        label: t('organiserEmail'),
        type: 'email',
        required: true,
        hint: t('organiserEmailHint'),
        autocomplete: 'email',
      },
      { name: 'consent', label: t('proposalConsent'), summaryLabel: t('consentShort'), type: 'checkbox', required: true },
    );
    this.cachedFields = { key, fields };
    return fields;
  }

  /** What the backend receives: the times as instants, only the place fields the mode needs. */
  private proposal(values: FormValues): EventProposal {
    const { consultation } = this.readyNow;
    const text = (name: string) => String(values[name] ?? '').trim();
    const mode = text('mode');
    const capacity = text('capacity');
    return {
      title: text('title'),
      format: text('format'),
      description: text('description'),
      startsAt: localToInstant(text('startsAt'), consultation.timeZone),
      endsAt: localToInstant(text('endsAt'), consultation.timeZone),
      timeZone: consultation.timeZone,
      mode,
      ...(mode !== 'online'
        ? {
            address: {
              placeName: text('address.placeName'),
              street: text('address.street'),
              postalCode: text('address.postalCode'),
              locality: text('address.locality'),
            },
          }
        : {}),
      ...(mode !== 'in-person' ? { onlineUrl: text('onlineUrl') } : {}),
      capacity: capacity ? Number(capacity) : null,
      organiserName: text('organiserName'),
      organiserEmail: text('organiserEmail'),
      consent: values.consent === true,
      website: String(values[HONEYPOT] ?? ''),
    };
  }

  private showMine(sent = false): void {
    if (this.mine) this.mine.update(this.session, sent);
    else if (this.mine === undefined && (sent || this.session?.participation?.participant)) {
      this.mine = null;
      void import('../../forms/own-contributions.js').then((m) =>
        (this.mine = new m.OwnContributions(this, 'event')).update(this.session, true),
      );
    }
  }

  protected override render() {
    const session = this.ready;
    if (!session) return this.renderSessionState();
    const locale = this.locale;
    const t = (key: Parameters<typeof tEventForm>[1], params?: Record<string, string>) => tEventForm(locale, key, params);
    const opening = session.window('eventProposals');
    let content;
    if (!session.backend.capabilities.proposeEvent) {
      content = html`<p part="status" class="pgo-notice">${t('unavailable')}</p>`;
    } else if (this.form.status === 'success' && this.form.result) {
      content = this.renderSuccess(this.form.result, locale, session);
    } else if (!opening.open) {
      const date = opening.opensAt ? formatInstant(locale, opening.opensAt.startsAt, session.consultation.timeZone) : '';
      content = html`<div part="closed" class="pgo-notice closed"><p>${t('closed')} ${opening.opensAt ? t('opensOn', { date }) : t('closedForGood')}</p></div>`;
    } else {
      const form = this.form;
      const fields = this.fields();
      const field = (spec: FieldSpec) => renderField(form, spec);
      const address = fields.filter((f) => ADDRESS.includes(f.name));
      content = renderForm(
        form,
        t('formLabel'),
        t('submit'),
        html`
        ${fields.slice(0, 6).map(field)}
        ${address.length ? html`<fieldset part="group" class="group"><legend>${t('where')}</legend>${address.map(field)}</fieldset>` : nothing}
        ${fields
          .slice(6)
          .filter((f) => !ADDRESS.includes(f.name))
          .map(field)}`,
        this.headingLevel,
      );
    }
    return renderFormPage(this.form, html`${content}${this.mine?.render(locale, this.headingLevel)}`);
  }

  private renderSuccess(receipt: EventReceipt, locale: Locale, session: ReadySession) {
    const email = String(this.form.values.organiserEmail ?? '');
    return html`<div part="success" class="pgo-notice pgo-notice--success success" tabindex="-1">
      ${staticHtml`<${headingTag(this.headingLevel)} part="success-title" class="success-title">${tEventForm(locale, 'successTitle')}</${headingTag(this.headingLevel)}>`}
      <p>${tEventForm(locale, receipt.moderation === 'published' ? 'successPublished' : 'successPending', { title: receipt.event.title, email })}</p>
      ${renderDecision(session.live.decisions, `event:${receipt.event.id}`, (key) => tEventForm(locale, key, { title: receipt.event.title }))}
      <slot name="success"></slot>
      <div class="actions">
        <button type="button" class="pgo-button pgo-button--secondary" part="button another" @click=${() => this.form.startOver()}>${tEventForm(locale, 'another')}</button>
      </div>
    </div>`;
  }
}

/** `2027-03-28T08:00` read in `timeZone`, as an ISO instant; the raw text when it is no such value (validation says so). */
export function localToInstant(value: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return value;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  return zonedTimeToInstant({ year, month, day, hour, minute }, timeZone).toISOString();
}

function zoneHint(locale: Locale, timeZone: string): string {
  const name = dateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName')?.value;
  return tEventForm(locale, 'zoneHint', { zone: name ?? timeZone, id: timeZone });
}

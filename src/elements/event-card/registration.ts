/**
 * The event card's registration part: what it shows (none, a link to the organiser's site, ended, closed,
 * registered, full, unavailable, or the inline form with the seats left), and the inline form itself
 * (name, e-mail, consent) on the shared form machinery. The card keeps one and renders it.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ReadySession } from '../../base/session.js';
import type { Locale } from '../../core/i18n.js';
import type { ConsultationEvent, RegistrationInput, RegistrationReceipt } from '../../core/schemas.js';
import { validateRegistration } from '../../core/validate.js';
import { FormController, type FieldSpec, type FormValues } from '../../forms/form-controller.js';
import {
  renderAnnouncer,
  renderErrorSummary,
  renderField,
  renderHoneypot,
  renderSendError,
  renderSubmit,
  submitHandler,
} from '../../forms/fields.js';
import { tEvent } from './event-card.messages.js';
import { webUrl } from './event-display.js';

/** What the registration part shows. */
type RegistrationView = 'none' | 'external' | 'ended' | 'closed' | 'registered' | 'full' | 'unavailable' | 'open';

/** What the registration needs of its card. */
export interface RegistrationHost extends ReactiveControllerHost, HTMLElement {
  readonly readyNow: ReadySession;
  readonly current: ConsultationEvent | null;
  readonly locale: Locale;
  readonly headingLevel: number;
}

export class EventRegistration {
  /** Whether the inline form is open. */
  private open = false;
  private fields: { locale: Locale; specs: FieldSpec[] } | null = null;

  private readonly form: FormController<RegistrationReceipt>;

  constructor(
    private readonly host: RegistrationHost,
    /** After a confirmed registration (the card fires `pgo-registered`). */
    private readonly onRegistered: (event: ConsultationEvent, receipt: RegistrationReceipt) => void,
  ) {
    this.form = new FormController<RegistrationReceipt>(host, {
      fields: () => this.registrationFields(),
      validate: (values) => validateRegistration(registrationInput(values)),
      send: (values, idempotencyKey) => {
        return host.readyNow.writes.registerForEvent(host.current!.id, registrationInput(values), { idempotencyKey });
      },
      // Names and addresses are not kept on the device: three fields are quickly typed again.
      draftKey: () => null,
      locale: () => host.locale,
      initialValues: () => ({ name: '', email: '', consent: false }),
      onSuccess: (receipt) => this.registered(receipt),
      onFailure: (error) => {
        if (error.code === 'limit-reached') this.markFull();
      },
    });
  }

  /** Another event is shown: the form closes and starts over. */
  reset(): void {
    this.open = false;
    if (this.form.status !== 'idle') this.form.startOver();
  }

  private view(event: ConsultationEvent, session: ReadySession): RegistrationView {
    const reg = event.registration;
    if (reg.kind === 'none') return 'none';
    if (Date.parse(event.endsAt) <= session.now()) return 'ended';
    if (event.status === 'cancelled' || event.status === 'postponed') return 'closed';
    if (reg.kind === 'external') return 'external';
    if (this.form.status === 'success' || session.participation?.registrations.includes(event.id)) return 'registered';
    if (event.status === 'full' || reg.seatsLeft === 0) return 'full';
    if (!session.backend.capabilities.registerForEvent) return 'unavailable';
    return 'open';
  }

  render(locale: Locale, event: ConsultationEvent, session: ReadySession) {
    const view = this.view(event, session);
    const reg = event.registration;
    const notice = (key: Parameters<typeof tEvent>[1], kind = '', params = {}) =>
      html`<p part="notice" class="pgo-notice ${kind}" id="registration-notice" tabindex="-1">${tEvent(locale, key, params)}</p>`;
    let body: TemplateResult | typeof nothing = nothing;
    switch (view) {
      case 'none':
        body = html`<p>${tEvent(locale, 'noRegistration')}</p>`;
        break;
      case 'ended':
        body = notice('ended');
        break;
      case 'closed':
        body = notice('registrationClosed');
        break;
      case 'external': {
        const href = reg.kind === 'external' ? webUrl(reg.url) : null;
        body = href ? html`<a part="button register" class="pgo-button" href=${href}>${tEvent(locale, 'registerExternal')}</a>` : nothing;
        break;
      }
      case 'registered':
        body =
          this.form.status === 'success'
            ? notice('registeredNow', 'pgo-notice--success', { title: event.title })
            : notice('registered', 'pgo-notice--success');
        break;
      case 'full':
        body = notice('full');
        break;
      case 'unavailable':
        body = notice('registrationUnavailable');
        break;
      case 'open':
        body = this.open
          ? this.renderForm(locale, event)
          : html`<button part="button register" class="pgo-button register" type="button" @click=${this.openForm}>
              ${tEvent(locale, 'register')}<span class="visually-hidden"> : ${event.title}</span>
            </button>`;
        break;
    }
    const seats =
      reg.kind === 'inline' && view !== 'ended' && view !== 'closed'
        ? html`<p part="seats" class="seats">${
            reg.capacity !== null && reg.seatsLeft !== null
              ? tEvent(locale, 'seatsLeft', { count: reg.seatsLeft, capacity: reg.capacity })
              : tEvent(locale, 'seatsOpen')
          }</p>`
        : nothing;
    return html`<section part="registration" class="registration" aria-labelledby="registration-title">
      <div id="registration-title" class="section-title" role="heading" aria-level=${Math.min(6, this.host.headingLevel + 1)}>${tEvent(locale, 'registration')}<span class="visually-hidden"> : ${event.title}</span></div>
      ${seats} ${body}
    </section>
    ${reg.kind === 'inline' ? renderAnnouncer(this.form) : nothing}`;
  }

  private registrationFields(): FieldSpec[] {
    const locale = this.host.locale;
    if (this.fields?.locale === locale) return this.fields.specs;
    const specs: FieldSpec[] = [
      { name: 'name', label: tEvent(locale, 'name'), required: true, autocomplete: 'name' },
      {
        name: 'email',
        label: tEvent(locale, 'email'),
        type: 'email',
        required: true,
        autocomplete: 'email',
        hint: tEvent(locale, 'emailHint'),
      },
      { name: 'consent', label: tEvent(locale, 'consent'), summaryLabel: tEvent(locale, 'consentShort'), type: 'checkbox', required: true },
    ];
    this.fields = { locale, specs };
    return specs;
  }

  private renderForm(locale: Locale, event: ConsultationEvent) {
    return html`<form part="registration-form" class="registration-form" novalidate aria-label=${tEvent(locale, 'registrationForm', { title: event.title })}
        aria-busy=${this.form.busy ? 'true' : 'false'} @submit=${submitHandler(this.form)}>
      ${renderErrorSummary(this.form, Math.min(6, this.host.headingLevel + 2))}
      ${this.registrationFields().map((spec) => renderField(this.form, spec))}
      ${renderHoneypot(this.form)}
      ${renderSendError(this.form)}
      <div class="actions">
        ${renderSubmit(this.form, tEvent(locale, 'confirm'))}
        <button part="button cancel" class="pgo-button pgo-button--secondary" type="button" @click=${this.closeForm}>${tEvent(locale, 'cancel')}</button>
      </div>
    </form>`;
  }

  // Both re-render the card (form.focus asks for it), then move focus.
  private readonly openForm = () => {
    this.open = true;
    this.form.focusField('name');
  };

  private readonly closeForm = () => {
    this.open = false;
    void this.form.focus('.register');
  };

  /** The session has the seats left and the participant's registrations already (`session.writes`). */
  private registered(receipt: RegistrationReceipt): void {
    this.open = false;
    this.onRegistered(this.host.current!, receipt);
    void this.form.focus('#registration-notice');
  }

  private markFull(): void {
    const event = this.host.current!;
    if (event.registration.kind !== 'inline') return;
    this.host.readyNow.writes.eventFull(event.id);
    this.open = false;
    void this.form.focus('#registration-notice');
  }
}

function registrationInput(values: FormValues): RegistrationInput {
  return {
    name: String(values.name ?? '').trim(),
    email: String(values.email ?? '').trim(),
    consent: values.consent === true,
    website: String(values.website ?? ''),
  };
}

import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { describeError } from '../core/messages/common.js';
import type { FieldError } from '../core/schemas.js';
import type { OrganiserSession, SignInOptions } from '../core/organisers.js';
import { renderErrorSummary, renderField, renderFormPage, renderSubmit, submitHandler } from '../forms/fields.js';
import { FormController, type FieldSpec } from '../forms/form-controller.js';
import { formStyles } from '../forms/form.styles.js';
import { baseStyles } from '../styles/tokens.js';
import { ConsoleElement } from './console-element.js';
import type { ConsoleKey } from './messages.js';

/** The refusals the server's OpenID Connect callback sends back (`/admin/#signin-error=<code>`). */
const OIDC_REFUSALS = ['unverified-email', 'unknown-email', 'no-email', 'expired', 'cancelled', 'unavailable', 'failed'];

/**
 * An organiser signs in with e-mail and password (no draft is kept: a password never touches storage), or
 * with the server's OpenID Connect provider (such as ProConnect) when it has one.
 *
 * @summary The console's sign-in form.
 * @csspart form - The form.
 * @csspart oidc - The link that signs in with the OpenID Connect provider.
 * @fires pgo-signed-in - Signed in; `detail` is the session.
 */
export class PgoConsoleSignIn extends ConsoleElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`h1 { font-size: 1.5em; margin: 0 0 1em; } a.pgo-button { display: inline-block; text-decoration: none; }`,
  ];

  /** Why the last OpenID Connect sign-in came back without a session (its code), if it did. */
  @property({ attribute: false }) refusal = '';
  @state() private options: SignInOptions | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // Without them (an old server, a network error) the password form is still there.
    this.client.signInOptions().then(
      (options) => (this.options = options),
      () => (this.options = null),
    );
  }

  private readonly fields: FieldSpec[] = [];
  private readonly form = new FormController<OrganiserSession>(this, {
    fields: () => this.specs(),
    validate: (values) => {
      const errors: FieldError[] = [];
      if (!String(values.email ?? '').trim()) errors.push({ field: 'email', code: 'required', message: this.t('email') });
      if (!String(values.password ?? '')) errors.push({ field: 'password', code: 'required', message: this.t('password') });
      return errors;
    },
    send: (values) => this.client.signIn(String(values.email).trim(), String(values.password)),
    draftKey: () => null,
    locale: () => this.locale,
    onSuccess: (session) => this.emit('pgo-signed-in', session),
  });

  private specs(): FieldSpec[] {
    if (this.fields.length && this.fields[0]!.label === this.t('email')) return this.fields;
    this.fields.splice(
      0,
      this.fields.length,
      { name: 'email', label: this.t('email'), type: 'email', required: true, autocomplete: 'username' },
      { name: 'password', label: this.t('password'), type: 'password', required: true, autocomplete: 'current-password' },
    );
    return this.fields;
  }

  /** Moves focus to the e-mail field. */
  override focus(): void {
    void this.form.focusField('email');
  }

  /** One generic message for a wrong e-mail or password (the server does not say which either). */
  private renderFailure() {
    const error = this.form.status === 'failed' ? this.form.error : null;
    if (!error) return nothing;
    return html`<div class="pgo-notice pgo-notice--error send-error" part="send-error" role="alert">
      <p>${error.code === 'unauthorized' ? this.t('signInFailed') : describeError(this.locale, error)}</p>
    </div>`;
  }

  private renderRefusal() {
    if (!this.refusal) return nothing;
    const code = OIDC_REFUSALS.includes(this.refusal) ? this.refusal : 'failed';
    return html`<div class="pgo-notice pgo-notice--error" part="send-error" role="alert">
      <p>${this.t(`oidc_${code.replaceAll('-', '_')}` as ConsoleKey)}</p>
    </div>`;
  }

  private renderOidc() {
    const oidc = this.options?.oidc;
    if (!oidc) return nothing;
    return html`<p><a class="pgo-button" part="oidc" href=${this.client.oidcStartUrl()}>${this.t('signInWith', { label: oidc.label })}</a></p>
      <p>${this.t('signInOr')}</p>`;
  }

  override render() {
    return renderFormPage(
      this.form,
      html`<h1>${this.t('signInTitle')}</h1>
      ${this.renderRefusal()} ${this.renderOidc()}
      <form part="form" novalidate aria-label=${this.t('signInTitle')} aria-busy=${this.form.busy ? 'true' : 'false'} @submit=${submitHandler(this.form)}>
        ${renderErrorSummary(this.form)} ${this.specs().map((spec) => renderField(this.form, spec))} ${this.renderFailure()}
        <div class="actions">${renderSubmit(this.form, this.t('signIn'))}</div>
      </form>`,
    );
  }
}

declare global {
  interface HTMLElementEventMap {
    'pgo-signed-in': CustomEvent<OrganiserSession>;
  }
}

import { css, html, nothing } from 'lit';
import { describeError } from '../core/messages/common.js';
import type { FieldError } from '../core/schemas.js';
import type { OrganiserSession } from '../core/organisers.js';
import { renderErrorSummary, renderField, renderFormPage, renderSubmit, submitHandler } from '../forms/fields.js';
import { FormController, type FieldSpec } from '../forms/form-controller.js';
import { formStyles } from '../forms/form.styles.js';
import { baseStyles } from '../styles/tokens.js';
import { ConsoleElement } from './console-element.js';

/**
 * An organiser signs in with e-mail and password (no draft is kept: a password never touches storage).
 *
 * @summary The console's sign-in form.
 * @csspart form - The form.
 * @fires pgo-signed-in - Signed in; `detail` is the session.
 */
export class PgoConsoleSignIn extends ConsoleElement {
  static override styles = [baseStyles, formStyles, css`h1 { font-size: 1.5em; margin: 0 0 1em; }`];

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

  override render() {
    return renderFormPage(
      this.form,
      html`<h1>${this.t('signInTitle')}</h1>
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

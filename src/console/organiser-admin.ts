import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toBackendError, type BackendError } from '../core/errors.js';
import { fieldErrorsOf } from '../core/field-errors.js';
import { describeError } from '../core/messages/common.js';
import { OrganiserInput, type Organiser, type OrganiserRole, type RoleGrant } from '../core/organisers.js';
import { renderField, renderForm, renderFormPage } from '../forms/fields.js';
import { FormController, type FieldSpec, type FormValues } from '../forms/form-controller.js';
import type { ConsoleConsultation } from './client.js';
import { ConsoleElement } from './console-element.js';
import { consoleStyles } from './console.styles.js';
import { tOrganisers, type OrganisersKey } from './organisers.messages.js';

/**
 * Server admins manage organisers: the list with their roles, a new account (a role on one consultation
 * or on every one), roles granted and removed, a password reset (which ends that organiser's sessions).
 *
 * @summary The console's organiser management.
 * @csspart form - The form adding an organiser.
 */
export class PgoOrganiserAdmin extends ConsoleElement {
  static override styles = consoleStyles;

  /** The consultations a role may name (besides every one, `*`). */
  @property({ attribute: false }) consultations: ConsoleConsultation[] = [];

  @state() private organisers: Organiser[] | null = null;
  @state() private open = '';
  @state() private grant = { consultationId: '*', role: 'moderator' as OrganiserRole };
  @state() private password = '';
  @state() private notice = '';
  @state() private error: BackendError | null = null;

  private readonly form = new FormController<Organiser>(this, {
    fields: () => this.specs(),
    validate: (values) => {
      const parsed = OrganiserInput.safeParse(this.input(values));
      return parsed.success
        ? []
        : fieldErrorsOf(parsed.error).map((e) => (e.field.startsWith('roles') ? { ...e, field: 'consultationId' } : e));
    },
    send: (values) => this.client.createOrganiser(this.input(values)),
    draftKey: () => null,
    locale: () => this.locale,
    initialValues: () => ({ email: '', displayName: '', password: '', consultationId: '*', role: 'moderator' }),
    onSuccess: (created) => {
      this.form.startOver();
      this.form.announcement = this.o('added', { name: created.displayName });
      void this.load();
    },
  });

  private o(key: OrganisersKey, params?: Record<string, string | number>): string {
    return tOrganisers(this.locale, key, params);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.organisers = await this.client.organisers();
      this.error = null;
    } catch (error) {
      this.error = toBackendError(error);
    }
  }

  private input(values: FormValues) {
    const password = String(values.password ?? '');
    return {
      email: String(values.email ?? ''),
      displayName: String(values.displayName ?? ''),
      ...(password ? { password } : {}),
      roles: [{ consultationId: String(values.consultationId ?? '*'), role: String(values.role ?? 'moderator') as OrganiserRole }],
    };
  }

  private consultationOptions() {
    return [{ value: '*', label: this.o('everyConsultation') }, ...this.consultations.map((c) => ({ value: c.id, label: c.title }))];
  }

  private roleOptions() {
    return (['moderator', 'admin'] as const).map((r) => ({ value: r, label: this.o(`role_${r}`) }));
  }

  private specs(): FieldSpec[] {
    return [
      { name: 'email', label: this.o('email'), type: 'email', required: true, autocomplete: 'off' },
      { name: 'displayName', label: this.o('displayName'), required: true, maxLength: 120 },
      { name: 'password', label: this.o('password'), type: 'password', hint: this.o('passwordHint'), autocomplete: 'new-password' },
      { name: 'consultationId', label: this.o('consultation'), type: 'select', options: this.consultationOptions() },
      { name: 'role', label: this.o('role'), type: 'select', options: this.roleOptions() },
    ];
  }

  private where(consultationId: string): string {
    return consultationId === '*'
      ? this.o('everyConsultation')
      : (this.consultations.find((c) => c.id === consultationId)?.title ?? consultationId);
  }

  private describe(g: RoleGrant): string {
    return this.o('roleOn', { role: this.o(`role_${g.role}`), consultation: this.where(g.consultationId) });
  }

  private async act(job: () => Promise<string>, focus: string): Promise<void> {
    try {
      const done = await job();
      await this.load();
      // Said once the list shows the change.
      this.notice = done;
      this.error = null;
    } catch (error) {
      this.error = toBackendError(error);
      this.notice = '';
    }
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>(this.error ? '.pgo-notice--error' : focus)?.focus();
  }

  private setRoles(o: Organiser, roles: RoleGrant[]): Promise<void> {
    return this.act(async () => {
      await this.client.setRoles(o.id, roles);
      return this.o('rolesSaved', { name: o.displayName });
    }, `#manage-${o.id}-notice`);
  }

  private resetPassword(o: Organiser): Promise<void> {
    if ([...this.password].length < 12) {
      this.error = null;
      this.notice = this.o('passwordTooShort');
      return this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`#manage-${o.id}-notice`)?.focus());
    }
    return this.act(async () => {
      await this.client.resetPassword(o.id, this.password);
      this.password = '';
      return this.o('passwordReset', { name: o.displayName });
    }, `#manage-${o.id}-notice`);
  }

  private renderManage(o: Organiser) {
    const others = (g: RoleGrant) => o.roles.filter((r) => r !== g);
    const pick = (e: Event) => (e.target as HTMLSelectElement).value;
    return html`<div class="manage" role="group" aria-label=${this.o('manage', { name: o.displayName })}>
      <ul>${o.roles.map(
        (g) => html`<li>${this.describe(g)}
        <button type="button" class="pgo-button pgo-button--secondary" @click=${() => this.setRoles(o, others(g))}>${this.o('removeRole', { role: this.o(`role_${g.role}`), consultation: this.where(g.consultationId) })}</button></li>`,
      )}</ul>
      <div class="actions">
        <div class="field"><label for="grant-c-${o.id}">${this.o('consultation')}</label>
          <select id="grant-c-${o.id}" @change=${(e: Event) => {
            this.grant = { ...this.grant, consultationId: pick(e) };
          }}>
            ${this.consultationOptions().map((c) => html`<option value=${c.value} ?selected=${c.value === this.grant.consultationId}>${c.label}</option>`)}</select></div>
        <div class="field"><label for="grant-r-${o.id}">${this.o('role')}</label>
          <select id="grant-r-${o.id}" @change=${(e: Event) => {
            this.grant = { ...this.grant, role: pick(e) as OrganiserRole };
          }}>
            ${this.roleOptions().map((r) => html`<option value=${r.value} ?selected=${r.value === this.grant.role}>${r.label}</option>`)}</select></div>
        <button type="button" class="pgo-button" @click=${() => this.setRoles(o, [...o.roles.filter((r) => r.consultationId !== this.grant.consultationId), this.grant])}>${this.o('grant')}</button>
      </div>
      <div class="field"><label for="password-${o.id}">${this.o('newPassword')}</label>
        <input id="password-${o.id}" type="password" autocomplete="new-password" .value=${this.password} @input=${(e: Event) => {
          this.password = (e.target as HTMLInputElement).value;
        }} /></div>
      <button type="button" class="pgo-button pgo-button--secondary" @click=${() => this.resetPassword(o)}>${this.o('resetPassword')}</button>
      <p id="manage-${o.id}-notice" class="pgo-notice" role="status" tabindex="-1">${this.notice}</p>
    </div>`;
  }

  override render() {
    const error = this.error
      ? html`<div class="pgo-notice pgo-notice--error" role="alert" tabindex="-1"><p>${describeError(this.locale, this.error)}</p></div>`
      : nothing;
    if (!this.organisers) return this.error ? error : html`<p class="pgo-notice" role="status">…</p>`;
    return html`${error}
      <table><caption>${this.o('listCaption')}</caption>
        <thead><tr><th scope="col">${this.o('name')}</th><th scope="col">${this.o('email')}</th><th scope="col">${this.o('roles')}</th></tr></thead>
        <tbody>${this.organisers.map(
          (o) => html`<tr>
          <th scope="row"><button type="button" class="pgo-button pgo-button--secondary" aria-expanded=${this.open === o.id ? 'true' : 'false'}
            @click=${() => {
              this.open = this.open === o.id ? '' : o.id;
              this.notice = '';
              this.password = '';
            }}>${this.o('manage', { name: o.displayName })}</button></th>
          <td>${o.email}</td><td>${o.roles.length ? o.roles.map((g) => this.describe(g)).join(', ') : this.o('noRole')}</td></tr>
          ${this.open === o.id ? html`<tr><td colspan="3">${this.renderManage(o)}</td></tr>` : nothing}`,
        )}</tbody>
      </table>
      ${renderFormPage(
        this.form,
        renderForm(
          this.form,
          this.o('addTitle'),
          this.o('add'),
          this.specs().map((spec) => renderField(this.form, spec)),
          3,
        ),
      )}`;
  }
}

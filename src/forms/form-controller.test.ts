import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from '../test-utils/wait.js';
import { html, LitElement } from 'lit';
import { backendError } from '../core/errors.js';
import type { FieldError } from '../core/schemas.js';
import { baseStyles } from '../styles/tokens.js';
import { renderAnnouncer, renderErrorSummary, renderField, renderSendError, renderSubmit, submitHandler } from './fields.js';
import { FormController, type FieldSpec, type FormValues } from './form-controller.js';
import { formStyles } from './form.styles.js';

const FIELDS: FieldSpec[] = [
  {
    name: 'mode',
    label: 'Mode',
    type: 'radio',
    required: true,
    options: [
      { value: 'in-person', label: 'Sur place' },
      { value: 'online', label: 'En ligne' },
    ],
  },
  { name: 'capacity', label: 'Places', type: 'number', inputMode: 'numeric' },
];
const KEY = 'pgo-draft:test-form|memory||c1';

/** A minimal form host: the machinery with no element around it. */
class TestForm extends LitElement {
  static override styles = [baseStyles, formStyles];
  sent: { values: FormValues; key: string }[] = [];
  failWith: Error | null = null;
  readonly form = new FormController<string>(this, {
    fields: () => FIELDS,
    validate: (values) => {
      const errors: FieldError[] = [];
      if (!values.mode) errors.push({ field: 'mode', code: 'required', message: 'mode is required' });
      if (values.capacity && !/^\d+$/.test(String(values.capacity))) errors.push({ field: 'capacity', code: 'invalid', message: 'bad' });
      return errors;
    },
    send: async (values, key) => {
      this.sent.push({ values, key });
      if (this.failWith) throw this.failWith;
      return 'ok';
    },
    draftKey: () => KEY,
    locale: () => 'fr',
  });
  override render() {
    return html`<form novalidate @submit=${submitHandler(this.form)}>
      ${renderErrorSummary(this.form)} ${FIELDS.map((f) => renderField(this.form, f))} ${renderSendError(this.form)} ${renderSubmit(this.form, 'Envoyer')}
    </form>${renderAnnouncer(this.form)}`;
  }
}
customElements.define('pgo-test-form', TestForm);

describe('form machinery', () => {
  beforeEach(() => localStorage.removeItem(KEY));
  afterEach(() => localStorage.removeItem(KEY));

  it('renders a radio group as a fieldset whose summary link focuses the first option', async () => {
    const el = await fixture<TestForm>(html`<pgo-test-form></pgo-test-form>`);
    const root = el.shadowRoot!;
    expect(root.querySelector('fieldset legend')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Mode (obligatoire)');
    await el.form.submit();
    await el.updateComplete;
    expect(root.activeElement).to.equal(root.querySelector('.error-summary'));
    expect(root.querySelector('fieldset')!.getAttribute('aria-describedby')).to.equal('f-mode-error');
    root.querySelector<HTMLAnchorElement>('.error-summary a')!.click();
    await el.updateComplete;
    expect(root.activeElement).to.equal(root.querySelector('#f-mode'));
    await expect(el).to.be.accessible();
  });

  it('keeps one idempotency key across retries and draws a new one after success', async () => {
    const el = await fixture<TestForm>(html`<pgo-test-form></pgo-test-form>`);
    el.form.input('mode', 'online');
    el.failWith = backendError('network', 'down');
    await el.form.submit();
    expect(el.form.status).to.equal('failed');
    el.failWith = null;
    await el.form.submit();
    expect(el.form.status).to.equal('success');
    expect(el.sent[0]!.key).to.equal(el.sent[1]!.key);
    el.form.startOver();
    el.form.input('mode', 'in-person');
    await el.form.submit();
    expect(el.sent[2]!.key).not.to.equal(el.sent[0]!.key);
  });

  it('ignores a corrupt stored draft and survives storage that throws on read', async () => {
    localStorage.setItem(KEY, '{not json');
    const el = await fixture<TestForm>(html`<pgo-test-form></pgo-test-form>`);
    expect(el.form.restoredAt).to.equal(null);
    const getItem = Storage.prototype.getItem;
    Storage.prototype.getItem = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    try {
      const again = await fixture<TestForm>(html`<pgo-test-form></pgo-test-form>`);
      again.form.input('capacity', '12');
      await waitUntil(() => again.shadowRoot!.querySelector<HTMLInputElement>('#f-capacity')!.value === '12');
    } finally {
      Storage.prototype.getItem = getItem;
    }
  });
});

import { property } from 'lit/decorators.js';
import { answerErrors, type AnswerInput } from '../core/organisers.js';
import type { FieldError, Proposal, ProposalAnswer } from '../core/schemas.js';
import { renderField, renderForm, renderFormPage } from '../forms/fields.js';
import { FormController, type FieldSpec, type FormValues } from '../forms/form-controller.js';
import { ConsoleElement } from './console-element.js';
import { consoleStyles } from './console.styles.js';
import type { ConsoleKey } from './messages.js';

const STATES = ['under-study', 'kept', 'merged', 'not-kept'] as const;

/**
 * Answers one proposal: under study, kept (with its commitment), merged into another, not kept; the
 * text is required for "not kept" and "merged" (the rule the server applies too, src/core/organisers.ts).
 *
 * @summary The console's answer form.
 * @csspart form - The form.
 * @fires pgo-answer-saved - The answer was saved; `detail` is `{ proposalId, answer }`.
 */
export class PgoAnswerForm extends ConsoleElement {
  static override styles = consoleStyles;

  @property() consultation = '';
  @property({ attribute: false }) proposal: Proposal | null = null;

  private readonly form = new FormController<ProposalAnswer>(this, {
    fields: () => this.specs(),
    validate: (values) => answerErrors(this.input(values), this.proposal?.id ?? '') as FieldError[],
    send: (values) => this.client.answer(this.consultation, this.proposal!.id, this.input(values)),
    // A half-written answer stays on this device until saved.
    draftKey: () => (this.proposal ? `pgo-draft:answer|${this.consultation}|${this.proposal.id}` : null),
    locale: () => this.locale,
    initialValues: () => ({
      state: this.proposal?.answer?.state ?? 'under-study',
      text: this.proposal?.answer?.text ?? '',
      commitment: this.proposal?.answer?.commitment ?? '',
      mergedInto: this.proposal?.answer?.mergedInto ?? '',
    }),
    onSuccess: (answer) => {
      this.form.announcement = this.t('answerSaved');
      this.emit('pgo-answer-saved', { proposalId: this.proposal!.id, answer });
      this.form.startOver();
    },
  });

  private input(values: FormValues): AnswerInput {
    const state = String(values.state ?? 'under-study') as AnswerInput['state'];
    return {
      state,
      text: String(values.text ?? '').trim(),
      commitment: state === 'kept' ? String(values.commitment ?? '').trim() || null : null,
      mergedInto: state === 'merged' ? String(values.mergedInto ?? '').trim() || null : null,
    };
  }

  private specs(): FieldSpec[] {
    const state = this.form?.values.state ?? 'under-study';
    const specs: FieldSpec[] = [
      {
        name: 'state',
        label: this.t('answerState'),
        type: 'radio',
        required: true,
        options: STATES.map((s) => ({ value: s, label: this.t(`state_${s}` as ConsoleKey) })),
      },
      {
        name: 'text',
        label: this.t('answerText'),
        type: 'textarea',
        hint: this.t('answerTextHint'),
        maxLength: 5000,
        rows: 4,
        required: state === 'not-kept' || state === 'merged',
      },
    ];
    if (state === 'kept') specs.push({ name: 'commitment', label: this.t('commitment'), maxLength: 2000 });
    if (state === 'merged') specs.push({ name: 'mergedInto', label: this.t('mergedInto'), required: true });
    return specs;
  }

  override render() {
    const title = this.t('answerFor', { title: this.proposal?.title ?? '' });
    return renderFormPage(
      this.form,
      renderForm(
        this.form,
        title,
        this.t('saveAnswer'),
        this.specs().map((spec) => renderField(this.form, spec)),
      ),
    );
  }
}

declare global {
  interface HTMLElementEventMap {
    'pgo-answer-saved': CustomEvent<{ proposalId: string; answer: ProposalAnswer }>;
  }
}

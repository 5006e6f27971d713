/** The fields of `<pgo-workshop-report>`, in display order (the error summary follows it): facts, each row, consent. */
import type { Consultation } from '../../core/schemas.js';
import type { FieldSpec } from '../../forms/form-controller.js';
import type { WorkshopReportKey } from './workshop-report.messages.js';
import { rowKey } from './workshop-report.values.js';

type Translate = (key: WorkshopReportKey, params?: Record<string, string | number>) => string;

export function reportFields(consultation: Consultation, rowCount: number, t: Translate): FieldSpec[] {
  const rules = consultation.settings.proposalFields;
  const categories = consultation.categories.map((c) => ({ value: c.id, label: c.title }));
  const rows: FieldSpec[] = [];
  for (let i = 0; i < rowCount; i++) {
    const n = String(i + 1);
    rows.push(
      { name: rowKey(i, 'title'), label: t('rowTitle', { n }), required: true, maxLength: rules.title.max },
      { name: rowKey(i, 'body'), label: t('rowBody', { n }), type: 'textarea', required: true, maxLength: rules.body.max, rows: 3 },
      ...(categories.length
        ? [
            {
              name: rowKey(i, 'categoryId'),
              label: t('rowCategory', { n }),
              type: 'select',
              required: rules.categoryRequired,
              options: categories,
            },
          ]
        : []),
      { name: rowKey(i, 'roomSupport'), label: t('rowSupport', { n }), type: 'number', inputMode: 'numeric', hint: t('rowSupportHint') },
    );
  }
  return [
    { name: 'heldOn', label: t('heldOn'), type: 'date', required: true },
    { name: 'attendees', label: t('attendees'), type: 'number', required: true, inputMode: 'numeric' },
    { name: 'organisations', label: t('organisations'), type: 'textarea', rows: 3, hint: t('organisationsHint') },
    { name: 'summary', label: t('summary'), type: 'textarea', required: true, rows: 5, hint: t('summaryHint'), maxLength: 4000 },
    ...rows,
    { name: 'consent', label: t('consent'), summaryLabel: t('consentShort'), type: 'checkbox', required: true },
  ];
}

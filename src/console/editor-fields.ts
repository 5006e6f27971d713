/**
 * The consultation editor's fields, section by section (names are schema paths: see
 * consultation-values.ts). Kept apart from the element so that the element stays a page of wiring.
 */
import { PhaseKind, VoteModel } from '../core/schemas.js';
import type { FieldSpec } from '../forms/form-controller.js';
import { ALLOWS, MODERATED_KINDS } from './consultation-values.js';
import type { EditorKey } from './editor.messages.js';

type T = (key: EditorKey, params?: Record<string, string | number>) => string;
const C = 'consultation';
const S = `${C}.settings`;
const F = `${S}.proposalFields`;

export type SectionId = 'texts' | 'phases' | 'categories' | 'votes' | 'moderation' | 'form' | 'hosts' | 'identity';
export const SECTION_IDS: SectionId[] = ['texts', 'phases', 'categories', 'votes', 'moderation', 'form', 'hosts', 'identity'];

const modes = (t: T) => [
  { value: 'pre', label: t('mode_pre') },
  { value: 'post', label: t('mode_post') },
];

export function phaseFields(t: T, i: number): FieldSpec[] {
  const at = `${C}.phases.${i}`;
  return [
    { name: `${at}.id`, label: t('f_id'), required: true },
    { name: `${at}.title`, label: t('f_title'), required: true, maxLength: 200 },
    {
      name: `${at}.kind`,
      label: t('f_phaseKind'),
      type: 'select',
      options: PhaseKind.options.map((k) => ({ value: k, label: t(`kind_${k}` as EditorKey) })),
    },
    { name: `${at}.startsAt`, label: t('f_startsAt'), type: 'datetime-local', required: true },
    { name: `${at}.endsAt`, label: t('f_endsAt'), type: 'datetime-local', required: true },
    ...ALLOWS.map((a) => ({ name: `${at}.${a}`, label: t(`a_${a}` as EditorKey), type: 'checkbox' })),
  ];
}

export function categoryFields(t: T, i: number): FieldSpec[] {
  return [
    { name: `${C}.categories.${i}.id`, label: t('f_id'), required: true },
    { name: `${C}.categories.${i}.title`, label: t('f_title'), required: true, maxLength: 200 },
  ];
}

/** Every field of a section; `creating`: the id is typed (it never changes afterwards). */
export function sectionFields(t: T, section: SectionId, counts: { phases: number; categories: number }, creating: boolean): FieldSpec[] {
  switch (section) {
    case 'texts':
      return [
        ...(creating ? [{ name: `${C}.id`, label: t('f_id'), hint: t('h_id'), required: true }] : []),
        { name: `${C}.title`, label: t('f_title'), required: true, maxLength: 300 },
        { name: `${C}.description`, label: t('f_description'), type: 'textarea', rows: 4, maxLength: 5000 },
        { name: `${C}.url`, label: t('f_url'), type: 'url' },
        { name: `${C}.timeZone`, label: t('f_timeZone'), hint: t('h_timeZone'), required: true },
      ];
    case 'phases':
      return Array.from({ length: counts.phases }, (_, i) => phaseFields(t, i)).flat();
    case 'categories':
      return Array.from({ length: counts.categories }, (_, i) => categoryFields(t, i)).flat();
    case 'votes':
      return [
        {
          name: `${S}.voteModel`,
          label: t('f_voteModel'),
          type: 'select',
          options: VoteModel.options.map((m) => ({ value: m, label: t(`vm_${m}` as EditorKey) })),
        },
        { name: `${S}.votesPerParticipant`, label: t('f_votesPerParticipant'), type: 'number', hint: t('h_noLimit'), inputMode: 'numeric' },
        { name: `${S}.voteWithdrawal`, label: t('f_voteWithdrawal'), type: 'checkbox' },
        { name: `${S}.supportThreshold`, label: t('f_supportThreshold'), type: 'number', hint: t('h_noThreshold'), inputMode: 'numeric' },
        { name: `${S}.hideCountsUntilEnd`, label: t('f_hideCounts'), type: 'checkbox' },
        { name: `${S}.closeVotingWhenAnswered`, label: t('f_closeVoting'), type: 'checkbox' },
      ];
    case 'moderation':
      return [
        { name: `${S}.moderation`, label: t('mod_proposal'), type: 'radio', options: modes(t) },
        { name: `${S}.comments.moderation`, label: t('mod_comment'), type: 'radio', options: modes(t) },
        ...MODERATED_KINDS.map((k) => ({ name: `moderation.${k}`, label: t(`mod_${k}`), type: 'radio', options: modes(t) })),
      ];
    case 'form':
      return [
        { name: `${F}.title.min`, label: t('f_titleMin'), type: 'number', required: true },
        { name: `${F}.title.max`, label: t('f_titleMax'), type: 'number', required: true },
        { name: `${F}.body.min`, label: t('f_bodyMin'), type: 'number', required: true },
        { name: `${F}.body.max`, label: t('f_bodyMax'), type: 'number', required: true },
        { name: `${F}.categoryRequired`, label: t('f_categoryRequired'), type: 'checkbox' },
        {
          name: `${F}.authorName`,
          label: t('f_authorName'),
          type: 'select',
          options: (['hidden', 'optional', 'required'] as const).map((v) => ({ value: v, label: t(`opt_${v}`) })),
        },
        {
          name: `${F}.email`,
          label: t('f_email'),
          type: 'select',
          options: (['none', 'optional', 'required'] as const).map((v) => ({ value: v, label: t(`opt_${v}`) })),
        },
        { name: `${F}.consent.text`, label: t('f_consent'), type: 'textarea', rows: 2, hint: t('h_consent'), maxLength: 1000 },
        { name: `${F}.consent.privacyUrl`, label: t('f_privacyUrl'), type: 'url' },
        { name: `${F}.extraFields`, label: t('f_extraFields'), type: 'textarea', rows: 4, hint: t('h_extraFields') },
      ];
    case 'hosts':
      return [{ name: 'allowedOrigins', label: t('f_origins'), type: 'textarea', rows: 3, hint: t('h_origins') }];
    case 'identity':
      return [
        { name: 'identity.enabled', label: t('f_identity'), type: 'checkbox' },
        { name: 'identity.issuer', label: t('f_issuer') },
        { name: 'identity.audience', label: t('f_audience') },
      ];
  }
}

/**
 * Business validation of what citizens submit, shared by the forms (before sending), the memory
 * backend and the reference server (authoritative). Returns field errors with stable codes that the
 * elements translate; `message` is an English fallback for API clients.
 */
import { isWebUrl } from './web-url.js';
import { ErrorList, NAME_MAX } from './error-list.js';
import type { Consultation, EventProposal, FieldError, ProposalDraft, RegistrationInput } from './schemas.js';

/** Exported for the server's OpenAPI document, which states these rules (one source). */
export { EMAIL, EMAIL_MAX, ErrorList, NAME_MAX } from './error-list.js';
export const POSTAL_CODE = /^[0-9]{5}$/;
export const CAPACITY_MAX = 100_000;
export const ADDRESS_LOCALITY_MAX = 120;

export const EVENT_TITLE = { min: 5, max: 150 } as const;
export const EVENT_DESCRIPTION = { min: 20, max: 5000 } as const;

export function validateProposalDraft(consultation: Consultation, draft: ProposalDraft): FieldError[] {
  const rules = consultation.settings.proposalFields;
  const list = new ErrorList();
  list.text('title', draft.title, rules.title.min, rules.title.max);
  list.text('body', draft.body, rules.body.min, rules.body.max);
  const categoryId = draft.categoryId ?? '';
  if (!categoryId) {
    if (rules.categoryRequired && consultation.categories.length) list.add('categoryId', 'required', 'categoryId is required');
  } else if (!consultation.categories.some((c) => c.id === categoryId)) {
    list.add('categoryId', 'invalid', 'categoryId is not one of the consultation categories');
  }
  for (const field of rules.extraFields) {
    const path = `extra.${field.id}`;
    const value = (draft.extra?.[field.id] ?? '').trim();
    if (!value) {
      if (field.required) list.add(path, 'required', `${path} is required`);
      continue;
    }
    if (field.type === 'select' && !field.options?.some((o) => o.value === value)) {
      list.add(path, 'invalid', `${path} is not one of the allowed options`);
    } else if (field.type === 'postal-code' && !POSTAL_CODE.test(value)) {
      list.add(path, 'postal_code', `${path} must be a five-digit postal code`);
    } else {
      list.text(path, value, 0, field.maxLength ?? 200);
    }
  }
  for (const key of Object.keys(draft.extra ?? {})) {
    if (!rules.extraFields.some((f) => f.id === key) && draft.extra?.[key])
      list.add(`extra.${key}`, 'unknown', `extra.${key} is not a field of this consultation`);
  }
  if (rules.authorName !== 'hidden') list.text('authorName', draft.authorName, 1, NAME_MAX, rules.authorName === 'required');
  if (rules.email !== 'none') list.email('email', draft.email, rules.email === 'required');
  if (rules.consent) list.consent('consent', draft.consent);
  return list.errors;
}

export function validateRegistration(input: RegistrationInput): FieldError[] {
  const list = new ErrorList();
  list.text('name', input.name, 1, NAME_MAX);
  list.email('email', input.email, true);
  list.consent('consent', input.consent);
  return list.errors;
}

export function validateEventProposal(consultation: Consultation, input: EventProposal, now: Date): FieldError[] {
  const list = new ErrorList();
  list.text('title', input.title, EVENT_TITLE.min, EVENT_TITLE.max);
  if (!consultation.settings.eventFormats.some((f) => f.id === input.format)) {
    list.add('format', input.format ? 'invalid' : 'required', 'format is not one of the consultation formats');
  }
  list.text('description', input.description, EVENT_DESCRIPTION.min, EVENT_DESCRIPTION.max);
  const starts = Date.parse(input.startsAt);
  const ends = Date.parse(input.endsAt);
  if (!input.startsAt) list.add('startsAt', 'required', 'startsAt is required');
  else if (Number.isNaN(starts)) list.add('startsAt', 'invalid', 'startsAt is not a date and time');
  else if (starts < now.getTime()) list.add('startsAt', 'past', 'startsAt is in the past');
  if (!input.endsAt) list.add('endsAt', 'required', 'endsAt is required');
  else if (Number.isNaN(ends)) list.add('endsAt', 'invalid', 'endsAt is not a date and time');
  else if (!Number.isNaN(starts) && ends <= starts) list.add('endsAt', 'before_start', 'endsAt must come after startsAt');
  if (!['in-person', 'online', 'hybrid'].includes(input.mode)) list.add('mode', 'required', 'mode is required');
  if (input.mode === 'in-person' || input.mode === 'hybrid') {
    list.text('address.locality', input.address?.locality, 1, ADDRESS_LOCALITY_MAX);
    const postal = input.address?.postalCode?.trim();
    if (postal && !POSTAL_CODE.test(postal))
      list.add('address.postalCode', 'postal_code', 'address.postalCode must be a five-digit postal code');
  }
  const onlineUrl = input.onlineUrl?.trim();
  if (!onlineUrl) {
    if (input.mode === 'online' || input.mode === 'hybrid') list.add('onlineUrl', 'required', 'onlineUrl is required');
  } else if (!isWebUrl(onlineUrl)) {
    list.add('onlineUrl', 'url', 'onlineUrl must be an http(s) address');
  }
  if (input.capacity != null && (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > CAPACITY_MAX)) {
    list.add('capacity', 'invalid', `capacity must be a whole number from 1 to ${CAPACITY_MAX}`);
  }
  list.text('organiserName', input.organiserName, 1, NAME_MAX);
  list.email('organiserEmail', input.organiserEmail, true);
  list.consent('consent', input.consent);
  return list.errors;
}

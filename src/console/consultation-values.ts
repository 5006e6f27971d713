/**
 * A consultation's settings as the editor's flat form values and back. Field names are the paths of the
 * shared schema (`consultation.phases.1.endsAt`), so the errors of the schema, of `checkConsultation` and
 * of the server land on the right fields. Phase times are typed in the consultation's time zone.
 */
import { moderationMode, type ConsultationEdit } from '../core/consultation-edit.js';
import type { Phase } from '../core/schemas.js';
import { offsetAt, zonedTimeToInstant } from '../core/time-zone.js';
import type { FormValues } from '../forms/form-controller.js';

const C = 'consultation';
const S = `${C}.settings`;
const F = `${S}.proposalFields`;
export const ALLOWS = ['proposalPhases', 'votePhases', 'eventProposalPhases'] as const;
/**
 * Kinds of contribution whose moderation mode lives in the editor's `moderation` map (proposed events,
 * amendments). Proposals keep theirs in settings.moderation, comments in settings.comments.moderation.
 */
export const MODERATED_KINDS = ['event', 'amendment'] as const;

/** `2026-03-02T10:00` in the zone (what an `<input type="datetime-local">` holds). */
export function localInput(iso: string, timeZone: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  try {
    return new Date(at + offsetAt(at, timeZone)).toISOString().slice(0, 16);
  } catch {
    return new Date(at).toISOString().slice(0, 16);
  }
}

/** The instant of a local time in the zone; '' when it is not one (the schema then names the field). */
export function instantOf(local: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return local;
  try {
    const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
    return zonedTimeToInstant({ year, month, day, hour, minute }, timeZone).toISOString();
  } catch {
    return local;
  }
}

const num = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

export function toValues(edit: ConsultationEdit): FormValues {
  const c = edit.consultation;
  const s = c.settings;
  const f = s.proposalFields;
  const values: FormValues = {
    [`${C}.id`]: c.id,
    [`${C}.title`]: c.title,
    [`${C}.description`]: c.description,
    [`${C}.url`]: c.url ?? '',
    [`${C}.timeZone`]: c.timeZone,
    [`${S}.voteModel`]: s.voteModel,
    [`${S}.votesPerParticipant`]: num(s.votesPerParticipant),
    [`${S}.voteWithdrawal`]: s.voteWithdrawal,
    [`${S}.supportThreshold`]: num(s.supportThreshold),
    [`${S}.hideCountsUntilEnd`]: s.hideCountsUntilEnd,
    [`${S}.closeVotingWhenAnswered`]: s.closeVotingWhenAnswered ?? false,
    [`${S}.moderation`]: s.moderation,
    [`${S}.comments.moderation`]: s.comments?.moderation ?? 'post',
    [`${F}.title.min`]: num(f.title.min),
    [`${F}.title.max`]: num(f.title.max),
    [`${F}.body.min`]: num(f.body.min),
    [`${F}.body.max`]: num(f.body.max),
    [`${F}.categoryRequired`]: f.categoryRequired,
    [`${F}.authorName`]: f.authorName,
    [`${F}.email`]: f.email,
    [`${F}.consent.text`]: f.consent?.text ?? '',
    [`${F}.consent.privacyUrl`]: f.consent?.privacyUrl ?? '',
    [`${F}.extraFields`]: JSON.stringify(f.extraFields, null, 2),
    allowedOrigins: edit.allowedOrigins.join('\n'),
    'identity.enabled': edit.identity !== null,
    'identity.issuer': edit.identity?.issuer ?? '',
    'identity.audience': edit.identity?.audience ?? '',
  };
  for (const kind of MODERATED_KINDS) values[`moderation.${kind}`] = moderationMode(edit, kind);
  c.phases.forEach((p, i) =>
    Object.assign(
      values,
      phaseValues(
        p,
        i,
        c.timeZone,
        ALLOWS.map((a) => s[a].includes(p.id)),
      ),
    ),
  );
  c.categories.forEach((cat, i) =>
    Object.assign(values, { [`${C}.categories.${i}.id`]: cat.id, [`${C}.categories.${i}.title`]: cat.title }),
  );
  return values;
}

export function phaseValues(
  p: Pick<Phase, 'id' | 'title' | 'kind' | 'startsAt' | 'endsAt'>,
  i: number,
  timeZone: string,
  allows: boolean[],
): FormValues {
  const at = `${C}.phases.${i}`;
  const values: FormValues = {
    [`${at}.id`]: p.id,
    [`${at}.title`]: p.title,
    [`${at}.kind`]: p.kind,
    [`${at}.startsAt`]: p.startsAt ? localInput(p.startsAt, timeZone) : '',
    [`${at}.endsAt`]: p.endsAt ? localInput(p.endsAt, timeZone) : '',
  };
  ALLOWS.forEach((a, k) => {
    values[`${at}.${a}`] = allows[k] ?? false;
  });
  return values;
}

const str = (values: FormValues, name: string) => String(values[name] ?? '').trim();
const int = (values: FormValues, name: string) => (str(values, name) === '' ? null : Number(str(values, name)));

/**
 * The edit the values describe. `base`: what the form does not show (descriptions, event formats,
 * the other links) and the times as saved (an unchanged local time keeps its exact instant).
 */
export function fromValues(values: FormValues, counts: { phases: number; categories: number }, base: ConsultationEdit): ConsultationEdit {
  const c = base.consultation;
  const timeZone = str(values, `${C}.timeZone`);
  // What the form does not show (a description) follows the phase's id, not its place in the list.
  const phases = Array.from({ length: counts.phases }, (_, i) => {
    const id = str(values, `${C}.phases.${i}.id`);
    const old = c.phases.find((p) => p.id === id);
    const time = (key: 'startsAt' | 'endsAt') => {
      const typed = str(values, `${C}.phases.${i}.${key}`);
      return old && typed === localInput(old[key], c.timeZone) && timeZone === c.timeZone ? old[key] : instantOf(typed, timeZone);
    };
    return {
      ...old,
      id,
      title: str(values, `${C}.phases.${i}.title`),
      kind: str(values, `${C}.phases.${i}.kind`) as Phase['kind'],
      startsAt: time('startsAt'),
      endsAt: time('endsAt'),
    };
  });
  const allowed = (a: (typeof ALLOWS)[number]) => phases.filter((_, i) => values[`${C}.phases.${i}.${a}`] === true).map((p) => p.id);
  const categories = Array.from({ length: counts.categories }, (_, i) => {
    const id = str(values, `${C}.categories.${i}.id`);
    return { ...c.categories.find((cat) => cat.id === id), id, title: str(values, `${C}.categories.${i}.title`) };
  });
  let extraFields: unknown;
  try {
    extraFields = JSON.parse(str(values, `${F}.extraFields`) || '[]');
  } catch {
    extraFields = str(values, `${F}.extraFields`);
  }
  const consent = str(values, `${F}.consent.text`);
  const privacyUrl = str(values, `${F}.consent.privacyUrl`);
  const url = str(values, `${C}.url`);
  const { url: _url, ...rest } = c;
  return {
    consultation: {
      ...rest,
      ...(url ? { url } : {}),
      id: str(values, `${C}.id`),
      title: str(values, `${C}.title`),
      description: str(values, `${C}.description`),
      timeZone,
      phases,
      categories,
      settings: {
        ...c.settings,
        proposalPhases: allowed('proposalPhases'),
        votePhases: allowed('votePhases'),
        eventProposalPhases: allowed('eventProposalPhases'),
        voteModel: str(values, `${S}.voteModel`) as ConsultationEdit['consultation']['settings']['voteModel'],
        votesPerParticipant: int(values, `${S}.votesPerParticipant`),
        voteWithdrawal: values[`${S}.voteWithdrawal`] === true,
        supportThreshold: int(values, `${S}.supportThreshold`),
        hideCountsUntilEnd: values[`${S}.hideCountsUntilEnd`] === true,
        closeVotingWhenAnswered: values[`${S}.closeVotingWhenAnswered`] === true,
        moderation: str(values, `${S}.moderation`) as 'pre' | 'post',
        comments: { ...c.settings.comments, moderation: str(values, `${S}.comments.moderation`) as 'pre' | 'post' },
        proposalFields: {
          title: { min: int(values, `${F}.title.min`) ?? 0, max: int(values, `${F}.title.max`) ?? 0 },
          body: { min: int(values, `${F}.body.min`) ?? 0, max: int(values, `${F}.body.max`) ?? 0 },
          categoryRequired: values[`${F}.categoryRequired`] === true,
          authorName: str(values, `${F}.authorName`) as 'hidden' | 'optional' | 'required',
          email: str(values, `${F}.email`) as 'none' | 'optional' | 'required',
          extraFields: extraFields as ConsultationEdit['consultation']['settings']['proposalFields']['extraFields'],
          consent: consent ? { text: consent, ...(privacyUrl ? { privacyUrl } : {}) } : null,
        },
      },
    },
    allowedOrigins: str(values, 'allowedOrigins')
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean),
    moderation: {
      ...base.moderation,
      ...Object.fromEntries(MODERATED_KINDS.map((k) => [k, str(values, `moderation.${k}`) as 'pre' | 'post'])),
    },
    identity:
      values['identity.enabled'] === true
        ? {
            ...(str(values, 'identity.issuer') ? { issuer: str(values, 'identity.issuer') } : {}),
            ...(str(values, 'identity.audience') ? { audience: str(values, 'identity.audience') } : {}),
          }
        : null,
  };
}

/** Removes item `index` of a list (`consultation.phases`), moving the later ones up. */
export function removeItem(values: FormValues, prefix: string, index: number, count: number): FormValues {
  const out: FormValues = {};
  for (const [name, value] of Object.entries(values)) {
    const m = name.startsWith(`${prefix}.`) ? /^(\d+)\.(.*)$/.exec(name.slice(prefix.length + 1)) : null;
    if (!m) out[name] = value;
    else if (Number(m[1]) < index) out[name] = value;
    else if (Number(m[1]) > index && Number(m[1]) < count) out[`${prefix}.${Number(m[1]) - 1}.${m[2]}`] = value;
  }
  return out;
}

/** The checks of a consultation file (config.ts) that its schema cannot say: references between fields, unique ids, origins, secrets. */
import { VOTE_CHOICES, type VoteChoice } from '../../src/core/schemas.js';
import { checkConsultation } from '../../src/core/consultation-edit.js';
import type { ConsultationFile } from './config.js';
import { resolveTime, type TimeSpec } from './relative-time.js';

/** Every problem of one file, as `field: what is wrong` lines. */
export function crossCheck(data: ConsultationFile, env: Record<string, string | undefined>, now: number): string[] {
  const problems: string[] = [];
  const c = data.consultation;
  const categoryIds = new Set(c.categories.map((cat) => cat.id));
  const formats = new Set(c.settings.eventFormats.map((f) => f.id));
  const choices = VOTE_CHOICES[c.settings.voteModel];
  // The consultation's own rules, shared with the console (times resolved: relative ones compare alike).
  const resolved = {
    ...c,
    phases: c.phases.map((p) => ({
      ...p,
      startsAt: resolveTime(p.startsAt, c.timeZone, now),
      endsAt: resolveTime(p.endsAt, c.timeZone, now),
    })),
  };
  for (const error of checkConsultation({
    consultation: resolved,
    allowedOrigins: data.allowedOrigins,
    moderation: data.moderation ?? {},
    identity: null,
  })) {
    problems.push(
      `${formatPath(error.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)))}: ${error.message.slice(error.field.length + 2)}`,
    );
  }
  if (data.identity) {
    const { secret, secretEnv } = data.identity;
    // Neither: issuer and audience only, the keys being made in the console (an exported file).
    if (secret && secretEnv) problems.push('identity: give one of secret or secretEnv, not both');
    else if (secretEnv && (env[secretEnv] ?? '').length < 32)
      problems.push(`identity.secretEnv: the environment variable ${secretEnv} must hold a key of at least 32 characters`);
  }
  const proposalIds = new Set<string>();
  data.seed?.proposals?.forEach((p, i) => {
    const at = `seed.proposals[${i}]`;
    if (proposalIds.has(p.id)) problems.push(`${at}.id: duplicate proposal id “${p.id}”`);
    proposalIds.add(p.id);
    if (p.categoryId && !categoryIds.has(p.categoryId))
      problems.push(`${at}.categoryId: “${p.categoryId}” is not a category of the consultation`);
    for (const key of Object.keys(p.extra ?? {})) {
      if (!c.settings.proposalFields.extraFields.some((f) => f.id === key))
        problems.push(`${at}.extra.${key}: not an extra field of the consultation`);
    }
    for (const choice of Object.keys(p.votes ?? {})) {
      if (!choices.includes(choice as VoteChoice))
        problems.push(`${at}.votes.${choice}: not a choice of the ${c.settings.voteModel} vote model`);
    }
  });
  const eventIds = new Set<string>();
  data.seed?.events?.forEach((e, i) => {
    const at = `seed.events[${i}]`;
    if (eventIds.has(e.id)) problems.push(`${at}.id: duplicate event id “${e.id}”`);
    eventIds.add(e.id);
    if (!formats.has(e.format)) problems.push(`${at}.format: “${e.format}” is not one of settings.eventFormats`);
    if (timeKey(e.endsAt) <= timeKey(e.startsAt)) problems.push(`${at}.endsAt: must come after startsAt`);
    if (e.mode !== 'online' && !e.address) problems.push(`${at}.address: an ${e.mode} event needs an address`);
    if (e.mode !== 'in-person' && !e.onlineUrl) problems.push(`${at}.onlineUrl: an ${e.mode} event needs an online address`);
  });
  return problems;
}

/** Orders absolute and relative times alike (relative ones by day then time: enough for a check). */
function timeKey(spec: TimeSpec): number {
  if (typeof spec === 'string') return Date.parse(spec);
  const [h, m] = (spec.time ?? '00:00').split(':').map(Number) as [number, number];
  return spec.relativeDays * 1440 + h * 60 + m;
}

/** `consultation.phases[1].endsAt` */
export function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') ||
    '(root)'
  );
}

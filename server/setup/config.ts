/**
 * Consultation configuration files (server/config/*.json): the consultation itself (the core
 * `Consultation` schema, with phase times that may be relative to today), the host origins allowed
 * to call the API from a browser, an optional key for host-signed identities, and demo data seeded
 * on first run. Validated at start; every problem names the file and the field.
 */
import { MarkdownImport } from '../../src/core/text.js';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import * as z from 'zod/mini';
import './zod-english.js';
import {
  Address,
  Category,
  Consultation,
  ConsultationSettings,
  EventMode,
  EventStatus,
  Phase,
  ProposalStatus,
  VOTE_CHOICES,
  VoteChoice,
} from '../../src/core/schemas.js';
import { checkConsultation, KindModeration, type ModerationMode } from '../../src/core/consultation-edit.js';
import { resolveTime, TimeSpec } from './relative-time.js';

const Id = z.string().check(z.minLength(1), z.maxLength(120), z.regex(/^[A-Za-z0-9_.:-]+$/));
const Url = z.url({ protocol: /^https?$/ });

const PhaseConfig = z.extend(Phase, { startsAt: TimeSpec, endsAt: TimeSpec });
const ConsultationConfig = z.strictObject({
  ...Consultation.shape,
  phases: z.array(PhaseConfig),
  categories: z.array(Category),
  settings: ConsultationSettings,
});

const SeedProposal = z.strictObject({
  id: Id,
  title: z.string().check(z.minLength(1)),
  body: z.string().check(z.minLength(1)),
  categoryId: z.optional(z.nullable(Id)),
  extra: z.optional(z.record(z.string(), z.string())),
  authorName: z.optional(z.nullable(z.string())),
  createdAt: TimeSpec,
  status: z.optional(ProposalStatus),
  /** Votes by other (seeded, anonymous) participants: `{"support": 12}`. */
  votes: z.optional(z.partialRecord(VoteChoice, z.int().check(z.gte(0), z.lte(1000)))),
});

const SeedEvent = z.strictObject({
  id: Id,
  title: z.string().check(z.minLength(1)),
  format: Id,
  description: z.string(),
  startsAt: TimeSpec,
  endsAt: TimeSpec,
  timeZone: z.optional(z.string()),
  mode: EventMode,
  address: z.optional(Address),
  geo: z.optional(z.object({ lat: z.number().check(z.gte(-90), z.lte(90)), lon: z.number().check(z.gte(-180), z.lte(180)) })),
  onlineUrl: z.optional(Url),
  organiser: z.object({ name: z.string().check(z.minLength(1)), url: z.optional(Url) }),
  status: z.optional(EventStatus),
  registration: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('external'), url: Url }),
    z.object({ kind: z.literal('inline'), capacity: z.nullable(z.int().check(z.gte(1))) }),
  ]),
  url: z.optional(Url),
  moderation: z.optional(z.enum(['pending', 'approved', 'hidden'])),
});

const IdentityConfig = z.strictObject({
  /** The HS256 key shared with the host CMS (at least 32 characters)... */
  secret: z.optional(z.string().check(z.minLength(32, 'The key needs at least 32 characters'))),
  /** ...or the name of the environment variable holding it (keeps secrets out of files). */
  secretEnv: z.optional(z.string().check(z.regex(/^[A-Z_][A-Z0-9_]*$/))),
  issuer: z.optional(z.string()),
  audience: z.optional(z.string()),
});

export const ConsultationFile = z.strictObject({
  $schema: z.optional(z.string()),
  consultation: ConsultationConfig,
  /** Origins (`https://www.ville.fr`) whose pages may call the API; `*` opens it to any site. */
  allowedOrigins: z.array(z.string()),
  /** The moderation mode of kinds other than proposals (`{"event": "pre"}`); proposals: settings.moderation. */
  moderation: z.optional(KindModeration),
  identity: z.optional(IdentityConfig),
  seed: z.optional(
    z.strictObject({
      proposals: z.optional(z.array(SeedProposal)),
      events: z.optional(z.array(SeedEvent)),
      /** Issue 21: drafts of the collaborative writing phase, imported as version 1 (headings become sections). */
      documents: z.optional(z.array(MarkdownImport)),
    }),
  ),
});
export type ConsultationFile = z.infer<typeof ConsultationFile>;
export type SeedProposal = z.infer<typeof SeedProposal>;
export type SeedEvent = z.infer<typeof SeedEvent>;

/** A host-signing key: the newest signs, older ones keep working until `retiresAt` (rotation overlap). */
export interface SigningKeyRecord {
  id: string;
  key: Uint8Array;
  createdAt: string;
  retiresAt: string | null;
  fromEnv?: string;
}

/** A consultation ready to serve: times resolved, secrets read. */
export interface LoadedConsultation {
  consultation: Consultation;
  allowedOrigins: string[];
  moderation: Record<string, ModerationMode>;
  /** Null: no host-signed identities. `keys`: newest first; `key`: the newest. */
  identity: { key: Uint8Array; keys: SigningKeyRecord[]; issuer?: string; audience?: string } | null;
  /** Issuer and audience even while no key exists (a consultation set up in the console). */
  identitySettings: { issuer?: string; audience?: string } | null;
  seed: {
    proposals: (Omit<SeedProposal, 'createdAt'> & { createdAt: string })[];
    events: (Omit<SeedEvent, 'startsAt' | 'endsAt'> & { startsAt: string; endsAt: string })[];
    documents?: MarkdownImport[];
  };
  file: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid consultation configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** `consultation.phases[1].endsAt` */
export function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') ||
    '(root)'
  );
}

export interface LoadOptions {
  now?: number;
  env?: Record<string, string | undefined>;
}

/** Loads and validates every `*.json` of a folder; throws one ConfigError listing every problem. */
export function loadConsultations(configDir: string, options: LoadOptions = {}): LoadedConsultation[] {
  const files = readdirSync(configDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const problems: string[] = [];
  const loaded: LoadedConsultation[] = [];
  for (const file of files) {
    const path = join(configDir, file);
    const shown = relative(process.cwd(), path) || basename(path);
    try {
      loaded.push(parseConsultationFile(readFileSync(path, 'utf8'), shown, options));
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else throw error;
    }
  }
  const seen = new Map<string, string>();
  for (const item of loaded) {
    const other = seen.get(item.consultation.id);
    if (other) problems.push(`${item.file}: consultation.id: “${item.consultation.id}” is already used by ${other}`);
    seen.set(item.consultation.id, item.file);
  }
  if (!files.length) problems.push(`${configDir}: no consultation file (*.json) found`);
  if (problems.length) throw new ConfigError(problems);
  return loaded;
}

/** Validates one file's text; `file` names it in error messages. */
export function parseConsultationFile(text: string, file: string, options: LoadOptions = {}): LoadedConsultation {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`${file}: not valid JSON (${(error as Error).message})`]);
  }
  const parsed = ConsultationFile.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${file}: ${formatPath(issue.path)}: ${issue.message}`));
  }
  const problems = crossCheck(parsed.data, options.env ?? process.env, options.now ?? Date.now()).map((p) => `${file}: ${p}`);
  if (problems.length) throw new ConfigError(problems);
  return resolve(parsed.data, file, options);
}

/** What a schema cannot say: references between fields, unique ids, origins, secrets. */
function crossCheck(data: ConsultationFile, env: Record<string, string | undefined>, now: number): string[] {
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

function resolve(data: ConsultationFile, file: string, options: LoadOptions): LoadedConsultation {
  const now = options.now ?? Date.now();
  const c = data.consultation;
  const tz = c.timeZone;
  const at = (spec: TimeSpec) => resolveTime(spec, tz, now);
  const consultation: Consultation = { ...c, phases: c.phases.map((p) => ({ ...p, startsAt: at(p.startsAt), endsAt: at(p.endsAt) })) };
  // The resolved consultation must be exactly what the API promises.
  const check = Consultation.safeParse(consultation);
  if (!check.success) throw new ConfigError(check.error.issues.map((i) => `${file}: consultation.${formatPath(i.path)}: ${i.message}`));
  const secret = data.identity ? (data.identity.secret ?? (options.env ?? process.env)[data.identity.secretEnv ?? ''] ?? '') : null;
  const identitySettings = data.identity ? { issuer: data.identity.issuer, audience: data.identity.audience } : null;
  const key: SigningKeyRecord | null = secret
    ? {
        id: 'file',
        key: new TextEncoder().encode(secret),
        createdAt: new Date(now).toISOString(),
        retiresAt: null,
        ...(data.identity?.secretEnv ? { fromEnv: data.identity.secretEnv } : {}),
      }
    : null;
  return {
    consultation: check.data,
    allowedOrigins: data.allowedOrigins,
    moderation: data.moderation ?? {},
    identity: identitySettings && key ? { key: key.key, keys: [key], ...identitySettings } : null,
    identitySettings,
    seed: {
      proposals: (data.seed?.proposals ?? []).map((p) => ({ ...p, createdAt: at(p.createdAt) })),
      events: (data.seed?.events ?? []).map((e) => ({
        ...e,
        startsAt: resolveTime(e.startsAt, e.timeZone ?? tz, now),
        endsAt: resolveTime(e.endsAt, e.timeZone ?? tz, now),
      })),
      documents: data.seed?.documents ?? [],
    },
    file,
  };
}

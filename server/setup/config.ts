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
  VoteChoice,
} from '../../src/core/schemas.js';
import { KindModeration, type ModerationMode } from '../../src/core/consultation-edit.js';
import { crossCheck, formatPath } from './config-checks.js';
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

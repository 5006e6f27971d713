/**
 * Decidim's objects into the core shapes: a participatory process and its steps into a consultation
 * and its phases, proposals (with a hidden count kept hidden, never zero) and meetings into events.
 * Every text goes through `translatedText` (text only); every URL through `webUrl`.
 */
import { zonedTimeToInstant } from '../../core/time-zone.js';
import type { Address, Consultation, ConsultationEvent, EventMode, Phase, Proposal, Registration, VoteTally } from '../../core/schemas.js';
import type { RawComponent, RawMeeting, RawProcess, RawProposal, RawStage } from './raw.js';
import { translatedText } from './text.js';
import { isWebLocation } from '../../core/web-url.js';

export interface MapContext {
  consultationId: string;
  locale: string;
  timeZone: string;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A Decidim `Date` (a calendar day in the organisation's time zone; an end day is inclusive, so it ends
 * at the next midnight) or `DateTime` (an instant), as an ISO instant; null when absent or unreadable.
 */
export function decidimInstant(value: string | null | undefined, timeZone: string, edge: 'start' | 'end'): string | null {
  if (!value) return null;
  const day = DATE_ONLY.exec(value);
  if (day) {
    const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + (edge === 'end' ? 1 : 0)));
    return zonedTimeToInstant(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
      timeZone,
    ).toISOString();
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The URL when it is an http(s) address on a named host (the core schema's WebUrl), else undefined. */
export function webUrl(value: string | null | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return isWebLocation(url) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The component of a type the configuration names, else the first one (by weight) in the process. */
export function pickComponent(process: RawProcess, typename: string, wanted?: string): RawComponent | null {
  const all = (process.components ?? []).filter((c): c is RawComponent => !!c && c.__typename === typename);
  if (wanted) return all.find((c) => c.id === wanted) ?? { __typename: typename, id: wanted };
  return all.sort((a, b) => (a.weight ?? 0) - (b.weight ?? 0))[0] ?? null;
}

/** `https://host/processes/slug/f/12/` -> `https://host/processes/slug`. */
export function processUrlFrom(componentUrl: string | undefined): string | undefined {
  return componentUrl ? webUrl(componentUrl.replace(/\/f\/[^/]+\/?.*$/, '')) : undefined;
}

function toPhases(process: RawProcess, ctx: MapContext): Phase[] {
  const processStart = decidimInstant(process.startDate, ctx.timeZone, 'start');
  const processEnd = decidimInstant(process.endDate, ctx.timeZone, 'end');
  const stages = (process.steps ?? process.phases ?? [])
    .filter((s): s is RawStage => !!s)
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const phases: Phase[] = [];
  for (const stage of stages) {
    const startsAt = decidimInstant(stage.startDate, ctx.timeZone, 'start') ?? (phases.length ? null : processStart);
    const endsAt = decidimInstant(stage.endDate, ctx.timeZone, 'end') ?? (stage === stages[stages.length - 1] ? processEnd : null);
    if (!startsAt || !endsAt || Date.parse(endsAt) <= Date.parse(startsAt)) continue;
    const description = translatedText(stage.description, ctx.locale, 2000);
    phases.push({
      id: stage.id,
      title: translatedText(stage.title, ctx.locale, 200),
      kind: 'other',
      startsAt,
      endsAt,
      ...(description ? { description } : {}),
    });
  }
  if (!phases.length && processStart && processEnd) {
    phases.push({
      id: `process-${process.id}`,
      title: translatedText(process.title, ctx.locale, 200),
      kind: 'other',
      startsAt: processStart,
      endsAt: processEnd,
    });
  }
  return phases;
}

export function toConsultation(
  process: RawProcess,
  ctx: MapContext & { proposalsUrl?: string; meetingsUrl?: string; processUrl?: string; eventLabel: string },
): Consultation {
  const phases = toPhases(process, ctx);
  const ids = phases.map((p) => p.id);
  const linkOut: Consultation['linkOut'] = {};
  if (ctx.proposalsUrl) linkOut.proposals = linkOut.votes = ctx.proposalsUrl;
  if (ctx.meetingsUrl) linkOut.eventProposals = ctx.meetingsUrl;
  return {
    id: ctx.consultationId,
    title: translatedText(process.title, ctx.locale, 300),
    description: translatedText(process.shortDescription, ctx.locale, 5000) || translatedText(process.description, ctx.locale, 5000),
    ...(ctx.processUrl ? { url: ctx.processUrl } : {}),
    timeZone: ctx.timeZone,
    phases,
    categories: [],
    settings: {
      // Decidim does not say which steps accept proposals or votes: every phase may, Decidim decides
      // (linkOut below tells the elements these lists are not authoritative).
      proposalPhases: ctx.proposalsUrl ? ids : [],
      votePhases: ctx.proposalsUrl ? ids : [],
      eventProposalPhases: [],
      voteModel: 'support',
      votesPerParticipant: null,
      voteWithdrawal: true,
      supportThreshold: null,
      hideCountsUntilEnd: false,
      moderation: 'post',
      // Decidim's own form rules (ProposalForm: title 15 to 150 characters, body from 15); the component's
      // body limit is not in the API, so Decidim's answer decides beyond it.
      proposalFields: {
        title: { min: 15, max: 150 },
        body: { min: 15, max: 20000 },
        categoryRequired: false,
        authorName: 'hidden',
        email: 'none',
        extraFields: [],
        consent: null,
      },
      eventFormats: [{ id: 'meeting', label: ctx.eventLabel }],
    },
    linkOut,
  };
}

export function toTally(proposalId: string, voteCount: number | null | undefined): VoteTally {
  // Decidim answers null when the component hides votes: hidden, never shown as zero.
  if (voteCount === null || voteCount === undefined) return { proposalId, hidden: true, total: null, counts: null };
  return { proposalId, hidden: false, total: voteCount, counts: { support: voteCount } };
}

/**
 * What a list shows: Decidim's `proposals` also lists withdrawn proposals and emendations (proposals
 * amending another one, named by the other's `amendments`); both are left out, as other backends list
 * published proposals only. An emendation whose original is on another page cannot be told apart.
 */
export function listable(raws: RawProposal[]): RawProposal[] {
  const emendations = new Set(raws.flatMap((p) => (p.amendments ?? []).map((a) => a?.emendation?.id)).filter(Boolean));
  return raws.filter((p) => !p.withdrawn && !emendations.has(p.id));
}

/**
 * A proposal's answer in `extra`: `state` (null until an answer is published, then Decidim's or the
 * organisation's own state, kept as it is), the answer's text and when it was given.
 */
function answerOf(raw: RawProposal, ctx: MapContext): Record<string, string> {
  const extra: Record<string, string> = {};
  if (raw.state) extra.state = raw.state;
  const answer = translatedText(raw.answer, ctx.locale, 5000);
  if (answer) extra.answer = answer;
  const at = decidimInstant(raw.answeredAt, ctx.timeZone, 'start');
  if (answer && at) extra.answeredAt = at;
  return extra;
}

export function toProposal(raw: RawProposal, ctx: MapContext & { componentUrl?: string }): Proposal {
  const url = ctx.componentUrl ? webUrl(`proposals/${encodeURIComponent(raw.id)}`, ctx.componentUrl.replace(/\/?$/, '/')) : undefined;
  return {
    id: raw.id,
    consultationId: ctx.consultationId,
    title: translatedText(raw.title, ctx.locale),
    body: translatedText(raw.body, ctx.locale),
    categoryId: null,
    extra: answerOf(raw, ctx),
    authorName: raw.author?.name?.trim() || null,
    createdAt: decidimInstant(raw.publishedAt ?? raw.createdAt, ctx.timeZone, 'start') ?? new Date(0).toISOString(),
    status: raw.withdrawn ? 'withdrawn' : 'published',
    tally: toTally(raw.id, raw.voteCount),
    ...(url ? { url } : {}),
  };
}

const MODES: Record<string, EventMode> = { in_person: 'in-person', online: 'online', hybrid: 'hybrid' };

export function toEvent(raw: RawMeeting, ctx: MapContext & { organiser: string }): ConsultationEvent {
  const mode = MODES[raw.typeOfMeeting] ?? 'in-person';
  const placeName = translatedText(raw.location, ctx.locale, 200);
  const address = mode === 'online' ? undefined : toAddress(raw.address ?? '', placeName);
  const onlineUrl = mode === 'in-person' ? undefined : webUrl(raw.onlineMeetingUrl);
  const { latitude: lat, longitude: lon } = raw.coordinates ?? {};
  const geo = typeof lat === 'number' && typeof lon === 'number' && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : undefined;
  const registration = toRegistration(raw);
  const url = webUrl(raw.url);
  return {
    id: raw.id,
    consultationId: ctx.consultationId,
    title: translatedText(raw.title, ctx.locale),
    format: 'meeting',
    description: translatedText(raw.description, ctx.locale),
    startsAt: decidimInstant(raw.startTime, ctx.timeZone, 'start')!,
    endsAt: decidimInstant(raw.endTime, ctx.timeZone, 'end')!,
    timeZone: ctx.timeZone,
    mode,
    ...(address ? { address } : {}),
    ...(geo ? { geo } : {}),
    ...(onlineUrl ? { onlineUrl } : {}),
    organiser: { name: raw.author?.name?.trim() || ctx.organiser },
    // Never "full" from Decidim's count alone: 0 seats left also means "no limit" there.
    status: raw.withdrawn ? 'cancelled' : 'scheduled',
    registration,
    ...(url ? { url } : {}),
  };
}

function toRegistration(raw: RawMeeting): Registration {
  const type = raw.registrationType ?? (raw.registrationsEnabled ? 'on_this_platform' : 'registration_disabled');
  if (type === 'on_different_platform') {
    const url = webUrl(raw.registrationUrl);
    return url ? { kind: 'external', url } : { kind: 'none' };
  }
  if (type === 'on_this_platform' && raw.registrationsEnabled !== false) {
    // Decidim gives the seats left, not the capacity, and 0 both when full and when there is no limit
    // (available slots 0): only a positive count is known to be the seats left.
    const left = typeof raw.remainingSlots === 'number' && raw.remainingSlots > 0 ? raw.remainingSlots : null;
    return { kind: 'inline', capacity: null, seatsLeft: left };
  }
  return { kind: 'none' };
}

/** Decidim's free-form address ("12 rue X, 69001 Lyon"): the postal code and town when they can be told apart. */
export function toAddress(address: string, placeName: string): Address | undefined {
  const text = address.replace(/\s+/g, ' ').trim();
  if (!text && !placeName) return undefined;
  const clip = (s: string, n: number) => s.slice(0, n).trim();
  const withPlace = placeName ? { placeName: clip(placeName, 200) } : {};
  const postal = /^(.*?)[,\s]*\b(\d{4,5})\s+([^,\d][^,]*)/.exec(text);
  if (postal) {
    const street = postal[1]!.replace(/[,\s]+$/, '');
    return { ...withPlace, ...(street ? { street: clip(street, 200) } : {}), postalCode: postal[2]!, locality: clip(postal[3]!, 120) };
  }
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const locality = parts.pop() ?? '';
  return { ...withPlace, ...(parts.length ? { street: clip(parts.join(', '), 200) } : {}), locality: clip(locality || placeName, 120) };
}

/**
 * Reading a Decidim participatory process: its steps (`steps` on 0.32, `phases` on the development
 * line, asked in that order and remembered), its proposals and meetings components, the organisation's
 * name (a TranslatedField since 0.29, decidim-core organization_type.rb) and languages.
 */
import type { RequestOptions } from '../../core/backend.js';
import { backendError, type BackendError } from '../../core/errors.js';
import type { Consultation } from '../../core/schemas.js';
import type { DecidimClient } from './client.js';
import * as doc from './documents.js';
import { tokenCorsProblem } from './oauth.js';
import { pickComponent, processUrlFrom, toConsultation, webUrl } from './mapping.js';
import type { RawProcess } from './raw.js';
import type { DecidimCapabilities, ResolvedOptions } from './options.js';
import { translatedText, type TranslatedField } from './text.js';
import { isUndefinedField } from './transport.js';

export interface ProcessInfo {
  raw: RawProcess;
  consultation: Consultation;
  organiser: string;
  /** Languages the organisation is known to have (its name's, then the process title's), for writes. */
  locales: string[];
  proposals: { id: string; url?: string } | null;
  meetings: { id: string; url?: string } | null;
  /** Why this page cannot sign in to Decidim (no CORS on /oauth/token): writes then link to Decidim. */
  signInProblem?: BackendError;
}

const EVENT_LABEL: Record<string, string> = { fr: 'Réunion', en: 'Meeting' };

/** Locales a translated field is written in (machine translations excluded). */
const localesOf = (field: TranslatedField | null | undefined) =>
  (field?.translations ?? []).flatMap((t) => (t && t.text?.trim() && !t.machineTranslated ? [t.locale] : []));

export class ProcessReader {
  /** `steps` (Decidim 0.32) until the server says it only knows `phases`. */
  private stages: doc.StagesField = 'steps';

  constructor(
    private readonly client: DecidimClient,
    private readonly options: ResolvedOptions,
    private readonly capabilities: DecidimCapabilities,
  ) {}

  async read(consultationId: string, options?: RequestOptions): Promise<ProcessInfo> {
    const key = this.options.process || consultationId;
    const variables = /^\d+$/.test(key) ? { id: key, slug: null } : { id: null, slug: key };
    type Answer = { organization: { name: TranslatedField | null } | null; participatoryProcess: RawProcess | null };
    let data: Answer;
    try {
      data = await this.client.request<Answer>(doc.processQuery(this.stages), variables, options);
    } catch (error) {
      if (!isUndefinedField(error, this.stages)) throw error;
      this.stages = this.stages === 'steps' ? 'phases' : 'steps';
      data = await this.client.request<Answer>(doc.processQuery(this.stages), variables, options);
    }
    const raw = data.participatoryProcess;
    if (!raw) throw backendError('not-found', `No published Decidim process “${key}”`);
    const { endpoint, locale, timeZone } = this.options;
    const proposals = pickComponent(raw, 'Proposals', this.options.proposalsComponent);
    const meetings = pickComponent(raw, 'Meetings', this.options.meetingsComponent);
    const componentUrl = (c: typeof proposals) =>
      c ? (webUrl(c.url) ?? webUrl(`${endpoint}/processes/${raw.slug}/f/${c.id}/`)) : undefined;
    const proposalsUrl = componentUrl(proposals);
    const meetingsUrl = componentUrl(meetings);
    const processUrl = processUrlFrom(proposalsUrl ?? meetingsUrl) ?? webUrl(`${endpoint}/processes/${raw.slug}`);
    const consultation = toConsultation(raw, {
      consultationId,
      locale,
      timeZone,
      eventLabel: EVENT_LABEL[locale] ?? EVENT_LABEL.en!,
      ...(proposalsUrl ? { proposalsUrl } : {}),
      ...(meetingsUrl ? { meetingsUrl } : {}),
      ...(processUrl ? { processUrl } : {}),
    });
    // A sign-in this page could not finish is found before the first click: writes then link to Decidim.
    const signInProblem =
      this.options.clientId && proposals
        ? await tokenCorsProblem(
            {
              base: endpoint,
              ...(this.options.tokenUrl ? { tokenUrl: this.options.tokenUrl } : {}),
              ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
            },
            options?.signal,
          )
        : null;
    if (signInProblem) console.warn(`pgo-widgets, decidim: ${signInProblem.problem.detail}`);
    const writes = !!this.options.clientId && !!proposals && !signInProblem;
    Object.assign(this.capabilities, {
      proposals: !!proposals,
      events: !!meetings,
      createProposal: writes,
      votes: writes,
      withdrawVote: writes,
      comments: !!proposals,
      addComment: writes,
      voteComment: writes,
      answers: !!proposals,
    });
    return {
      raw,
      consultation,
      organiser: translatedText(data.organization?.name, locale, 200) || consultation.title,
      locales: [...new Set([...localesOf(data.organization?.name), ...localesOf(raw.title)])],
      proposals: proposals ? { id: proposals.id, ...(proposalsUrl ? { url: proposalsUrl } : {}) } : null,
      meetings: meetings ? { id: meetings.id, ...(meetingsUrl ? { url: meetingsUrl } : {}) } : null,
      ...(signInProblem ? { signInProblem } : {}),
    };
  }
}

/** The language a write is sent in: the page's when the organisation has it, else the organisation's first. */
export function writeLocale(info: ProcessInfo, locale: string): string {
  return !info.locales.length || info.locales.includes(locale) ? locale : info.locales[0]!;
}

/**
 * Where elements find their session. `<pgo-consultation>` and a standalone element configure it the
 * same way, through `hostSession`: the same attributes give the same session, page-wide.
 */
import { createBackend, NO_CAPABILITIES, type BackendConfig, type ConsultationBackend } from '../core/backend.js';
import { backendError } from '../core/errors.js';
import type { Context } from './context.js';
import { ConsultationSession } from './session.js';

/** Keyed by a string so two copies of the library on one page still meet. */
export const sessionContext = 'pgo-consultation' as Context<ConsultationSession>;

/** What configures a session: `<pgo-consultation>` and every element that may stand alone. */
export interface SessionHost extends Element {
  backend: string;
  endpoint: string;
  consultation: string;
  customBackend: ConsultationBackend | null;
}

/**
 * The session a host's attributes ask for, or null when no consultation is set. Decidim calls its
 * consultations "processes": `process="slug"` works as the id too. Every other attribute that is not
 * the element's own setting (`client-id`, `identity`, `time-zone`...) goes to the backend.
 */
export function hostSession(host: SessionHost): ConsultationSession | null {
  const id = host.consultation || host.getAttribute('process') || '';
  if (!id) return null;
  if (host.customBackend) return sessionForBackend(host.customBackend, id);
  return sessionFor(host.backend || 'rest', host.endpoint, id, backendAttributes(host));
}

/** Attributes every HTML element may carry, which never configure a backend. */
const GENERIC =
  /^(id|class|style|slot|part|exportparts|hidden|inert|tabindex|title|role|dir|translate|draggable|contenteditable|spellcheck|autofocus|nonce|popover|is|aria-.*|data-.*|on.*)$/;

/** The attributes of a host meant for its backend: all but generic ones and the element's own settings (`lang` goes). */
export function backendAttributes(host: Element): Record<string, string> {
  const own = ownAttributes(host.constructor);
  const attributes: Record<string, string> = {};
  for (const { name, value } of host.attributes) {
    if (!GENERIC.test(name) && !own.has(name)) attributes[name] = value;
  }
  return attributes;
}

const ownCache = new WeakMap<object, Set<string>>();
/** The attribute names of a Lit element's declared properties, `lang` excepted (a backend may show texts in it). */
function ownAttributes(ctor: object): Set<string> {
  let own = ownCache.get(ctor);
  if (own) return own;
  own = new Set();
  const properties = (ctor as { elementProperties?: Map<PropertyKey, { attribute?: boolean | string }> }).elementProperties;
  for (const [name, options] of properties ?? []) {
    if (options.attribute === false || typeof name !== 'string') continue;
    own.add(typeof options.attribute === 'string' ? options.attribute : name.toLowerCase());
  }
  own.delete('lang');
  ownCache.set(ctor, own);
  return own;
}

const shared = new Map<string, ConsultationSession>();
const byBackend = new WeakMap<ConsultationBackend, Map<string, ConsultationSession>>();

/** The session for a backend object and consultation, shared by everyone asking for the same pair. */
export function sessionForBackend(backend: ConsultationBackend, consultationId: string): ConsultationSession {
  let sessions = byBackend.get(backend);
  if (!sessions) byBackend.set(backend, (sessions = new Map()));
  let session = sessions.get(consultationId);
  if (!session) sessions.set(consultationId, (session = new ConsultationSession(backend, consultationId)));
  return session;
}

/**
 * The session for `backend="kind" endpoint="..." consultation="..."` and the backend's attributes,
 * shared page-wide. When the kind is not registered (yet), its session fails with `unsupported` until
 * the backend's script loads; a retry then reaches it.
 */
export function sessionFor(
  kind: string,
  endpoint: string,
  consultationId: string,
  attributes: Record<string, string> = {},
): ConsultationSession {
  // Code-unit order, not localeCompare: its first call builds an ICU collator (tens of ms at start-up, issue 24).
  const sorted = Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const key = JSON.stringify([kind, endpoint, consultationId, sorted]);
  let session = shared.get(key);
  if (session) return session;
  const config = { endpoint, attributes };
  const backend = createBackend(kind, config);
  session = backend ? sessionForBackend(backend, consultationId) : new ConsultationSession(lateBackend(kind, config), consultationId);
  shared.set(key, session);
  return session;
}

/** Stands in for a backend whose script has not loaded (yet), and becomes it once it registers. */
function lateBackend(kind: string, config: BackendConfig): ConsultationBackend {
  let real: ConsultationBackend | null = null;
  const fail = () => Promise.reject(backendError('unsupported', `No backend “${kind}” is loaded on this page`));
  return new Proxy({} as ConsultationBackend, {
    get: (_target, prop) => {
      real ??= createBackend(kind, config);
      if (real) {
        const value = real[prop as keyof ConsultationBackend];
        return typeof value === 'function' ? value.bind(real) : value;
      }
      return prop === 'kind' ? kind : prop === 'capabilities' ? NO_CAPABILITIES : fail;
    },
  });
}

/**
 * Keeps a `<script type="application/ld+json">` in an element's light DOM, where search engines read
 * it (they do not look into shadow roots). Under `require-trusted-types-for 'script'` a script's text
 * needs a TrustedScript: the `pgo-widgets-jsonld` policy creates one only for the JSON this module has
 * just serialised, so it cannot be used to smuggle anything else in.
 */
import { serializeJsonLd } from '../../core/jsonld.js';

interface ScriptPolicy {
  createScript(input: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScript(input: string): string }): ScriptPolicy;
}

export const JSONLD_POLICY = 'pgo-widgets-jsonld';
const SELECTOR = ':scope > script[type="application/ld+json"][data-pgo-jsonld]';

let policy: ScriptPolicy | null | undefined;
let allowed: string | null = null;

/** The script text to assign: a TrustedScript where Trusted Types exist, null when no policy may be made. */
function scriptText(json: string): unknown {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return json;
  if (policy === undefined) {
    try {
      policy = factory.createPolicy(JSONLD_POLICY, {
        createScript(input) {
          if (input !== allowed) throw new TypeError(`${JSONLD_POLICY} only accepts JSON-LD serialised by pgo-widgets`);
          return input;
        },
      });
    } catch {
      // The page's CSP does not list the policy name: no structured data rather than an error.
      policy = null;
    }
  }
  if (!policy) return null;
  allowed = json;
  try {
    return policy.createScript(json);
  } finally {
    allowed = null;
  }
}

/** Adds or updates the host's JSON-LD script; `data` null removes it. */
export function syncJsonLd(host: HTMLElement, data: object | null): void {
  let script = host.querySelector<HTMLScriptElement>(SELECTOR);
  const json = data ? serializeJsonLd(data as Record<string, never>) : null;
  const text = json === null ? null : scriptText(json);
  if (text === null) {
    script?.remove();
    return;
  }
  if (script?.text === json) return;
  if (!script) {
    script = document.createElement('script');
    script.type = 'application/ld+json';
    script.setAttribute('data-pgo-jsonld', '');
  }
  (script as unknown as { text: unknown }).text = text;
  if (!script.isConnected) host.append(script);
}

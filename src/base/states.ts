/**
 * The state templates every element shares, so a state looks and reads the same everywhere: loading,
 * and a load that failed (what failed, the citizen's sentence for why, and a retry unless pointless).
 */
import { html, type TemplateResult } from 'lit';
import type { BackendError } from '../core/errors.js';
import type { Locale } from '../core/i18n.js';
import { describeError, tCommon } from '../core/messages/common.js';

/** `what` failed to load: an alert with the reason and, when `retry` is given, a retry button. */
export function renderLoadError(locale: Locale, what: string, error: BackendError, retry: (() => void) | null): TemplateResult {
  return html`<div part="error" class="pgo-notice pgo-notice--error" role="alert">
    <p>${what} ${describeError(locale, error)}</p>
    ${retry ? html`<button part="button retry" class="pgo-button" type="button" @click=${retry}>${tCommon(locale, 'retry')}</button>` : ''}
  </div>`;
}

/** A busy status while something loads; `part` and `className` keep each element's documented part and look. */
export function renderLoading(locale: Locale, part = 'status', className = 'pgo-notice pgo-loading'): TemplateResult {
  return html`<p part=${part} class=${className} role="status" aria-busy="true">${tCommon(locale, 'loading')}</p>`;
}

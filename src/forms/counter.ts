/** The character counter of a pgo form field: its text, and when a screen reader hears it. */
import { textLength } from '../core/error-list.js';
import type { Locale } from '../core/i18n.js';
import { tForm } from './form.messages.js';
import type { FormValue } from './form-types.js';

/** The counter's spoken update waits for a pause this long (GOV.UK waits about as long). */
export const COUNT_ANNOUNCE_DELAY = 1500;

/** Length as the validators count it (one rule: core's textLength). */
export const fieldLength = (value: FormValue | undefined) => textLength(String(value ?? ''));

/** The counter text: "Il vous reste 12 caractères" or "3 caractères en trop". */
export function counterText(locale: Locale, value: FormValue | undefined, max: number): string {
  const left = max - fieldLength(value);
  return left >= 0 ? tForm(locale, 'remaining', { count: left }) : tForm(locale, 'tooMany', { count: -left });
}

/**
 * Speaks a counted field's state politely: at once when the text crosses the limit, otherwise only
 * once typing pauses, so a screen reader is not flooded with one update per keystroke.
 */
export class CountAnnouncer {
  private timer: ReturnType<typeof setTimeout> | undefined;

  changed(before: FormValue | undefined, value: FormValue, max: number, speak: () => void): void {
    clearTimeout(this.timer);
    if (fieldLength(before) > max !== fieldLength(value) > max) speak();
    else this.timer = setTimeout(speak, COUNT_ANNOUNCE_DELAY);
  }

  cancel(): void {
    clearTimeout(this.timer);
  }
}

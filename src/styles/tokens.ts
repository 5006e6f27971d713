import { css } from 'lit';

/**
 * Shared look of every element. Public theming goes through `--pgo-*` custom properties, read with
 * a fallback so a value set on any ancestor (or the element itself) wins and nothing depends on the
 * host page's `:root`. Sizes are in px and em, never rem: a host's odd `html { font-size }` must not
 * shrink or blow up the widgets.
 *
 * Text size: the host element takes the reader's default size (`font-size: medium`, the browser
 * setting, which no `html { font-size }` of the host changes), and the shadow tree's top level uses the
 * larger of that and `--pgo-font-size` (16px by default): never below the reader's own size, never
 * below the floor, whatever the host page does.
 *
 * Text spacing (WCAG 1.4.12; docs/theming.md, "Text spacing"): a page's user style cannot select inside
 * shadow roots, but custom properties inherit into them. A reader's style sets, on `*` or `:root`,
 * `--pgo-letter-spacing: .12em; --pgo-word-spacing: .16em; --pgo-line-height: 1.5;
 * --pgo-paragraph-spacing: 2em`, and every element inside applies them in its own font size (text,
 * headings, form controls; paragraphs are followed by the paragraph spacing). Unset, letter and word
 * spacing are inherited from the page (the usual bookmarklet's `* { letter-spacing: .12em !important }`
 * reaches the host element and gets in, as a length resolved at the host), line height is 1.5 and
 * paragraphs keep each element's own margins. Element styles give their paragraph rules a
 * margin-block-end that reads --pgo-paragraph-spacing with their own margin as the fallback, and their
 * headings a line height that reads --pgo-line-height the same way.
 *
 * Custom properties (every element):
 * --pgo-font-family, --pgo-font-size, --pgo-line-height, --pgo-letter-spacing, --pgo-word-spacing,
 * --pgo-paragraph-spacing, --pgo-color-text, --pgo-color-text-muted,
 * --pgo-color-background, --pgo-color-surface, --pgo-color-border, --pgo-color-primary,
 * --pgo-color-on-primary, --pgo-color-danger, --pgo-color-success, --pgo-color-focus,
 * --pgo-radius, --pgo-space.
 */
export const baseStyles = css`
  :host {
    --_font: var(--pgo-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --_text: var(--pgo-color-text, #1e1e1e);
    --_muted: var(--pgo-color-text-muted, #595959);
    --_bg: var(--pgo-color-background, #ffffff);
    --_surface: var(--pgo-color-surface, #f4f5f7);
    --_border: var(--pgo-color-border, #8a8a8a);
    --_primary: var(--pgo-color-primary, #1f4bb4);
    --_on-primary: var(--pgo-color-on-primary, #ffffff);
    --_danger: var(--pgo-color-danger, #c9191e);
    --_success: var(--pgo-color-success, #18753c);
    --_focus: var(--pgo-color-focus, #0a76f6);
    --_radius: var(--pgo-radius, 6px);
    --_space: var(--pgo-space, 16px);
    display: block;
    /* !important: a host's "* { box-sizing: content-box !important }" would push 100%-wide fields out. */
    box-sizing: border-box !important;
    /*
     * !important on the text properties the shadow tree inherits: a host page’s "body * { font-size: 1rem
     * !important }" reaches the host element, and only an !important declaration here outranks it. Theming
     * goes through the --pgo-* properties, which these read.
     */
    font-family: var(--_font) !important;
    font-size: medium !important;
    line-height: var(--pgo-line-height, 1.5) !important;
    color: var(--_text) !important;
    text-align: start !important;
  }
  /* The host counts as the parent of the shadow tree's top level (CSS Scoping): 1em is the reader's size. */
  :host > * {
    font-size: max(var(--pgo-font-size, 16px), 1em);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
    /* Unset, var() leaves these inherited (what unset means for them); set, each element's own em. */
    letter-spacing: var(--pgo-letter-spacing);
    word-spacing: var(--pgo-word-spacing);
  }
  /* Paragraphs an element leaves to the browser keep its 1em, or take the reader's paragraph spacing. */
  p {
    margin-block-end: var(--pgo-paragraph-spacing, 1em);
  }
  [hidden] {
    display: none !important;
  }
  /* Browsers reset line height on form controls (spacing too: the rule above lets it through): the reader's, if set. */
  button,
  input,
  select,
  textarea {
    line-height: var(--pgo-line-height, normal);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  :focus-visible,
  /* A date or time field's own calendar button takes focus in Chromium (a Tab stop of its own), and the
     field then matches neither :focus nor :focus-visible: it would show no ring at all. */
  input[type='date']:focus-within,
  input[type='time']:focus-within,
  input[type='datetime-local']:focus-within {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .pgo-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: 44px;
    min-width: 44px;
    padding: 0.5em 1em;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .pgo-button--secondary {
    background: var(--_bg);
    color: var(--_primary);
  }
  .pgo-button:disabled,
  .pgo-button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .pgo-notice {
    margin: 0 0 var(--pgo-paragraph-spacing, 0);
    padding: calc(var(--_space) * 0.75);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .pgo-notice--error {
    border-inline-start: 4px solid var(--_danger);
  }
  .pgo-notice--success {
    border-inline-start: 4px solid var(--_success);
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;

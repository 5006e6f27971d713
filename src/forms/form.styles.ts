import { css } from 'lit';

/**
 * Look of every pgo form (use after `baseStyles`). Reads the private `--_*` variables that
 * `baseStyles` derives from the public `--pgo-*` ones, plus `--pgo-field-width` (max width of
 * fields). Every control and target is at least 44 px high.
 */
export const formStyles = css`
  form {
    display: grid;
    gap: var(--_space);
    max-inline-size: var(--pgo-field-width, 40em);
  }
  .field {
    display: grid;
    gap: 4px;
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .field--error {
    padding-inline-start: calc(var(--_space) * 0.75);
    border-inline-start: 4px solid var(--_danger);
  }
  label,
  legend {
    font-weight: 600;
  }
  legend {
    padding: 0;
    margin-block-end: 4px;
  }
  .required {
    font-weight: 400;
    color: var(--_muted);
  }
  .hint,
  .counter {
    color: var(--_muted);
  }
  .hint a,
  .pgo-notice a,
  .error-summary a {
    color: inherit;
  }
  .error-message {
    margin: 0 0 var(--pgo-paragraph-spacing, 0);
    color: var(--_danger);
    font-weight: 600;
  }
  .control {
    inline-size: 100%;
    min-block-size: 44px;
    padding: 8px;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
  }
  textarea.control {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .counter--over {
    color: var(--_danger);
    font-weight: 600;
  }
  .checkbox,
  .radio {
    display: flex;
    align-items: flex-start;
    gap: 8px;
  }
  .checkbox input,
  .radio input {
    flex: none;
    inline-size: 24px;
    block-size: 24px;
    margin: 10px 0;
    accent-color: var(--_primary);
  }
  .checkbox label,
  .radio label {
    font-weight: 400;
    padding-block: 10px;
    min-block-size: 44px;
    cursor: pointer;
  }
  .error-summary {
    padding: var(--_space);
    border: 4px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .error-summary__title {
    margin: 0 0 8px;
    font-size: 1.25em;
  }
  .error-summary ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .error-summary a {
    color: var(--_danger);
    font-weight: 600;
  }
  .draft-notice,
  .send-error {
    display: grid;
    gap: 8px;
    justify-items: start;
  }
  .draft-notice p,
  .send-error p {
    /* 0, or the reader's paragraph spacing (WCAG 1.4.12, src/styles/tokens.ts). */
    margin: 0 0 var(--pgo-paragraph-spacing, 0);
  }
  .honeypot {
    position: absolute;
    /* Logical, so that on a right-to-left page it sits off the start side too, not 10000px of sideways scroll. */
    inset-inline-start: -10000px;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
`;

/** The frame of a whole form element (proposal form, event form): closed notice, form, success. */
export const formPageStyles = css`
  .base {
    display: grid;
    gap: var(--_space);
  }
  .closed p,
  .success p {
    /* 0, or the reader's paragraph spacing (WCAG 1.4.12, src/styles/tokens.ts). */
    margin: 0 0 var(--pgo-paragraph-spacing, 0);
  }
  .success {
    display: grid;
    gap: 8px;
    justify-items: start;
  }
  .success-title {
    margin: 0;
    font-size: 1.25em;
  }
`;

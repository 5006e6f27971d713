import { css } from 'lit';
import { formStyles } from '../forms/form.styles.js';
import { baseStyles } from '../styles/tokens.js';

/** The console's look: the widgets' tokens and form styles, plus tabs, lists and tables. */
export const consoleStyles = [
  baseStyles,
  formStyles,
  css`
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    border-block-end: 2px solid var(--_border);
    margin-block-end: var(--_space);
  }
  [role='tab'] {
    min-height: 44px;
    padding: 0.5em 1em;
    border: 2px solid transparent;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }
  [role='tab'][aria-selected='true'] {
    border-color: var(--_border);
    border-block-end-color: var(--_bg);
    background: var(--_bg);
    font-weight: 700;
  }
  .items {
    list-style: none;
    margin: var(--_space) 0 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .item {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .item:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .item-head {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }
  .item-head input {
    inline-size: 24px;
    block-size: 24px;
  }
  h2,
  h3 {
    margin: 0;
    font-size: 1.15em;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-size: 0.875em;
  }
  .meta,
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .excerpt {
    white-space: pre-line;
  }
  .actions,
  .bulk {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .bulk {
    margin-block-start: var(--_space);
  }
  input[type='text'],
  select {
    min-height: 44px;
    padding: 0.5em;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    font: inherit;
    max-inline-size: 40em;
  }
  .error-message {
    color: var(--_danger);
    font-weight: 600;
    margin: 0;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
  }
  th,
  td {
    text-align: start;
    padding: 0.5em;
    border-block-end: 1px solid var(--_border);
    vertical-align: top;
  }
  a {
    color: var(--_primary);
  }
`,
];

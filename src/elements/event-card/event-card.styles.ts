import { css } from 'lit';

export const eventCardStyles = css`
  .card {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  p,
  dl,
  dd {
    margin: 0;
  }
  /* 0, or the reader's paragraph spacing (WCAG 1.4.12, src/styles/tokens.ts). */
  p {
    margin-block-end: var(--pgo-paragraph-spacing, 0);
  }
  .title {
    font-size: 1.25em;
    font-weight: 700;
    line-height: var(--pgo-line-height, 1.3);
    color: var(--_primary);
  }
  :host([compact]) .title {
    font-size: 1.125em;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-block-start: 4px;
  }
  .tag {
    padding: 2px 8px;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    font-size: 0.875em;
    font-weight: 600;
  }
  .status-cancelled .status {
    color: var(--_danger);
  }
  .status-cancelled .title {
    text-decoration: line-through;
  }
  .status-postponed .status,
  .status-full .status {
    color: var(--_text);
    background: var(--_bg);
  }
  .facts {
    display: grid;
    gap: 4px;
  }
  .facts > div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
  }
  dt {
    color: var(--_muted);
    min-inline-size: 8em;
  }
  .address .line {
    display: block;
  }
  a {
    color: var(--_primary);
  }
  .host {
    color: var(--_muted);
  }
  .description {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .more {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .toggle {
    justify-self: start;
  }
  .registration {
    display: grid;
    gap: 8px;
    justify-items: start;
  }
  .section-title {
    font-weight: 700;
  }
  .registration form {
    justify-self: stretch;
  }
  .calendar {
    justify-self: start;
    text-decoration: none;
  }
`;

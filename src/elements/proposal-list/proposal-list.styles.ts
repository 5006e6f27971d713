import { css } from 'lit';

export const proposalListStyles = css`
  .base {
    display: grid;
    gap: var(--_space);
  }
  p {
    /* 0, or the reader's paragraph spacing (WCAG 1.4.12, src/styles/tokens.ts). */
    margin: 0 0 var(--pgo-paragraph-spacing, 0);
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) var(--_space);
    align-items: end;
  }
  .field {
    display: grid;
    /* A select as wide as its longest category title must not push the filters out of the element. */
    grid-template-columns: minmax(0, 1fr);
    max-inline-size: 100%;
    gap: 4px;
    font-weight: 600;
  }
  select {
    max-inline-size: 100%;
  }
  input,
  select {
    min-height: 44px;
    padding: 0.4em 0.6em;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    font-weight: 400;
  }
  .count,
  .shown,
  .meta {
    color: var(--_muted);
  }
  .list {
    list-style: none;
    margin: 0;
    padding-inline: 0;
  }
  .item {
    padding-block: var(--_space);
    border-block-end: 1px solid var(--_border);
  }
  article {
    display: grid;
    gap: calc(var(--_space) / 2);
    justify-items: start;
    border-radius: var(--_radius);
  }
  .title {
    font-size: 1.25em;
    font-weight: 700;
    line-height: var(--pgo-line-height, 1.3);
    overflow-wrap: anywhere;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
    font-size: 0.875em;
  }
  .category {
    font-weight: 600;
    color: var(--_text);
  }
  .excerpt,
  .body {
    overflow-wrap: anywhere;
  }
  .body {
    white-space: pre-line;
  }
  .more {
    min-height: 44px;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  .more-row {
    display: grid;
    gap: calc(var(--_space) / 2);
    justify-items: start;
  }
  .answer {
    margin-block: 0.5em;
    padding-inline-start: 0.75em;
    border-inline-start: 4px solid var(--_primary);
  }
  .answer p {
    margin: 0.25em 0 var(--pgo-paragraph-spacing, 0.25em);
  }
  .answer-badge {
    display: inline-block;
    padding: 0 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-weight: 600;
  }
`;

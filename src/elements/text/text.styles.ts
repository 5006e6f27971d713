import { css } from 'lit';

export const textStyles = css`
  .base {
    display: grid;
    gap: var(--_space);
    container-type: inline-size;
  }
  .toc ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .toc-item {
    padding-inline-start: calc(var(--depth, 0) * 1.25em);
  }
  .toc a,
  .section a {
    color: var(--_primary);
  }
  .count,
  .meta,
  .by,
  .diff-summary,
  .counts,
  .side-title,
  .preview-title {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .section {
    border-block-start: 1px solid var(--_border);
    padding-block-start: calc(var(--_space) / 2);
  }
  .section-title:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .actions,
  .votes {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    align-items: center;
  }
  .amendments {
    display: grid;
    gap: var(--_space);
    margin-block: calc(var(--_space) / 2);
    padding-inline-start: calc(var(--_space) / 2);
    border-inline-start: 4px solid var(--_surface);
  }
  .amendment {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) / 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .amendment > * {
    margin: 0;
  }
  .outdated,
  .decision {
    background: var(--_surface);
    padding: calc(var(--_space) / 2);
    border-radius: var(--_radius);
  }
  .state-rejected .state {
    color: var(--_danger);
  }
  .state-accepted .state,
  .state-accepted-with-changes .state {
    color: var(--_success);
  }
  ins {
    background: #e3f5e9;
    color: #0b4d24;
    text-decoration: underline;
  }
  del {
    background: #fde8e8;
    color: #8a1016;
    text-decoration: line-through;
  }
  .diff-inline,
  .side-text,
  .para {
    white-space: pre-wrap;
  }
  .diff-sides {
    display: none;
  }
  /* Wide: before and after side by side; narrow: one text with the changes inline. */
  @container (min-width: 48em) {
    .diff-inline {
      display: none;
    }
    .diff-sides {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: var(--_space);
    }
  }
  .side-title {
    margin: 0;
  }
  .amendment-form {
    display: grid;
    gap: calc(var(--_space) / 2);
    justify-items: start;
  }
  .amendment-form form {
    inline-size: 100%;
  }
  @media (forced-colors: active) {
    ins,
    del {
      border: 1px solid CanvasText;
    }
  }
`;

import { css } from 'lit';

export const voteButtonStyles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) / 2);
    justify-items: start;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .vote[aria-pressed='false'] {
    background: var(--_bg);
    color: var(--_primary);
  }
  .check:empty {
    display: none;
  }
  .count {
    font-variant-numeric: tabular-nums;
    padding-inline-start: 0.5em;
    border-inline-start: 1px solid currentColor;
  }
  [aria-busy='true'] .vote {
    cursor: progress;
  }
  p {
    /* 0, or the reader's paragraph spacing (WCAG 1.4.12, src/styles/tokens.ts). */
    margin: 0 0 var(--pgo-paragraph-spacing, 0);
  }
  .note {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .reason {
    color: var(--_text);
  }
  .threshold {
    display: grid;
    gap: 4px;
    inline-size: min(100%, 320px);
  }
  /* The threshold bar: progressStyles (src/styles/progress.ts). */
  @media (forced-colors: active) {
    .vote[aria-pressed='true'] {
      border-width: 4px;
    }
  }
`;

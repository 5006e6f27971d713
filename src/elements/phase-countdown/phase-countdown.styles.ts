import { css } from 'lit';

export const countdownStyles = css`
  .base {
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  :host([compact]) .base {
    padding: calc(var(--_space) / 2) var(--_space);
  }
  p {
    /* 0, or the reader's paragraph spacing (WCAG 1.4.12, src/styles/tokens.ts). */
    margin: 0 0 var(--pgo-paragraph-spacing, 0);
  }
  .heading .label {
    color: var(--_muted);
  }
  .heading .title {
    color: var(--_primary);
  }
  .remaining {
    font-size: 1.375em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  :host([compact]) .remaining {
    font-size: 1em;
  }
  :host([compact]) .heading,
  :host([compact]) .remaining {
    display: inline;
  }
  :host([compact]) .remaining::before {
    content: ' — ';
  }
  .deadline,
  .phase-dates,
  .phase-status {
    color: var(--_muted);
  }
  .timeline {
    list-style: none;
    margin: var(--_space) 0 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .phase {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
    padding-inline-start: calc(var(--_space) * 0.75);
    border-inline-start: 4px solid var(--_border);
  }
  .phase.phaseCurrent {
    border-inline-start-color: var(--_primary);
  }
  .phase.phaseCurrent .phase-title {
    font-weight: 700;
  }
  .phase-dates {
    flex-basis: 100%;
  }
  /* The bar itself: progressStyles (src/styles/progress.ts). */
  .progress {
    flex-basis: 100%;
    margin-top: 4px;
  }
`;

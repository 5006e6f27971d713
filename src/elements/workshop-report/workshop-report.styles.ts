import { css } from 'lit';

export const workshopReportStyles = css`
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
    counter-reset: step;
  }
  .steps li {
    counter-increment: step;
    color: var(--_muted);
  }
  .steps li::before {
    content: counter(step) '. ';
  }
  .steps li.current {
    color: var(--_text);
    font-weight: 700;
  }
  .step,
  .row {
    display: grid;
    gap: var(--_space);
  }
  .row {
    margin: 0;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .row legend {
    padding-inline: 4px;
    font-weight: 700;
  }
  .remove-row,
  .add-row {
    justify-self: start;
  }
  .paste {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .paste summary {
    cursor: pointer;
  }
  .paste label {
    font-weight: 600;
  }
  .summary-text {
    white-space: pre-line;
  }
  .pgo-link {
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  .step-title:focus {
    outline: none;
  }
`;

import { css } from 'lit';

export const eventFormStyles = css`
  .base {
    display: grid;
    gap: var(--_space);
  }
  .closed p,
  .success p {
    margin: 0;
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
  .group {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .group legend {
    padding-inline: 4px;
  }
`;

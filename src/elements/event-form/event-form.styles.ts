import { css } from 'lit';

export const eventFormStyles = css`
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

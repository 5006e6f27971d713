import { css } from 'lit';

export const proposalFormStyles = css`
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
`;

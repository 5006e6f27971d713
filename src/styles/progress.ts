import { css } from 'lit';

/** A thin progress bar (`.progress` around `.progress-value`): the countdown's phase, the vote button's threshold. */
export const progressStyles = css`
  .progress {
    height: 8px;
    border-radius: 4px;
    background: var(--_bg);
    border: 1px solid var(--_border);
    overflow: hidden;
  }
  .progress-value {
    height: 100%;
    background: var(--_primary);
  }
  @media (forced-colors: active) {
    .progress-value {
      background: Highlight;
    }
  }
`;

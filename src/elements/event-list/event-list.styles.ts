import { css } from 'lit';

export const eventListStyles = css`
  .agenda {
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
    align-items: flex-end;
    gap: var(--_space);
    max-inline-size: none;
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .filters .field {
    flex: 1 1 11em;
  }
  .count:empty {
    display: none;
  }
  .count {
    font-weight: 600;
  }
  .empty {
    display: grid;
    gap: 8px;
    justify-items: start;
  }
  .day {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .day-heading {
    font-size: 1.125em;
    font-weight: 700;
    color: var(--_primary);
  }
  .day-heading::first-letter {
    text-transform: uppercase;
  }
  .list {
    display: grid;
    gap: calc(var(--_space) / 2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .item:focus {
    outline: 3px solid var(--_focus);
  }
  .more {
    justify-self: start;
  }
`;

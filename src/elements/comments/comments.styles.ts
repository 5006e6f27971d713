import { css } from 'lit';

export const commentsStyles = css`
  .discussion, .threads, .replies { display: grid; gap: var(--_space); }
  .threads, .replies { list-style: none; margin: 0; padding: 0; }
  .replies { margin-inline-start: calc(var(--_space) * 2); padding-inline-start: var(--_space); border-inline-start: 2px solid var(--_border); }
  p { margin: 0 0 var(--pgo-paragraph-spacing, 0); } /* the reader's paragraph spacing (WCAG 1.4.12, src/styles/tokens.ts) */
  .toolbar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: var(--_space); }
  .toolbar label { margin-inline-end: 0.5em; }
  .comment { display: grid; gap: 0.5em; padding: var(--_space); border-radius: var(--_radius); background: var(--_surface); }
  .comment:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  .comment--gone { font-style: italic; color: var(--_muted); }
  .head { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: baseline; }
  .author { font-weight: 700; }
  .badge, .stance { padding: 0 0.5em; border: 1px solid currentColor; border-radius: var(--_radius); font-size: 0.875em; }
  .stance--for { color: var(--pgo-color-success, #18753c); }
  .stance--against { color: var(--pgo-color-danger, #ce0500); }
  time, .edited, .answering, .pending { color: var(--_muted); font-size: 0.875em; }
  .body { white-space: pre-line; overflow-wrap: anywhere; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; }
  .inline-form { display: grid; gap: 0.5em; }
  /* For and against side by side (stance-columns.ts): two columns where the discussion is wide, one on a phone. */
  .discussion { container: pgo-discussion / inline-size; }
  .columns, .column { display: grid; gap: var(--_space); align-content: start; min-width: 0; }
  .column-title { margin: 0; font-size: 1.125em; }
  @container pgo-discussion (min-width: 40rem) {
    .columns { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
    .column--other { grid-column: 1 / -1; }
  }
`;

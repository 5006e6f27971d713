/**
 * A long text's sections drawn a batch per task (issue 21): `FIRST_SECTIONS` at once, then `SECTION_BATCH`
 * more in each later task, so a text of 200 sections never builds every section in one long task. The table
 * of contents lists them all; a link to a section not drawn yet (or the address's fragment) draws up to it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export const FIRST_SECTIONS = 24;
export const SECTION_BATCH = 40;

export class SectionBatches implements ReactiveController {
  /** How many sections are drawn. */
  drawn = FIRST_SECTIONS;
  private waiting = false;
  /** Runs the next batch in a task of its own (tests replace it to step the batches by hand). */
  static schedule: (next: () => void) => void = (next) => void setTimeout(next, 0);

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly total: () => number,
  ) {
    host.addController(this);
  }

  /** Back to the first batch (another document). */
  reset(): void {
    this.drawn = FIRST_SECTIONS;
  }

  /** Draws the sections up to `index`; true when it was drawn already, false when it will be after the next update. */
  reach(index: number): boolean {
    if (index < this.drawn) return true;
    this.drawn = index + 1;
    this.host.requestUpdate();
    return false;
  }

  hostUpdated(): void {
    if (this.waiting || this.drawn >= this.total()) return;
    this.waiting = true;
    SectionBatches.schedule(() => {
      this.waiting = false;
      this.drawn += SECTION_BATCH;
      this.host.requestUpdate();
    });
  }
}

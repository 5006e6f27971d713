/**
 * The line a form's confirmation keeps for the moderators' decision on what was just sent (issue 23):
 * a polite status, present (and empty) from the start so that screen readers hear it when the decision
 * arrives through the session's live feed, without a reload.
 */
import { html } from 'lit';

export type DecisionKey = 'decidedPublished' | 'decidedHidden';

/** The latest decision on one of the reader's own contributions (`proposal:p-1`) in `session.live.decisions`, if one came. */
export function latestDecision(decisions: readonly { target: string; status: string }[], target: string): string | undefined {
  return decisions.findLast((d) => d.target === target)?.status;
}

/** The decision on `target` as a polite status line; empty until it comes. (Here, not in the runtime: forms load it.) */
export function renderDecision(
  decisions: readonly { target: string; status: string }[],
  target: string,
  text: (key: DecisionKey) => string,
) {
  const status = latestDecision(decisions, target);
  const said =
    status === 'published' ? text('decidedPublished') : status === 'hidden' || status === 'rejected' ? text('decidedHidden') : '';
  return html`<p part="decision" class="decision" role="status">${said}</p>`;
}

/**
 * The line a form's confirmation keeps for the moderators' decision on what was just sent (issue 23):
 * a polite status, present (and empty) from the start so that screen readers hear it when the decision
 * arrives through the session's live feed, without a reload.
 */
import { html } from 'lit';

export type DecisionKey = 'decidedPublished' | 'decidedHidden';

/** `status`: the session's latest decision on the contribution (`session.live.decision(target)`). */
export function renderDecision(status: string | undefined, text: (key: DecisionKey) => string) {
  const said =
    status === 'published' ? text('decidedPublished') : status === 'hidden' || status === 'rejected' ? text('decidedHidden') : '';
  return html`<p part="decision" class="decision" role="status">${said}</p>`;
}

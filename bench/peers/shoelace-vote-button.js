// A size peer of <pgo-vote-button>: Shoelace 2's button (with its spinner while a vote is in flight) and badge for
// the count, and a plain-DOM script that reads the proposal and sends the vote to the reference API with an
// idempotency key. Built by bench/size.mjs with the CDN build's rollup settings. It does less than ours (no
// participant token, no phases or vote limits, no optimistic count shared with other buttons, no withdraw, no
// retry, French only, no states for closed/error/offline): a floor for the peer.
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/badge/badge.js';

/** Renders the vote button of one proposal into `host`. */
export async function voteButton(host, endpoint, consultationId, proposalId) {
  const url = `${endpoint}/api/v1/consultations/${encodeURIComponent(consultationId)}/proposals/${encodeURIComponent(proposalId)}`;
  const proposal = await (await fetch(url)).json();
  const button = document.createElement('sl-button');
  const count = document.createElement('sl-badge');
  count.setAttribute('pill', '');
  count.textContent = String(proposal.tally.total ?? 0);
  button.append('Soutenir ', count);
  button.addEventListener('click', async () => {
    button.loading = true;
    try {
      const answer = await fetch(`${url}/vote`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ choice: 'support' }),
      });
      if (answer.ok) {
        const { tally } = await answer.json();
        count.textContent = String(tally.total);
        button.variant = 'primary';
      }
    } finally {
      button.loading = false;
    }
  });
  host.replaceChildren(button);
}

for (const host of document.querySelectorAll('[data-vote-button]')) {
  void voteButton(host, host.dataset.endpoint ?? '', host.dataset.consultation, host.dataset.proposal);
}

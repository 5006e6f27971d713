// The same page with the @lit/react wrappers (pgo-widgets/react): rendered on the server, then hydrated.
// React 19 alone would keep the server's attributes and drop the object properties and listeners when
// hydrating custom elements; the wrappers set them on the element after hydration.
import { PgoConsultation, PgoPhaseCountdown, PgoProposalList, PgoVoteButton } from 'pgo-widgets/react';
import { backend, proposal, usePage } from './page';

export function WrappedApp() {
  const { lang, shown, setVoted, controls } = usePage();
  return (
    <main>
      {controls}
      {shown && (
        <PgoConsultation lang={lang} consultation="plan-action-2017" customBackend={backend}>
          <PgoPhaseCountdown />
          <PgoVoteButton id="data-button" data={proposal} onPgoVoted={(event) => setVoted(event.detail)} />
          <PgoProposalList />
        </PgoConsultation>
      )}
    </main>
  );
}

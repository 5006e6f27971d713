// JSX types for every <pgo-…> element: properties and `onpgo-…` events, generated from the manifest.
import type {} from 'pgo-widgets/types/react';
// The @lit/react wrappers (optional subpath): events as onPgoVoted props.
import { PgoPhaseCountdown } from 'pgo-widgets/react';
import { backend, proposal, usePage } from './page';

export function App() {
  const { lang, shown, setVoted, controls } = usePage();
  return (
    <main>
      {controls}
      {shown && (
        <pgo-consultation lang={lang} consultation="plan-action-2017" customBackend={backend}>
          <PgoPhaseCountdown />
          <pgo-vote-button id="data-button" data={proposal} onpgo-voted={(event) => setVoted(event.detail)} />
          <pgo-proposal-list />
        </pgo-consultation>
      )}
    </main>
  );
}

// The types are real: a wrong property type or an unknown event detail does not compile.
// @ts-expect-error proposal is a string
export const wrong = <pgo-vote-button proposal={42} />;
// @ts-expect-error pgo-voted's detail has no such field
export const wrongEvent = <pgo-vote-button onpgo-voted={(event) => event.detail.nothing} />;

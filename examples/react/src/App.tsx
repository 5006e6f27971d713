import { useState } from 'react';
import { createDemoBackend } from 'pgo-widgets/backends/demo.js';
// JSX types for every <pgo-…> element: properties and `onpgo-…` events, generated from the manifest.
import type {} from 'pgo-widgets/types/react';
// The @lit/react wrappers (optional subpath): events as onPgoVoted props.
import { PgoPhaseCountdown } from 'pgo-widgets/react';
import type { VotedDetail } from 'pgo-widgets';

const backend = createDemoBackend();
const proposal = backend.proposals.get('p0')!;

export function App() {
  const [lang, setLang] = useState<'fr' | 'en'>('fr');
  const [shown, setShown] = useState(true);
  const [voted, setVoted] = useState<VotedDetail | null>(null);
  return (
    <main>
      <p>
        <button id="lang" type="button" onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}>English / français</button>
        <button id="toggle" type="button" onClick={() => setShown(!shown)}>Remove / add the widgets</button>
        Votes seen by React: <output id="voted">{voted ? voted.proposalId : 'none'}</output>
      </p>
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

/** Why a session says it changed; elements narrow their re-render down by it. */
export type ChangeReason =
  | 'status'
  | 'phase'
  | 'participation'
  | 'tally'
  | 'vote'
  /** The page's own writes (`session.writes`): a proposal published here, a registration made here. */
  | 'proposal'
  | 'registration'
  /** Live changes (`session.live`, issue 23): new proposals published elsewhere, decisions, counts. */
  | 'live';

export interface SessionChangeDetail {
  reason: ChangeReason;
}

/** The event a session dispatches on every change. */
export type SessionChangeEvent = CustomEvent<SessionChangeDetail>;

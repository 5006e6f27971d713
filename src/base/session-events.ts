/** Why a session says it changed; elements narrow their re-render down by it. */
export type ChangeReason = 'status' | 'phase' | 'participation' | 'tally' | 'vote';

export interface SessionChangeDetail {
  reason: ChangeReason;
}

/** The event a session dispatches on every change. */
export type SessionChangeEvent = CustomEvent<SessionChangeDetail>;

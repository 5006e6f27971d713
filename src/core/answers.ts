/** Rules about answers that the server, the memory backend and the elements share (no zod: browser code). */

/**
 * An answered proposal takes no more votes when the consultation says so (`closeVotingWhenAnswered`);
 * "under study" is not an outcome yet, so voting stays open.
 */
export function votingClosedByAnswer(
  settings: { closeVotingWhenAnswered?: boolean },
  answer: { state: string } | null | undefined,
): boolean {
  return settings.closeVotingWhenAnswered === true && !!answer && answer.state !== 'under-study';
}

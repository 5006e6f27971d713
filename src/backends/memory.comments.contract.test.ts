import { runCommentContract } from '../test-utils/comments-contract.js';
import { toMemoryFixture } from '../test-utils/contract-fixture.js';
import { MemoryBackend } from './memory.js';

// One store; each participant is a view of it acting under its own participant id.
runCommentContract('memory', async (fixture) => {
  const store = new MemoryBackend(toMemoryFixture(fixture));
  let count = 0;
  return { participant: () => Object.assign(Object.create(store) as MemoryBackend, { participantId: `contract-${++count}` }) };
});

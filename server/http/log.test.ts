import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineLog } from './log.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('lineLog', () => {
  it('writes the lines of one turn of the event loop in one write, in order', async () => {
    const writes: string[] = [];
    const log = lineLog((text) => writes.push(text));
    log('GET /a 200 1 ms');
    log('PUT /b 200 2 ms');
    assert.deepEqual(writes, [], 'nothing written during the turn');
    await turn();
    assert.deepEqual(writes, ['GET /a 200 1 ms\nPUT /b 200 2 ms\n']);
    log('GET /c 304 0 ms');
    log.flush();
    assert.deepEqual(writes.at(-1), 'GET /c 304 0 ms\n', 'flush writes at once (before an exit)');
    await turn();
    assert.equal(writes.length, 2, 'nothing left to write');
  });

  it('writes at once when a turn gathers many lines', () => {
    const writes: string[] = [];
    const log = lineLog((text) => writes.push(text));
    const line = 'x'.repeat(1000);
    for (let i = 0; i < 70; i++) log(line);
    assert.equal(writes.length, 1);
    assert.equal(writes[0]!.split('\n').length - 1, 66);
  });
});

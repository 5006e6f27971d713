import { expect } from '@open-wc/testing';
import { liveEventData, parseLiveEvent, type LiveChange } from './live.js';
import { SseParser, type SseMessage } from './sse.js';

describe('live changes on the wire', () => {
  it('parses the event stream whatever the chunking and line endings, ids carrying over', () => {
    const text =
      'retry: 2000\n: comment\n\nid: 7\nevent: tally\ndata: {"a":1}\n\r\nevent: ready\ndata: {}\r\n\r\ndata: two\ndata: lines\n\n';
    for (const size of [1, 2, 3, 7, text.length]) {
      const parser = new SseParser();
      const got: SseMessage[] = [];
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size), (m) => got.push(m));
      expect(got).to.deep.equal(
        [
          { id: '7', event: 'tally', data: '{"a":1}' },
          { id: '7', event: 'ready', data: '{}' },
          { id: '7', event: 'message', data: 'two\nlines' },
        ],
        `chunks of ${size}`,
      );
      expect(parser.retry).to.equal(2000);
    }
  });

  it('turns each change into its data and back; refuses what is not a change', () => {
    const changes: LiveChange[] = [
      { type: 'tally', proposalId: 'p1', tally: { proposalId: 'p1', hidden: false, total: 3, counts: { support: 3 } } },
      { type: 'proposal', id: 'p2', status: 'published' },
      { type: 'consultation' },
      { type: 'mine', target: 'proposal:p3', status: 'hidden' },
      { type: 'count', target: 'proposal:p1', kind: 'comment', count: 4 },
      { type: 'reset' },
    ];
    for (const change of changes) expect(parseLiveEvent(change.type, liveEventData(change))).to.deep.equal(change);
    expect(liveEventData(changes[1]!)).to.equal('{"id":"p2","status":"published"}');
    for (const [event, data] of [
      ['toString', '{}'],
      ['message', '{}'],
      ['tally', 'not json'],
      ['tally', '[]'],
      ['tally', '{"proposalId":"p1","tally":{"proposalId":"p9","hidden":false,"total":1,"counts":{}}}'],
      ['proposal', '{"id":"p1","status":"<img>"}'],
      ['count', '{"target":"x","kind":"comment","count":-1}'],
      ['mine', '{"target":""}'],
    ] as const)
      expect(parseLiveEvent(event, data), `${event} ${data}`).to.equal(null);
  });
});

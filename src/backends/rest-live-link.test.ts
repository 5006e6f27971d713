import { expect } from '@open-wc/testing';
import type { BackendError } from '../core/errors.js';
import { RestLiveLink } from './rest-live-link.js';
import { waitUntil } from '../test-utils/wait.js';

// The stream's module is imported on demand: offline, that import fails. The failure must reach the session as a
// lost stream (it tries again later), never as an unhandled rejection (a script error on the host page).
describe('rest backend: the live stream’s lazy module', () => {
  it('a failed import is a lost stream, not an unhandled rejection; closed first, nothing is said', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (event: PromiseRejectionEvent) => {
      unhandled.push(event.reason);
      event.preventDefault();
    };
    window.addEventListener('unhandledrejection', onUnhandled);
    try {
      const link = new RestLiveLink({
        url: () => '/api/v1/consultations/c/live',
        token: () => Promise.resolve(null),
        fetch: () => new Promise<Response>(() => {}),
        load: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
      });
      const lost: [BackendError, boolean][] = [];
      const handlers = { change: () => {}, ready: () => {}, lost: (error: BackendError, fatal: boolean) => lost.push([error, fatal]) };
      link.open('c', null, handlers);
      await waitUntil(() => lost.length === 1, 'the failed import was not reported as a lost stream');
      expect(lost[0]![0].code).to.equal('network');
      expect(lost[0]![1]).to.equal(false, 'not fatal: the session tries again');
      link.open('c', null, handlers).close();
      // Let the rejections settle (promise turns, not time).
      for (let i = 0; i < 20; i++) await Promise.resolve();
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(lost).to.have.length(1, 'a closed subscription says nothing');
      expect(unhandled).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
    }
  });
});

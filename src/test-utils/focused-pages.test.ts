// The test harness itself (test/focused-pages.mjs): keyboard tests must not depend on which page or window of
// the browser has the focus. Another page is brought to the front, then keys are sent to this one.
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';

describe('keyboard input while another page is in front', () => {
  it('reaches the focused field of the test page', async function () {
    // WebKit's WebDriver launcher runs one window per session: there is no other page to open.
    if (!(await executeServerCommand('pgo-other-page', { open: true }))) this.skip();
    try {
      const input = document.createElement('input');
      input.setAttribute('aria-label', 'probe');
      document.body.append(input);
      input.focus();
      await sendKeys({ type: 'abc' });
      expect(input.value).to.equal('abc');
      input.remove();
    } finally {
      await executeServerCommand('pgo-other-page', { open: false });
    }
  });
});

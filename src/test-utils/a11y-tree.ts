/**
 * What the browser engine itself exposes to assistive technologies: role and accessible name as
 * computed by Chromium (DevTools accessibility tree), Firefox (WebDriver BiDi accessibility locator)
 * or WebKit (WebDriver computed role and label). See test/a11y-tree-plugin.mjs.
 */
import { executeServerCommand } from '@web/test-runner-commands';

export interface TreeAnswer {
  matched: boolean;
  /** What the engine computed, where it can tell (Chromium, WebKit); null in Firefox. */
  actual: { role: string; name: string; description?: string; required?: boolean; invalid?: string } | null;
}

/** Asks the engine whether `element` (in any shadow root) has this role and accessible name. */
export async function inTree(element: Element, expected: { role: string; name: string }): Promise<TreeAnswer> {
  element.setAttribute('data-pgo-a11y-probe', '');
  try {
    return await executeServerCommand<TreeAnswer, { role: string; name: string }>('pgo-a11y', expected);
  } finally {
    element.removeAttribute('data-pgo-a11y-probe');
  }
}

/** Fails unless the engine gives `element` this role and accessible name. */
export async function expectInTree(element: Element, expected: { role: string; name: string }): Promise<TreeAnswer> {
  const answer = await inTree(element, expected);
  if (!answer.matched) {
    const seen = answer.actual
      ? `the engine computed role “${answer.actual.role}”, name “${answer.actual.name}”`
      : 'the engine found no node with them';
    throw new Error(`expected role “${expected.role}” and name “${expected.name}”: ${seen}`);
  }
  return answer;
}

/**
 * Sets the reader's default font size (what `font-size: medium` means), through the browser's own setting:
 * Chromium and Firefox at any time; WebKit only the size its browser was started with (PGO_DEFAULT_FONT_SIZE).
 * Resolves false where the engine cannot take that size.
 */
export function setDefaultFontSize(px: number): Promise<boolean> {
  return executeServerCommand<boolean, { px: number }>('pgo-default-font-size', { px }).then((done) => done === true);
}

/** Brings the test's page to the front, so that focus (and :focus-visible) behave as for a reader. */
export async function focusPage(): Promise<void> {
  if (!document.hasFocus()) await executeServerCommand('pgo-focus-page');
}

/**
 * Firefox only (null elsewhere): the required and invalid states Firefox gives the node of this role and name
 * (`name` null: the parent process did not hold the node's name, and it was the one node of that role).
 */
export async function firefoxStates(expected: {
  role: string;
  name: string;
}): Promise<{ name: string | null; required: boolean; invalid: boolean } | null> {
  type States = { name: string | null; required: boolean; invalid: boolean } | null;
  const answer = await executeServerCommand<{ states: States }, { role: string; name: string }>('pgo-a11y-states', expected);
  return answer?.states ?? null;
}

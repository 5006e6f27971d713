/** Sets a form element's field (`[name]` in its shadow root) as the browser would after someone edited it and left it. */
export async function setFormField(
  el: HTMLElement & { updateComplete: Promise<unknown> },
  name: string,
  value: string | boolean,
): Promise<void> {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!input) throw new Error(`no field ${name} in <${el.localName}>`);
  if (typeof value === 'boolean') {
    input.checked = value;
    input.dispatchEvent(new Event('change'));
  } else {
    input.value = value;
    input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
  }
  input.dispatchEvent(new Event('blur'));
  await el.updateComplete;
}

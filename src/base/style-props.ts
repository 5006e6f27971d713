import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

/**
 * `style=${styleProps({ inlineSize: '40%' })}`: like Lit's `styleMap`, but always through the CSSOM.
 * `styleMap` writes its first values as a `style="…"` attribute string, which a strict host page's
 * Content-Security-Policy (`style-src` without 'unsafe-inline') blocks and reports; setting properties
 * on `element.style` is allowed. Names are camelCase (`inlineSize`) or dashed (`--pgo-x`).
 */
class StyleProps extends Directive {
  private previous: string[] = [];

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ATTRIBUTE || part.name !== 'style') throw new Error('styleProps() belongs in a style attribute');
  }

  render(_styles: Record<string, string | null | undefined>): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [styles]: [Record<string, string | null | undefined>]): typeof noChange {
    const { style } = part.element as HTMLElement;
    const dashed = (name: string) => (name.includes('-') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
    for (const name of this.previous) if (styles[name] == null) style.removeProperty(dashed(name));
    for (const [name, value] of Object.entries(styles)) if (value != null) style.setProperty(dashed(name), value);
    this.previous = Object.keys(styles);
    return noChange;
  }
}

export const styleProps = directive(StyleProps);

// Rollup plugins of the CDN build: one prints each output's minified and gzip -9 size as rollup writes
// it, one minifies the CSS inside Lit's `css` templates.
import { gzipSync } from 'node:zlib';
import MagicString from 'magic-string';

export const gzipSize = (code) => gzipSync(code, { level: 9 }).length;
export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export function sizeReport() {
  return {
    name: 'pgo-size-report',
    generateBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const name = options.file ?? chunk.fileName;
        console.log(
          `  ${name.padEnd(40)} ${kb(Buffer.byteLength(chunk.code)).padStart(9)} min  ${kb(gzipSize(chunk.code)).padStart(8)} min+gzip`,
        );
      }
    },
  };
}

/** CSS of a `css` template part with its comments and needless whitespace removed. */
export function minifyCss(text) {
  return (
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,>]) ?/g, '$1')
      // A declaration's `name: value` (a selector never has a space after its colon: `a :hover` keeps its space).
      .replace(/: /g, ':')
      .replace(/;}/g, '}')
      .replace(/^ | $/g, '')
  );
}

/**
 * Minifies the static CSS of Lit's `css` templates in our own modules (a few hundred bytes gzipped:
 * terser leaves template text alone). Only the literal parts between `${}` change, and only inside
 * `css` tags; strings with double spaces in CSS (`content: "a  b"`) are not used here.
 * In `html` templates, a run of whitespace holding a line break (the source's indentation) becomes one space:
 * the same rendering wherever white-space collapses, which is everywhere our templates break lines (the
 * pre-line/pre-wrap elements hold their text inline, `<textarea>`s take `.value`). 0.47 KB over all chunks.
 */
export function minifyTemplateLiterals() {
  return {
    name: 'pgo-minify-css-literals',
    transform(code, id) {
      if (id.includes('node_modules') || !/(css|html)`/.test(code)) return null;
      const edits = new MagicString(code);
      walk(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
        const parts = node.quasi.quasis;
        if (node.tag.name === 'html') {
          for (const part of parts) {
            const text = part.value.raw.replace(/[ \t]*\n\s*/g, ' ');
            if (text !== part.value.raw) edits.overwrite(part.start, part.end, text);
          }
          return;
        }
        if (node.tag.name !== 'css') return;
        parts.forEach((part, i) => {
          const raw = part.value.raw;
          let text = minifyCss(raw);
          // Keep the space that separates a part from the value around it (`${a} ${b}`, `solid ${c}`).
          if (!text && /\s/.test(raw) && parts.length > 1) text = ' ';
          if (i > 0 && /^\s/.test(raw) && !/^[ {};,>]/.test(text)) text = ` ${text}`;
          if (i < parts.length - 1 && /\s$/.test(raw) && !/[ {};,>]$/.test(text)) text = `${text} `;
          if (text !== part.value.raw) edits.overwrite(part.start, part.end, text);
        });
      });
      return edits.hasChanged() ? { code: edits.toString(), map: edits.generateMap({ hires: true }) } : null;
    },
  };
}

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((child) => walk(child, visit));
    else if (value && typeof value === 'object' && typeof value.type === 'string') walk(value, visit);
  }
}

// CDN build only: Lit's legacy `@property()` / `@state()` field decorators, as esbuild compiles them
// (`__decorateClass([property(opts)], C.prototype, "name", 2)`), become the call those decorators make,
// `C.createProperty("name", opts)`. Same behaviour (Lit's legacy decorator does exactly that for a field), and the
// pages no longer carry the decorators' modules (standard and legacy paths, ~0.4 KB gzip in the runtime), nor
// esbuild's decorator helper and its array per field in every element chunk.
// Anything else (another decorator, several on one field, an accessor) is left as it was.
import MagicString from 'magic-string';

const DECORATORS = /^(lit\/decorators(\/(property|state))?\.js|@lit\/reactive-element\/decorators(\/(property|state))?\.js)$/;

export function litPropertiesAsCalls() {
  return {
    name: 'pgo-lit-properties-as-calls',
    transform(code, id) {
      if (id.includes('node_modules') || !code.includes('__decorateClass(')) return null;
      const ast = this.parse(code);
      /** Local name -> 'property' | 'state', from the decorators' imports. */
      const kinds = new Map();
      for (const node of ast.body) {
        if (node.type !== 'ImportDeclaration' || !DECORATORS.test(node.source.value)) continue;
        for (const s of node.specifiers) {
          const name = s.type === 'ImportSpecifier' ? s.imported.name : null;
          if (name === 'property' || name === 'state') kinds.set(s.local.name, name);
        }
      }
      if (!kinds.size) return null;
      const edits = new MagicString(code);
      for (const node of ast.body) {
        const call = node.type === 'ExpressionStatement' ? node.expression : null;
        if (call?.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.name !== '__decorateClass') continue;
        const [list, target, key, kind] = call.arguments;
        if (list?.type !== 'ArrayExpression' || list.elements.length !== 1 || kind?.type !== 'Literal' || kind.value !== 2) continue;
        const decorator = list.elements[0];
        const what = decorator?.type === 'CallExpression' && decorator.callee.type === 'Identifier' && kinds.get(decorator.callee.name);
        if (!what || decorator.arguments.length > 1 || decorator.arguments[0]?.type === 'SpreadElement') continue;
        if (target.type !== 'MemberExpression' || target.computed || target.property.name !== 'prototype') continue;
        if (target.object.type !== 'Identifier' || key?.type !== 'Literal' || typeof key.value !== 'string') continue;
        const options = decorator.arguments[0] ? code.slice(decorator.arguments[0].start, decorator.arguments[0].end) : null;
        // `state()` is `property({ ...options, state: true, attribute: false })`; createProperty sets the attribute itself.
        const declaration = what === 'state' ? (options ? `{ ...${options}, state: true }` : '{ state: true }') : options;
        const args = [JSON.stringify(key.value), ...(declaration ? [declaration] : [])].join(', ');
        edits.overwrite(call.start, call.end, `${target.object.name}.createProperty(${args})`);
      }
      return edits.hasChanged() ? { code: edits.toString(), map: edits.generateMap({ hires: true }) } : null;
    },
  };
}

/**
 * A readable, self-contained reference page built from the OpenAPI document: no script, no external
 * asset; its one <style> is allowed by hash in the page's Content-Security-Policy.
 */
import { createHash } from 'node:crypto';

type Json = Record<string, unknown>;

const esc = (text: unknown) => String(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
/** `code` spans in descriptions, the only markup we use. */
const prose = (text: unknown) => esc(text ?? '').replace(/`([^`]+)`/g, '<code>$1</code>');
const anchor = (name: string) => `schema-${name}`;

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1e1e1e;background:#fff}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:28px}h2{margin-top:40px;border-bottom:2px solid #000091;padding-bottom:4px}h3{font-size:18px;margin:28px 0 4px}
code{font:14px/1.4 ui-monospace,Menlo,Consolas,monospace;background:#f2f2f9;padding:1px 4px;border-radius:3px}
.method{display:inline-block;min-width:64px;font-weight:700;color:#000091}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:15px}th,td{text-align:left;vertical-align:top;border-bottom:1px solid #ddd;padding:4px 8px}
a{color:#000091}a:focus{outline:3px solid #0a76f6;outline-offset:2px}nav ul{columns:2}
`;
export const DOCS_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

function typeOf(schema: Json | undefined): string {
  if (!schema) return 'any';
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!;
    return `<a href="#${anchor(name)}">${esc(name)}</a>`;
  }
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(typeOf).join(' | ');
  if (Array.isArray(schema.oneOf)) return (schema.oneOf as Json[]).map(typeOf).join(' | ');
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(' | ');
  if (schema.const !== undefined) return `<code>${esc(JSON.stringify(schema.const))}</code>`;
  if (Array.isArray(schema.type)) return (schema.type as string[]).map((t) => esc(t)).join(' | ');
  if (schema.type === 'array') return `array of ${typeOf(schema.items as Json)}`;
  if (schema.type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    return `map of ${typeOf(schema.additionalProperties as Json)}`;
  }
  return esc(String(schema.format ?? schema.type ?? 'any'));
}

function constraints(schema: Json): string {
  const notes: string[] = [];
  for (const [key, label] of [
    ['minLength', 'min length'],
    ['maxLength', 'max length'],
    ['minimum', 'min'],
    ['maximum', 'max'],
  ] as const) {
    if (typeof schema[key] === 'number' && (schema[key] as number) < 1e15) notes.push(`${label} ${schema[key]}`);
  }
  if (typeof schema.description === 'string') notes.push(prose(schema.description));
  return notes.join('; ');
}

function propertyTable(schema: Json): string {
  const variants = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (variants) return variants.map((v, i) => `<p>Variant ${i + 1}:</p>${propertyTable(v)}`).join('');
  const props = schema.properties as Record<string, Json> | undefined;
  if (!props) return `<p>${typeOf(schema)}</p>`;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(props).map(
    ([name, prop]) =>
      `<tr><td><code>${esc(name)}</code></td><td>${typeOf(prop)}</td><td>${required.has(name) ? 'yes' : 'no'}</td><td>${constraints(prop)}</td></tr>`,
  );
  return `<table><thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Notes</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function docsPage(doc: Json): string {
  const info = doc.info as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const schemas = (doc.components as Json).schemas as Record<string, Json>;
  const parameters = (doc.components as Json).parameters as Record<string, Json>;
  const operations = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(operations.map((o) => (o.op.tags as string[])[0]!))];
  const section = (tag: string) =>
    operations
      .filter((o) => (o.op.tags as string[])[0] === tag)
      .map(({ path, method, op }) => {
        const params = ((op.parameters as Json[] | undefined) ?? []).map((p) =>
          typeof p.$ref === 'string' ? parameters[p.$ref.split('/').pop()!]! : p,
        );
        const body = op.requestBody as Json | undefined;
        const bodySchema = body ? (((body.content as Json)['application/json'] as Json).schema as Json) : undefined;
        const security = (op.security as Json[]).map((s) => Object.keys(s)[0] ?? 'none').join(' or ') || 'none';
        const responses = Object.entries(op.responses as Record<string, Json>)
          .map(([status, r]) => `<li><strong>${esc(status)}</strong>: ${prose(r.description)}</li>`)
          .join('');
        return `<section aria-labelledby="${esc(op.operationId)}">
<h3 id="${esc(op.operationId)}"><span class="method">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${prose(op.summary)}${op.description ? `. ${prose(op.description)}` : ''}</p>
<p>Authorization: ${esc(security)}.</p>
${params.length ? `<table><caption>Parameters</caption><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Notes</th></tr></thead><tbody>${params.map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${typeOf(p.schema as Json)}</td><td>${p.required ? 'required' : ''}${p.description ? ` ${prose(p.description)}` : ''}</td></tr>`).join('')}</tbody></table>` : ''}
${bodySchema ? `<p>Body: ${typeOf(bodySchema)}</p>` : ''}
<ul>${responses}</ul>
</section>`;
      })
      .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1>
<p>${prose(info.description)}</p>
<p>Base address: <code>/api/v1</code>. Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI 3.1).</p>
<nav aria-label="Contents"><ul>${tags.map((t) => `<li><a href="#tag-${esc(t.replace(/\W+/g, '-'))}">${esc(t)}</a></li>`).join('')}<li><a href="#schemas">Schemas</a></li></ul></nav>
${tags.map((t) => `<h2 id="tag-${esc(t.replace(/\W+/g, '-'))}">${esc(t)}</h2>\n${section(t)}`).join('\n')}
<h2 id="schemas">Schemas</h2>
${Object.entries(schemas)
  .map(
    ([name, schema]) =>
      `<section aria-labelledby="${anchor(name)}"><h3 id="${anchor(name)}">${esc(name)}</h3>${propertyTable(schema)}</section>`,
  )
  .join('\n')}
</main>
</body>
</html>`;
}

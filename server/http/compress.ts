/**
 * Compression and cache headers for what the server sends (static files and JSON): brotli or gzip as
 * the client's Accept-Encoding allows (q-values honoured, brotli preferred), `Vary: Accept-Encoding`,
 * only for compressible types over 1 KB, and only for GETs. A response with an ETag (static files, cached JSON) is
 * compressed once at the best setting and kept by its ETag; other bodies are compressed quickly.
 * Content-hashed files (`name-012345.js`: the CDN build's chunks) may be cached forever.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|problem\+json|xml|manifest\+json)|image\/svg\+xml)/;
const MIN_BYTES = 1024;
/** A file name carrying a content hash (rollup's `[hash:6]`), so its content never changes. */
export const HASHED_FILE = /-[0-9a-f]{6}\.(js|mjs|css)(\.map)?$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
type Encoding = 'br' | 'gzip';

/** The encoding to use for an Accept-Encoding header: brotli, else gzip, else none. */
export function pickEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name!.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0);
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

async function encode(body: Buffer, encoding: Encoding, best: boolean): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(body, { level: best ? 9 : 6 });
  return brotli(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: best ? 11 : 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
}

/** Compressed bodies of responses with an ETag, by encoding and ETag (bounded: oldest dropped first). */
const kept = new Map<string, Buffer>();
const KEEP = 256;

export function compression(options: { apiBase: string }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (res.status === 200 && !c.req.path.startsWith(`${options.apiBase}/`) && HASHED_FILE.test(c.req.path)) {
      res.headers.set('cache-control', IMMUTABLE);
    }
    // Only what a GET reads: a write's answer is small and never kept (and `res.body` would turn Hono's light
    // response into a Web Response with a stream, written in more pieces: issue 25, CPU profile of the votes).
    if (c.req.method !== 'GET' || res.status !== 200 || !res.body || res.headers.has('content-encoding')) return;
    if (!COMPRESSIBLE.test(res.headers.get('content-type') ?? '') || /no-transform/.test(res.headers.get('cache-control') ?? '')) return;
    res.headers.append('vary', 'Accept-Encoding');
    const encoding = pickEncoding(c.req.header('accept-encoding'));
    if (!encoding) return;
    const body = Buffer.from(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    if (body.length < MIN_BYTES) {
      c.res = new Response(new Uint8Array(body), { status: res.status, headers });
      return;
    }
    const etag = res.headers.get('etag');
    const key = etag && `${encoding} ${etag}`;
    let encoded = key ? kept.get(key) : undefined;
    if (!encoded) {
      encoded = await encode(body, encoding, Boolean(etag));
      if (key) {
        if (kept.size >= KEEP) kept.delete(kept.keys().next().value!);
        kept.set(key, encoded);
      }
    }
    headers.set('content-encoding', encoding);
    headers.delete('content-length');
    c.res = undefined as unknown as Response; // Hono merges headers into a replaced response: start afresh
    c.res = new Response(new Uint8Array(encoded), { status: res.status, headers });
  };
}

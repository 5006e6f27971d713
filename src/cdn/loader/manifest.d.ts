/** The chunk manifest, written into the loader by the CDN build (scripts/chunks.mjs). */
declare module 'pgo:manifest' {
  const manifest: unknown;
  export default manifest;
}

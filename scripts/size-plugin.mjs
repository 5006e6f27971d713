// Prints each CDN output's minified and gzip -9 size as rollup writes it.
import { gzipSync } from 'node:zlib';

export const gzipSize = (code) => gzipSync(code, { level: 9 }).length;
export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export function sizeReport() {
  return {
    name: 'pgo-size-report',
    generateBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const name = options.file ?? chunk.fileName;
        console.log(`  ${name.padEnd(40)} ${kb(Buffer.byteLength(chunk.code)).padStart(9)} min  ${kb(gzipSize(chunk.code)).padStart(8)} min+gzip`);
      }
    },
  };
}

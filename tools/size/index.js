/** Gzip and brotli sizes of a file or buffer, the way CDNs serve it. */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export function compressedSizes(input) {
  const bytes = typeof input === 'string' ? readFileSync(input) : input;
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

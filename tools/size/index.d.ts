export interface CompressedSizes {
  /** Bytes as they are. */
  raw: number;
  /** Bytes after gzip level 9. */
  gzip: number;
  /** Bytes after brotli quality 11. */
  brotli: number;
}
/** Gzip and brotli sizes of a file (by path) or of bytes, the way CDNs serve it. */
export declare function compressedSizes(input: string | Uint8Array): CompressedSizes;
/** Bytes as kilobytes (1024 bytes), two decimals: `19.87 KB`. */
export declare function kb(bytes: number): string;

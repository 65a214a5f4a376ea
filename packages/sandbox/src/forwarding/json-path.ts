import { isRecord } from '../json-values.js';

/** Segments a path may not use: they would reach an object's prototype. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** The segments of a dotted JSON path such as `cardDetails.cardToken`, or undefined if it is not one. */
export function parsePath(path: string | undefined): string[] | undefined {
  if (!path || path.length > 200) return undefined;
  const segments = path.trim().split('.');
  const valid = segments.every(
    (segment) => /^[A-Za-z0-9_$-]{1,64}$/.test(segment) && !FORBIDDEN.has(segment),
  );
  return valid ? segments : undefined;
}

/** The object holding the last segment, when every step before it is a plain object. */
function parentOf(body: unknown, segments: readonly string[]): Record<string, unknown> | undefined {
  let node: unknown = body;
  for (const segment of segments.slice(0, -1)) {
    if (!isRecord(node)) return undefined;
    node = Object.hasOwn(node, segment) ? node[segment] : undefined;
  }
  return isRecord(node) ? node : undefined;
}

export function valueAt(body: unknown, segments: readonly string[]): unknown {
  const parent = parentOf(body, segments);
  const last = segments.at(-1)!;
  return parent && Object.hasOwn(parent, last) ? parent[last] : undefined;
}

/** Replaces the value at `segments` (which must exist: see valueAt). */
export function replaceAt(body: unknown, segments: readonly string[], value: unknown): void {
  const parent = parentOf(body, segments);
  if (parent) parent[segments.at(-1)!] = value;
}

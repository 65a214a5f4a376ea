import { randomUUID } from 'node:crypto';
import { isRecord } from '../json-values.js';

/** What a queued fault does to the requests it matches (README: "Faults"). */
export const FAULT_KINDS = [
  'status',
  'delay',
  'reset',
  'reset-after',
  'malformed',
  'rate-limit',
  'unavailable',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const METHODS = ['GET', 'POST', '*'] as const;
export type FaultMethod = (typeof METHODS)[number];

/** POST /_sandbox/faults, with its defaults filled in. */
export interface FaultSpec {
  readonly method: FaultMethod;
  /** A path, where a `*` segment matches any one segment: `/network-tokens/*`. */
  readonly path: string;
  readonly count: number;
  readonly kind: FaultKind;
  /** For `status`: the status to answer, 400 to 599. */
  readonly status?: number;
  /** Real milliseconds to wait before the fault acts (required for `delay`, allowed for every kind). */
  readonly delayMs?: number;
  /** For `rate-limit` and `unavailable`: the Retry-After seconds. */
  readonly retryAfter?: number;
}

export interface Fault extends FaultSpec {
  readonly id: string;
  /** How many more matching requests get this fault. */
  remaining: number;
}

/** The longest delay a fault may ask for: long enough for any client timeout, short enough to end. */
const MAX_DELAY_MS = 120_000;
const MAX_COUNT = 1000;
const DEFAULT_RETRY_AFTER = 1;

const isInteger = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** Checks a fault request; every problem is a sentence for a 400 `{message: [...]}`. */
export function parseFaultSpec(body: unknown): { spec: FaultSpec } | { problems: string[] } {
  if (!isRecord(body)) return { problems: ['body must be an object'] };
  const input = body;
  const problems: string[] = [];
  const known = ['method', 'path', 'count', 'kind', 'status', 'delayMs', 'retryAfter'];
  for (const key of Object.keys(input)) if (!known.includes(key)) problems.push(`${key} is not allowed`);

  const method = input.method ?? '*';
  if (!METHODS.includes(method as FaultMethod)) problems.push(`method must be one of: ${METHODS.join(', ')}`);
  const path = input.path;
  if (typeof path !== 'string' || !path.startsWith('/')) problems.push('path must be a path starting with /');
  else if (path.startsWith('/_sandbox')) problems.push('path must not be a control API path');
  const count = input.count ?? 1;
  if (!isInteger(count, 1, MAX_COUNT)) problems.push(`count must be a whole number from 1 to ${MAX_COUNT}`);
  const kind = input.kind;
  if (!FAULT_KINDS.includes(kind as FaultKind))
    problems.push(`kind must be one of: ${FAULT_KINDS.join(', ')}`);

  const { status, delayMs, retryAfter } = input;
  if (kind === 'status' && !isInteger(status, 400, 599)) {
    problems.push('status must be a whole number from 400 to 599');
  }
  if (kind !== 'status' && status !== undefined) problems.push('status is only for kind status');
  if (delayMs === undefined ? kind === 'delay' : !isInteger(delayMs, 0, MAX_DELAY_MS)) {
    problems.push(`delayMs must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}`);
  }
  const retries = kind === 'rate-limit' || kind === 'unavailable';
  if (retryAfter !== undefined && (!retries || !isInteger(retryAfter, 0, 86_400))) {
    problems.push(
      retries
        ? 'retryAfter must be a whole number of seconds from 0 to 86400'
        : 'retryAfter is only for kinds rate-limit and unavailable',
    );
  }
  if (problems.length > 0) return { problems };
  return {
    spec: {
      method: method as FaultMethod,
      path: path as string,
      count: count as number,
      kind: kind as FaultKind,
      ...(status !== undefined && { status: status as number }),
      ...(delayMs !== undefined && { delayMs: delayMs as number }),
      ...(retries && { retryAfter: (retryAfter as number | undefined) ?? DEFAULT_RETRY_AFTER }),
    },
  };
}

/** True when `path` matches `pattern`, where a `*` segment stands for any one segment. */
export function pathMatches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((segment, i) => segment === '*' || segment === got[i]);
}

/** Faults waiting for their requests, first queued first served. */
export class FaultQueue {
  private faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = { id: randomUUID(), ...spec, remaining: spec.count };
    this.faults.push(fault);
    return fault;
  }

  /** The fault for this request, if one matches; it counts as used. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => (f.method === '*' || f.method === method) && pathMatches(f.path, path),
    );
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  list(): readonly Fault[] {
    return this.faults;
  }

  clear(): void {
    this.faults = [];
  }
}

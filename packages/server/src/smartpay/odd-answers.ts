/**
 * @module
 * Noticing what differs from the documented answer (a new status, a longer value, an unknown
 * field) without refusing it: each kind of difference is reported once per process, so a field
 * SmartPay added does not fill the log on every read.
 */
import { documentedNetworkTokenSchema } from '@smartpay/contract';
import type { SmartPayOperation } from './errors.js';

/** One way an answer differed from the API page. Never holds a value but a status or a brand. */
export interface OddAnswer {
  operation: SmartPayOperation;
  /** Dotted path of the field; empty for the token itself. */
  path: string;
  /** zod's issue code against the documented shape: `too_big`, `invalid_value`, `unrecognized_keys`, … */
  problem: string;
  /** The value, for the two fields whose values are names, not data: status and brand. */
  value?: string;
  /** The unknown field names, for `unrecognized_keys`. */
  fields?: string;
}

/** Paths whose values are safe and useful to log: which status or brand SmartPay used. */
const NAMED_VALUES = new Set(['status', 'tokenizedCardData.brand']);

/** Kinds remembered at most; past this, nothing more is reported (a flood is odd enough). */
const MAX_KINDS = 256;

/** Returns `check(operation, body)`, which reports each new kind of oddity of `body` once. */
export function oddAnswerReporter(report: (oddity: OddAnswer) => void) {
  const seen = new Set<string>();
  return function check(operation: SmartPayOperation, body: unknown): void {
    const result = documentedNetworkTokenSchema.safeParse(body);
    if (result.success) return;
    for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      const oddity: OddAnswer = { operation, path, problem: issue.code };
      if (issue.code === 'unrecognized_keys') oddity.fields = issue.keys.join(',').slice(0, 200);
      if (NAMED_VALUES.has(path)) {
        const value = valueAt(body, issue.path);
        if (typeof value === 'string') oddity.value = value.slice(0, 40);
      }
      const kind = `${path}|${oddity.problem}|${oddity.value ?? ''}|${oddity.fields ?? ''}`;
      if (seen.has(kind) || seen.size >= MAX_KINDS) continue;
      seen.add(kind);
      report(oddity);
    }
  };
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

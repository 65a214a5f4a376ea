import type { FieldFormat } from './formats.js';
import { type FieldIssue, issueAt, type LeafIssue } from './issues.js';

/** Everything the API page says about one string field. */
export interface FieldRule {
  /** The field must be present and hold more than whitespace. */
  readonly required?: boolean;
  /** maxLength from the API page. */
  readonly max?: number;
  /** Exact length ("Possible values: >= 3 and <= 3 characters"). */
  readonly length?: number;
  /** The only values allowed (an enum on the API page). */
  readonly oneOf?: readonly string[];
  /** A format from rules/formats.ts, which the value must have. */
  readonly format?: FieldFormat;
}

/** The rules for every field of one object, by field name. */
export type FieldTable = Readonly<Record<string, FieldRule>>;

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * The length of a string in characters as the API page counts them: Unicode code points, so an
 * emoji outside the Basic Multilingual Plane is one character (`String#length` counts it twice).
 */
export function characterCount(value: string): number {
  // The string iterator yields code points: a surrogate pair as one, a lone surrogate as one too.
  return [...value].length;
}

/**
 * What a blank value (`""` or only spaces) in an optional field means: `absent` (the merchant API:
 * forms send empty strings for untouched fields) or `checked` (SmartPay, whose class-validator
 * `@IsOptional` skips only null and undefined, so `""` must still match a format or exact length).
 */
export type BlankOptional = 'absent' | 'checked';

/**
 * Checks one string against its rule and returns the first problem, or undefined. This is the one
 * place where field limits are enforced: the zod schemas and the browser validator both call it.
 */
export function checkLeaf(
  rule: FieldRule,
  value: string,
  blankOptional: BlankOptional = 'absent',
): LeafIssue | undefined {
  if (rule.oneOf) {
    return rule.oneOf.includes(value) ? undefined : { code: 'invalid_value', params: { values: rule.oneOf } };
  }
  if (!/\S/.test(value)) {
    if (rule.required) return { code: 'required' };
    if (blankOptional === 'absent') return undefined;
  }
  const length = characterCount(value);
  if (rule.length !== undefined && length !== rule.length) {
    return { code: 'wrong_length', params: { length: rule.length } };
  }
  if (rule.max !== undefined && length > rule.max) return { code: 'too_long', params: { maximum: rule.max } };
  if (CONTROL_CHARACTERS.test(value)) return { code: 'invalid_characters' };
  return rule.format?.(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks every field of `table` in `value` (an object the caller built, such as the widget's
 * form). Unknown keys are not reported here: the zod schemas do that for bodies from outside.
 */
export function checkFields(
  table: FieldTable,
  value: unknown,
  path: string,
  blankOptional: BlankOptional = 'absent',
): FieldIssue[] {
  if (!isRecord(value)) return [issueAt(path, { code: 'invalid_type', params: { expected: 'object' } })];
  const issues: FieldIssue[] = [];
  for (const [name, rule] of Object.entries(table)) {
    const field = value[name];
    const at = path ? `${path}.${name}` : name;
    if (field === undefined) {
      if (rule.required) issues.push(issueAt(at, { code: 'required' }));
    } else if (typeof field !== 'string') {
      issues.push(issueAt(at, { code: 'invalid_type', params: { expected: 'string' } }));
    } else {
      const issue = checkLeaf(rule, field, blankOptional);
      if (issue) issues.push(issueAt(at, issue));
    }
  }
  return issues;
}

export { isRecord };

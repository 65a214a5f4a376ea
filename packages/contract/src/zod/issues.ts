import type { z } from 'zod';
import { dedupe } from '../rules/body-spec.js';
import { type FieldIssue, issueAt, type LeafIssue } from '../rules/issues.js';
import { MISSING } from './build.js';

/** A key as it reads in a path: plain names as they are, anything else quoted and cut to 40 characters. */
function keyText(key: PropertyKey): string {
  const text = String(key);
  if (/^[A-Za-z_$][\w$]{0,63}$/.test(text)) return text;
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

const pathOf = (path: readonly PropertyKey[]) => path.map(keyText).join('.');

/** Turns one zod issue into field issues with a plain-English sentence each. */
function fromZodIssue(issue: z.core.$ZodIssue): FieldIssue[] {
  const path = pathOf(issue.path);
  if (issue.message === MISSING && issue.code !== 'custom') return [issueAt(path, { code: 'required' })];
  switch (issue.code) {
    case 'custom': {
      const params = issue.params as { leaf?: LeafIssue; field?: FieldIssue } | undefined;
      if (params?.field) return [params.field];
      if (params?.leaf) return [issueAt(path, params.leaf)];
      return [issueAt(path, { code: 'invalid_format', rule: issue.message })];
    }
    case 'invalid_type':
      return [issueAt(path, { code: 'invalid_type', params: { expected: issue.expected } })];
    case 'unrecognized_keys':
      return issue.keys.map((key) => issueAt(pathOf([...issue.path, key]), { code: 'not_allowed' }));
    case 'invalid_value':
      return [issueAt(path, { code: 'invalid_value', params: { values: issue.values.map(String) } })];
    default:
      return [issueAt(path, { code: 'invalid_format', rule: issue.message })];
  }
}

/** Every problem of a failed parse as field issues, one per field, in the order of the body. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return dedupe(error.issues.flatMap(fromZodIssue));
}

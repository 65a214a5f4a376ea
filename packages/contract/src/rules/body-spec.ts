import { type BlankOptional, checkFields, type FieldTable, isRecord } from './field-rule.js';
import { type FieldIssue, issueAt } from './issues.js';

/** One nested object of a request body (consumer, billingAddress, …). */
export interface SectionSpec {
  readonly fields: FieldTable;
  readonly required?: boolean;
}

/**
 * A request body as data: its own string fields, its nested objects, and the rules that look at
 * more than one field. The zod schemas and the browser validator are both built from this.
 */
export interface BodySpec {
  readonly fields: FieldTable;
  readonly sections: Readonly<Record<string, SectionSpec>>;
  /** Rules across fields. They must cope with any input, because they also run on invalid bodies. */
  readonly rules: readonly ((body: unknown) => FieldIssue[])[];
  /** What `""` in an optional field means (see {@link BlankOptional}). Default `absent`. */
  readonly blankOptional?: BlankOptional;
}

/**
 * Checks a body the caller built itself (the widget's form). Reports the same problems, with the
 * same paths and codes, as the zod schema built from the same spec; unknown keys are not looked at.
 */
export function checkBody(spec: BodySpec, body: unknown): FieldIssue[] {
  if (!isRecord(body)) return [issueAt('', { code: 'invalid_type', params: { expected: 'object' } })];
  const blank = spec.blankOptional ?? 'absent';
  const issues = checkFields(spec.fields, body, '', blank);
  for (const [name, section] of Object.entries(spec.sections)) {
    const value = body[name];
    if (value !== undefined) issues.push(...checkFields(section.fields, value, name, blank));
    else if (section.required) issues.push(issueAt(name, { code: 'required' }));
  }
  for (const rule of spec.rules) issues.push(...rule(body));
  return dedupe(issues);
}

/** Keeps the first issue per path: a cross-field rule may restate what a field check found. */
export function dedupe(issues: readonly FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => !seen.has(issue.path) && seen.add(issue.path));
}

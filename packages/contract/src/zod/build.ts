import { z } from 'zod';
import type { BodySpec, SectionSpec } from '../rules/body-spec.js';
import { type BlankOptional, checkLeaf, type FieldRule, type FieldTable } from '../rules/field-rule.js';
import type { FieldIssue } from '../rules/issues.js';

type Leaf<R> = R extends { readonly oneOf: readonly (infer V)[] } ? V : string;
type RequiredKeys<T> = { [K in keyof T]: T[K] extends { readonly required: true } ? K : never }[keyof T];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The TypeScript type of an object whose string fields follow `T`. */
export type ObjectOf<T extends FieldTable> = Simplify<
  { -readonly [K in RequiredKeys<T>]: Leaf<T[K]> } & {
    -readonly [K in Exclude<keyof T, RequiredKeys<T>>]?: Leaf<T[K]>;
  }
>;

type SectionValue<S> = S extends { readonly fields: infer F extends FieldTable } ? ObjectOf<F> : never;
type RequiredSections<S> = { [K in keyof S]: S[K] extends { readonly required: true } ? K : never }[keyof S];

/** The TypeScript type of a body described by `B`. */
export type BodyOf<B extends BodySpec> = Simplify<
  ObjectOf<B['fields']> & {
    -readonly [K in RequiredSections<B['sections']>]: SectionValue<B['sections'][K]>;
  } & {
    -readonly [K in Exclude<keyof B['sections'], RequiredSections<B['sections']>>]?: SectionValue<
      B['sections'][K]
    >;
  }
>;

/** The message zod gives a missing value, so toFieldIssues can tell "missing" from "wrong type". */
export const MISSING = 'required';
const missing = { error: (issue: { input?: unknown }) => (issue.input === undefined ? MISSING : undefined) };

/** A zod string for one rule, whose problems come from checkLeaf and travel in `params`. */
function leafSchema(rule: FieldRule, blank: BlankOptional): z.ZodType<string> {
  return z.string(missing).check(
    z.superRefine((value: string, ctx) => {
      const issue = checkLeaf(rule, value, blank);
      if (issue)
        ctx.issues.push({ code: 'custom', input: value, message: issue.code, params: { leaf: issue } });
    }),
  );
}

function objectSchema(table: FieldTable, blank: BlankOptional = 'absent') {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, rule] of Object.entries(table)) {
    shape[name] = rule.required ? leafSchema(rule, blank) : leafSchema(rule, blank).optional();
  }
  return z.strictObject(shape, missing);
}

/** A strict zod object for a field table: unknown keys are refused. */
export function objectOf<const T extends FieldTable>(table: T): z.ZodType<ObjectOf<T>> {
  return objectSchema(table) as unknown as z.ZodType<ObjectOf<T>>;
}

/**
 * A strict zod schema for a body spec. The cross-field rules run even when a field is already
 * invalid (`when`), so one response names every problem at once.
 */
export function bodyOf<const B extends BodySpec>(spec: B): z.ZodType<BodyOf<B>> {
  const blank = spec.blankOptional ?? 'absent';
  const shape: Record<string, z.ZodType> = objectSchema(spec.fields, blank).shape;
  for (const [name, section] of Object.entries(spec.sections) as [string, SectionSpec][]) {
    const object = objectSchema(section.fields, blank);
    shape[name] = section.required ? object : object.optional();
  }
  const schema = z.strictObject(shape, missing).check(
    z.superRefine(
      (body: unknown, ctx) => {
        for (const rule of spec.rules) {
          for (const issue of rule(body)) {
            ctx.issues.push({
              code: 'custom',
              input: body,
              message: issue.message,
              params: { field: issue },
            });
          }
        }
      },
      { when: () => true },
    ),
  );
  return schema as unknown as z.ZodType<BodyOf<B>>;
}

export type { FieldIssue };

import type { LeafIssue } from '@smartpay/contract';
import {
  ADDRESS_FIELDS,
  COUNTRIES_REQUIRING_STATE,
  CONSUMER_FIELDS,
  checkLeaf,
  type FieldRule,
  type FieldTable,
} from '@smartpay/contract/core';
import { cardProblem } from './card.js';
import { type MessageKey, type Problem, problemOf } from './i18n.js';

/** The parts of the create body the shopper can fill in. */
export type Section = 'consumer' | 'billingAddress' | 'shippingAddress';

/** One input of the form. Its label is the message of the same name unless `label` says otherwise. */
export interface FieldDef {
  readonly name: string;
  readonly label?: MessageKey;
  readonly autocomplete?: string;
  readonly type?: 'email' | 'tel' | 'date' | 'select';
  readonly inputmode?: 'numeric';
  /** Columns out of 6 when the widget is wide enough for two columns (default 3). */
  readonly span?: 2 | 3 | 4 | 6;
}

export const CONSUMER_FORM: readonly FieldDef[] = [
  { name: 'title', autocomplete: 'honorific-prefix', type: 'select', span: 2 },
  { name: 'firstName', autocomplete: 'given-name', span: 4 },
  { name: 'middleName', autocomplete: 'additional-name' },
  { name: 'lastName', autocomplete: 'family-name' },
  { name: 'emailAddress', autocomplete: 'email', type: 'email', span: 6 },
  { name: 'dateOfBirth', autocomplete: 'bday', type: 'date' },
  { name: 'mobilePhone', autocomplete: 'tel', type: 'tel' },
];

/** Country first: it decides whether the state is asked for. */
export const ADDRESS_FORM: readonly FieldDef[] = [
  { name: 'countryCode', autocomplete: 'country', type: 'select', span: 6 },
  { name: 'addressLine1', autocomplete: 'address-line1', span: 4 },
  // No autocomplete token names a house number: browsers put it in address-line1.
  { name: 'number', span: 2 },
  { name: 'addressLine2', autocomplete: 'address-line2', span: 6 },
  { name: 'addressLine3', autocomplete: 'address-line3', span: 6 },
  { name: 'postCode', autocomplete: 'postal-code', span: 2 },
  { name: 'city', autocomplete: 'address-level2', span: 4 },
  { name: 'state', autocomplete: 'address-level1', span: 6 },
];

/** Direct flow only. Holder name last, as printed cards read. */
export const CARD_FORM: readonly FieldDef[] = [
  { name: 'number', label: 'cardNumber', autocomplete: 'cc-number', inputmode: 'numeric', span: 6 },
  { name: 'expiry', autocomplete: 'cc-exp', span: 3 },
  { name: 'cvc', autocomplete: 'cc-csc', inputmode: 'numeric', span: 3 },
  { name: 'holderName', autocomplete: 'cc-name', span: 6 },
];

/** The contract's rule for a form field; card fields have their own checks. */
export function ruleOf(section: string, name: string): FieldRule | undefined {
  const table: FieldTable | undefined =
    section === 'consumer' ? CONSUMER_FIELDS : section === 'card' ? undefined : ADDRESS_FIELDS;
  return table?.[name];
}

/** The trimmed, non-empty values of one section's fields, by name; the state only where the country needs one. */
export function sectionValues(values: Readonly<Record<string, string>>, section: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, value] of Object.entries(values)) {
    const [owner, name = ''] = path.split('.');
    if (owner === section && value.trim() && (name !== 'state' || needsState(values, section))) out[name] = value.trim();
  }
  return out;
}

/** True when the address's country needs a state (USA, CAN): the contract's one cross-field rule on addresses. */
const stateNeeded = (countryCode: unknown): boolean =>
  COUNTRIES_REQUIRING_STATE.includes(typeof countryCode === 'string' ? countryCode : '');

/** True when the form's address in `section` needs a state. */
export const needsState = (values: Readonly<Record<string, string>>, section: string): boolean =>
  stateNeeded(values[`${section}.countryCode`]);

/** The problem with one field (`section.name`), judged by the contract's rules, or undefined. */
export function fieldProblem(path: string, values: Readonly<Record<string, string>>): Problem | undefined {
  const [section = '', name = ''] = path.split('.');
  const value = values[path]?.trim() ?? '';
  if (section === 'card') return cardProblem(name, value);
  const issue: LeafIssue | undefined =
    name === 'state' && !value && needsState(values, section) ? { code: 'required' } : checkLeaf(ruleOf(section, name)!, value);
  return issue && problemOf(issue);
}

/**
 * Every problem with a section object as the merchant supplied it, by field name: the same checks
 * as the contract's checkFields and addressIssues, with codes only. (Those build English sentences,
 * which the widget never shows and would rather not ship.)
 */
export function sectionIssues(section: Section, value: unknown): [name: string, issue: LeafIssue][] {
  const record = (value ?? {}) as Record<string, unknown>;
  const issues: [string, LeafIssue][] = [];
  for (const [name, rule] of Object.entries(section === 'consumer' ? CONSUMER_FIELDS : ADDRESS_FIELDS)) {
    const field = record[name];
    const issue: LeafIssue | undefined =
      field === undefined
        ? rule.required
          ? { code: 'required' }
          : undefined
        : typeof field === 'string'
          ? checkLeaf(rule, field)
          : { code: 'invalid_type' };
    if (issue) issues.push([name, issue]);
  }
  if (section !== 'consumer' && stateNeeded(record.countryCode) && !/\S/.test(String(record.state ?? ''))) {
    issues.push(['state', { code: 'required' }]);
  }
  return issues;
}

/** True when the merchant supplied this section whole: it passes the contract's checks, so it is not asked for. */
export const suppliedInFull = (section: Section, value: object | undefined): boolean =>
  !!value && sectionIssues(section, value).length === 0;

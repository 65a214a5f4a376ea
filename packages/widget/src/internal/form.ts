import type { LeafIssue } from '@smartpay/contract';
import {
  ADDRESS_FIELDS,
  CONSUMER_FIELDS,
  COUNTRIES_REQUIRING_STATE,
  checkLeaf,
  type FieldRule,
  type FieldTable,
} from '@smartpay/contract/core';
import { directFields } from './direct-loader.js';
import { type Problem, problemOf } from './i18n.js';

/** The parts of the create body the shopper can fill in. */
export type Section = 'consumer' | 'billingAddress' | 'shippingAddress';

/**
 * One input of the form: its name (also the key of its label), its autocomplete token, its type
 * (`numeric`: a text field with a numeric keyboard, for card numbers that keep their spaces), and
 * whether it is short enough to share a row with its neighbour when the widget is wide enough.
 */
export type FieldDef = readonly [
  name: string,
  autocomplete: string | undefined,
  type: 'email' | 'tel' | 'date' | 'select' | 'numeric' | undefined,
  short: boolean,
];

/** Fields as `name:autocomplete:type`, a short one marked `*`. */
export const fields = (spec: string): readonly FieldDef[] =>
  spec.split(' ').map((field) => {
    const [name = '', autocomplete, type] = field.split(':');
    return [name.replace('*', ''), autocomplete, type, name[0] === '*'] as unknown as FieldDef;
  });

export const CONSUMER_FORM = fields(
  '*title:honorific-prefix:select *firstName:given-name *middleName:additional-name *lastName:family-name emailAddress:email:email *dateOfBirth:bday:date *mobilePhone:tel:tel',
);

/** Country first: it decides whether the state is asked for. No token names a house number. */
export const ADDRESS_FORM = fields(
  'countryCode:country:select addressLine1:address-line1 number addressLine2:address-line2 addressLine3:address-line3 *postCode:postal-code *city:address-level2 state:address-level1:select',
);

/** Fields that take digits: Arabic-Indic and Persian digits typed into them become ASCII digits. */
export const DIGIT_FIELDS = /(cardNumber|expiry|cvc|mobilePhone|postCode|number)$/;

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits as ASCII digits, so a shopper may type either. */
export const asciiDigits = (value: string): string =>
  value.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) & 15));

/** The contract's rule for a form field. */
export function ruleOf(section: string, name: string): FieldRule | undefined {
  // The card's rules come with the card fields (loaded before they are shown).
  const table: FieldTable | undefined =
    section === 'consumer'
      ? CONSUMER_FIELDS
      : section === 'card'
        ? directFields()?.CARD_RULES
        : ADDRESS_FIELDS;
  return table?.[name];
}

/** The trimmed, non-empty values of one section's fields, by name; the state only where the country needs one. */
export function sectionValues(
  values: Readonly<Record<string, string>>,
  section: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, value] of Object.entries(values)) {
    const [owner, name = ''] = path.split('.');
    if (owner === section && value.trim() && (name !== 'state' || needsState(values, section)))
      out[name] = value.trim();
  }
  return out;
}

/**
 * True when the form's address in `section` needs a state: its country is one of those that do (USA,
 * CAN), the contract's one cross-field rule on addresses.
 */
export const needsState = (values: Readonly<Record<string, string>>, section: string): boolean =>
  COUNTRIES_REQUIRING_STATE.includes(values[`${section}.countryCode`] as string);

/** The problem with one field (`section.name`), judged by the contract's rules, or undefined. */
export function fieldProblem(path: string, values: Readonly<Record<string, string>>): Problem | undefined {
  const [section = '', name = ''] = path.split('.');
  const value = values[path]?.trim() ?? '';
  // SmartPay's form requires the cardholder's name: so does the direct flow. The card's own checks
  // come with the card fields (loaded before they are shown).
  if (section === 'card' && (name !== 'cardHolderName' || !value))
    return directFields()?.cardProblem(name, value);
  const issue: LeafIssue | undefined =
    name === 'state' && !value && needsState(values, section)
      ? { code: 'required' }
      : checkLeaf(ruleOf(section, name) ?? {}, value);
  return issue && problemOf(issue);
}

/**
 * True when the merchant supplied this section whole: every field passes the contract's checks
 * (and an address that needs a state has one), so it is not asked for.
 */
export function suppliedInFull(section: Section, value: object | undefined): boolean {
  const record = value as Record<string, unknown> | undefined;
  return (
    !!record &&
    Object.entries(section === 'consumer' ? CONSUMER_FIELDS : ADDRESS_FIELDS).every(([name, rule]) => {
      const field = record[name];
      return field === undefined ? !rule.required : typeof field === 'string' && !checkLeaf(rule, field);
    }) &&
    // A state that is there is a string by now (checked above).
    !(
      section !== 'consumer' &&
      COUNTRIES_REQUIRING_STATE.includes(record.countryCode as string) &&
      !(record.state as string | undefined)?.trim()
    )
  );
}

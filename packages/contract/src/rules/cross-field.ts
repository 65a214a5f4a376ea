import { COUNTRIES_REQUIRING_STATE } from '../countries.js';
import { isRecord } from './field-rule.js';
import { type FieldIssue, issueAt } from './issues.js';

const isBlank = (value: unknown) => value === undefined || (typeof value === 'string' && !/\S/.test(value));

/** The state of an address is mandatory when its country is the USA or Canada. */
export function addressIssues(address: unknown, path: string): FieldIssue[] {
  if (!isRecord(address)) return [];
  const { countryCode, state } = address;
  if (typeof countryCode !== 'string' || !COUNTRIES_REQUIRING_STATE.includes(countryCode)) return [];
  return isBlank(state)
    ? [issueAt(`${path}.state`, { code: 'required', rule: 'is required when countryCode is USA or CAN' })]
    : [];
}

/** cardDetails is required for the direct flow and refused for the payment-form flow. */
export function cardDetailsIssues(body: unknown): FieldIssue[] {
  if (!isRecord(body)) return [];
  const { integrationFlow, cardDetails } = body;
  if (integrationFlow === 'direct' && cardDetails === undefined) {
    return [issueAt('cardDetails', { code: 'required', rule: 'is required when integrationFlow is direct' })];
  }
  if (integrationFlow === 'payment-form' && cardDetails !== undefined) {
    const rule = 'must not be sent when integrationFlow is payment-form: SmartPay collects the card';
    return [issueAt('cardDetails', { code: 'not_allowed', rule })];
  }
  return [];
}

/** A request names either a consumer or a business consumer: one of them, never both. */
export function consumerIssues(body: unknown): FieldIssue[] {
  if (!isRecord(body)) return [];
  const hasConsumer = body.consumer !== undefined;
  const hasBusiness = body.businessConsumer !== undefined;
  if (hasConsumer && hasBusiness) {
    return [
      issueAt('businessConsumer', { code: 'conflict', rule: 'must not be sent together with consumer' }),
    ];
  }
  if (!hasConsumer && !hasBusiness) {
    return [issueAt('consumer', { code: 'required', rule: 'is required unless businessConsumer is sent' })];
  }
  return [];
}

/** The address rules for both addresses of a request body. */
export function bodyAddressIssues(body: unknown): FieldIssue[] {
  if (!isRecord(body)) return [];
  return [
    ...addressIssues(body.billingAddress, 'billingAddress'),
    ...addressIssues(body.shippingAddress, 'shippingAddress'),
  ];
}

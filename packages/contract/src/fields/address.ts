import * as formats from '../rules/formats.js';

/** Address, for billingAddress and shippingAddress (API page; required-ness from SmartPay's data model). */
export const ADDRESS_FIELDS = {
  addressLine1: { required: true, max: 60 },
  addressLine2: { max: 60 },
  addressLine3: { max: 60 },
  number: { max: 10 },
  postCode: { required: true, max: 10 },
  city: { required: true, max: 50 },
  countryCode: { required: true, length: 3, format: formats.country },
  /** Mandatory when countryCode is USA or CAN: see addressIssues. */
  state: { max: 3 },
} as const;

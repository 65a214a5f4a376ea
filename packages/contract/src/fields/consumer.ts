import * as formats from '../rules/formats.js';

/** The consumer, a physical person (API page; required-ness from SmartPay's data model). */
export const CONSUMER_FIELDS = {
  title: { max: 3 },
  firstName: { required: true, max: 60 },
  middleName: { max: 60 },
  lastName: { required: true, max: 60 },
  emailAddress: { required: true, max: 255, format: formats.email },
  dateOfBirth: { max: 10, format: formats.birthdate },
  gender: { max: 6 },
  culture: { max: 5, format: formats.culture },
  mobilePhone: { max: 30, format: formats.phone },
  homePhone: { max: 30, format: formats.phone },
  workPhone: { max: 30, format: formats.phone },
  merchantCustomerId: { max: 255 },
  taxNumber: { max: 30 },
} as const;

/** The business consumer, sent instead of consumer for a company (SmartPay's data model). */
export const BUSINESS_CONSUMER_FIELDS = {
  companyName: { required: true, max: 100 },
  companyType: { required: true, max: 100 },
  emailAddress: { required: true, max: 255, format: formats.email },
  taxId: { max: 30 },
  culture: { max: 5, format: formats.culture },
  companyRegistrationNumber: { max: 50 },
  companyRegistrationCountryCode: { length: 3, format: formats.country },
} as const;

import * as formats from '../rules/formats.js';
import { CARD_HOLDER_NAME_RULE } from './card-holder-name.js';

/**
 * Card details for the direct flow: tokens from SmartPay's PCI proxy, never the card number itself.
 * In the API page's order, which is alphabetical for every object (so the cardholder name, between
 * `brand` and the PAN token, is `cardHolderName`).
 */
export const CARD_DETAILS_FIELDS = {
  brand: { max: 10 },
  cardHolderName: CARD_HOLDER_NAME_RULE,
  cardToken: { required: true, max: 32, format: formats.cardToken },
  cvvToken: { max: 18, format: formats.cvvToken },
  expiryMonth: { required: true, max: 2, format: formats.month },
  expiryYear: { required: true, max: 4, format: formats.year },
} as const;

/**
 * Card details for the direct flow: tokens from SmartPay's PCI proxy, never the card number itself.
 * In the API page's order, which is alphabetical for every object (so the cardholder name, between
 * `brand` and the PAN token, is `cardHolderName`).
 */
export const CARD_DETAILS_FIELDS = {
  brand: { max: 10 },
  cardHolderName: { max: 64 },
  cardToken: { required: true, max: 32, format: 'card-token' },
  cvvToken: { max: 18, format: 'cvv-token' },
  expiryMonth: { required: true, max: 2, format: 'month' },
  expiryYear: { required: true, max: 4, format: 'year' },
} as const;

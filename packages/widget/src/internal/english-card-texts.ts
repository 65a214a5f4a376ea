/**
 * The English texts of the direct flow's card step, kept out of the main file: the card fields'
 * chunk (direct-fields.ts) adds them to the English catalogue (locales/en.ts) as it loads, before
 * any card field or card error is shown. Every other language has them in its own chunk.
 */
export default {
  cardHolderName: 'Name on card',
  cardNumber: 'Card number',
  expiry: 'Expiry date (MM/YY)',
  cvc: 'Security code (CVC)',
  errCardNumber: 'Check the card number.',
  errBrand: 'Only Visa and Mastercard can be saved.',
  errExpiry: 'Enter it as MM/YY.',
  errExpired: 'This card has expired.',
  errCvc: 'Enter the 3 or 4 digit code.',
};

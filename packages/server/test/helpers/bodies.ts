import type { CreateTokenBody } from '@smartpay/contract';

/** A payment-form body that passes every rule; tests change copies of it. */
export function paymentFormBody(): CreateTokenBody {
  return {
    integrationFlow: 'payment-form',
    currencyCode: 'EUR',
    billingAddress: {
      addressLine1: 'Invalidenstraße',
      number: '117',
      postCode: '10115',
      city: 'Berlin',
      countryCode: 'DEU',
    },
    consumer: { firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com' },
  };
}

/** A direct-flow body around card tokens from the PCI proxy. */
export function directBody(cardToken: string, cvvToken: string, brand = 'VISA'): CreateTokenBody {
  return {
    ...paymentFormBody(),
    integrationFlow: 'direct',
    cardDetails: {
      brand,
      holderName: 'Ada Lovelace',
      cardToken,
      cvvToken,
      expiryMonth: '12',
      expiryYear: '2030',
    },
  };
}

import type { CreateTokenBody } from '@smartpay/contract';
import { exampleCreateTokenBody } from '@smartpay/contract/examples';

/** A payment-form body that passes every rule; tests change copies of it. */
export function paymentFormBody(): CreateTokenBody {
  return exampleCreateTokenBody();
}

/** A direct-flow body around card tokens from the PCI proxy. */
export function directBody(cardToken: string, cvvToken: string, brand = 'VISA'): CreateTokenBody {
  return {
    ...paymentFormBody(),
    integrationFlow: 'direct',
    cardDetails: {
      brand,
      cardHolderName: 'Ada Lovelace',
      cardToken,
      cvvToken,
      expiryMonth: '12',
      expiryYear: '2030',
    },
  };
}

/**
 * Compile-time checks (typecheck only, never bundled) of the React typings: the wrapper's props and
 * callbacks, and the bare tag in React 19 JSX.
 */
import type { SmartpayNetworkToken as Element } from './index.js';
import { SmartpayNetworkToken } from './react.js';

export const wrapper = (
  <SmartpayNetworkToken
    endpoint="/shop"
    integrationFlow="direct"
    locale="de-DE"
    consumer={{ firstName: 'Erika', lastName: 'Mustermann', emailAddress: 'erika@example.com' }}
    messages={{ continue: 'Weiter zur Karte' }}
    onTokenActive={(event) => event.detail.card?.last4}
    onError={(event) => event.detail.retryable}
    onStatusChange={(event) => event.detail.previousStatus}
  />
);

export const bare = (
  <smartpay-network-token
    endpoint="/shop"
    integration-flow="payment-form"
    currency="EUR"
    ref={(element: Element | null) => element?.reset()}
    onsmartpay-token-created={(event) => event.detail.tokenId}
    onsmartpay-error={(event) => event.detail.code}
  />
);

// @ts-expect-error: the flow is one of two values
export const wrongFlow = <smartpay-network-token integration-flow="hosted" />;

// @ts-expect-error: events carry their own detail type
export const wrongDetail = <SmartpayNetworkToken onTokenActive={(event) => event.detail.clientSecret} />;

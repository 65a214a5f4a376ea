/**
 * @module
 * React: a typed wrapper component (props for every property, `onX` callbacks for every event), and
 * JSX typings for using the bare `<smartpay-network-token>` tag in React 19. Registers the element.
 *
 * @example
 * ```tsx
 * import { SmartpayNetworkToken } from '@smartpay/widget/react';
 * <SmartpayNetworkToken endpoint="/shop" onTokenActive={(e) => save(e.detail.tokenId)} />
 * ```
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import './define.js';
import {
  SmartpayErrorEvent,
  type SmartpayEventMap,
  SmartpayReadyEvent,
  SmartpayStatusChangeEvent,
  SmartpayTokenActiveEvent,
  SmartpayTokenCreatedEvent,
} from './events/index.js';
import { SmartpayNetworkToken as SmartpayNetworkTokenElement } from './smartpay-network-token.js';
import type { IntegrationFlow } from './types.js';

/** An event class's name, typed with its class for `@lit/react`'s `onX` props. */
const nameOf = <E extends Event>(event: { readonly eventName: string; prototype: E }) =>
  event.eventName as EventName<E>;

/** `<SmartpayNetworkToken>`: the element as a React component. */
export const SmartpayNetworkToken = createComponent({
  react: React,
  tagName: 'smartpay-network-token',
  elementClass: SmartpayNetworkTokenElement,
  displayName: 'SmartpayNetworkToken',
  events: {
    onReady: nameOf(SmartpayReadyEvent),
    onTokenCreated: nameOf(SmartpayTokenCreatedEvent),
    onStatusChange: nameOf(SmartpayStatusChangeEvent),
    onTokenActive: nameOf(SmartpayTokenActiveEvent),
    onError: nameOf(SmartpayErrorEvent),
  },
});

/** The element's properties a page sets, as React 19 props of the bare tag. */
export type SmartpayNetworkTokenProperties = Partial<
  Pick<
    SmartpayNetworkTokenElement,
    | 'endpoint'
    | 'integrationFlow'
    | 'currency'
    | 'locale'
    | 'country'
    | 'consumer'
    | 'billingAddress'
    | 'shippingAddress'
    | 'messages'
    | 'tokenize'
  >
>;

/** The bare tag's props in React 19, which sets properties and listens to `on<event-name>` props. */
export interface SmartpayNetworkTokenJsxProps
  extends React.HTMLAttributes<SmartpayNetworkTokenElement>,
    React.RefAttributes<SmartpayNetworkTokenElement>,
    SmartpayNetworkTokenProperties,
    SmartpayEventListenerProps {
  'integration-flow'?: IntegrationFlow;
}

/** React 19's listener props for the bare tag: `onsmartpay-token-active` and the others. */
export type SmartpayEventListenerProps = {
  [Name in keyof SmartpayEventMap as `on${Name}`]?: (event: SmartpayEventMap[Name]) => void;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'smartpay-network-token': SmartpayNetworkTokenJsxProps;
    }
  }
}

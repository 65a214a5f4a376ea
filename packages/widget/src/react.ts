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
import type { SmartpayErrorEvent } from './events/error.js';
import type { SmartpayReadyEvent } from './events/ready.js';
import type { SmartpayStatusChangeEvent } from './events/status-change.js';
import type { SmartpayTokenActiveEvent } from './events/token-active.js';
import type { SmartpayTokenCreatedEvent } from './events/token-created.js';
import type { Messages } from './internal/messages.js';
import { SmartpayNetworkToken as SmartpayNetworkTokenElement } from './smartpay-network-token.js';
import type { Address, Consumer, IntegrationFlow } from './types.js';

/** `<SmartpayNetworkToken>`: the element as a React component. */
export const SmartpayNetworkToken = createComponent({
  react: React,
  tagName: 'smartpay-network-token',
  elementClass: SmartpayNetworkTokenElement,
  displayName: 'SmartpayNetworkToken',
  events: {
    onReady: 'smartpay-ready' as EventName<SmartpayReadyEvent>,
    onTokenCreated: 'smartpay-token-created' as EventName<SmartpayTokenCreatedEvent>,
    onStatusChange: 'smartpay-status-change' as EventName<SmartpayStatusChangeEvent>,
    onTokenActive: 'smartpay-token-active' as EventName<SmartpayTokenActiveEvent>,
    onError: 'smartpay-error' as EventName<SmartpayErrorEvent>,
  },
});

/** The bare tag's props in React 19, which sets properties and listens to `on<event-name>` props. */
export interface SmartpayNetworkTokenJsxProps
  extends React.HTMLAttributes<SmartpayNetworkTokenElement>,
    React.RefAttributes<SmartpayNetworkTokenElement> {
  endpoint?: string;
  'integration-flow'?: IntegrationFlow;
  integrationFlow?: IntegrationFlow;
  currency?: string;
  locale?: string;
  consumer?: Consumer;
  billingAddress?: Address;
  shippingAddress?: Address;
  messages?: Partial<Messages>;
  'onsmartpay-ready'?: (event: SmartpayReadyEvent) => void;
  'onsmartpay-token-created'?: (event: SmartpayTokenCreatedEvent) => void;
  'onsmartpay-status-change'?: (event: SmartpayStatusChangeEvent) => void;
  'onsmartpay-token-active'?: (event: SmartpayTokenActiveEvent) => void;
  'onsmartpay-error'?: (event: SmartpayErrorEvent) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'smartpay-network-token': SmartpayNetworkTokenJsxProps;
    }
  }
}

/**
 * What svelte-check knows about <smartpay-network-token>: its attributes and its events, typed, so a
 * handler taking the wrong event or a misspelt attribute fails the type check.
 */
import type {
  IntegrationFlow,
  SmartpayErrorEvent,
  SmartpayReadyEvent,
  SmartpayStatusChangeEvent,
  SmartpayTokenActiveEvent,
  SmartpayTokenCreatedEvent,
} from '@smartpay/widget';
import type { HTMLAttributes } from 'svelte/elements';

declare module 'svelte/elements' {
  export interface SvelteHTMLElements {
    'smartpay-network-token': HTMLAttributes<HTMLElement> & {
      endpoint?: string;
      'integration-flow'?: IntegrationFlow;
      currency?: string;
      locale?: string;
      country?: string;
      'onsmartpay-ready'?: (event: SmartpayReadyEvent) => void;
      'onsmartpay-token-created'?: (event: SmartpayTokenCreatedEvent) => void;
      'onsmartpay-status-change'?: (event: SmartpayStatusChangeEvent) => void;
      'onsmartpay-token-active'?: (event: SmartpayTokenActiveEvent) => void;
      'onsmartpay-error'?: (event: SmartpayErrorEvent) => void;
    };
  }
}

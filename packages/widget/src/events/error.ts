import { SmartpayEvent } from './smartpay-event.js';

/**
 * Why the widget stopped. The merchant server's codes pass through as they are; the widget adds
 * its own for what happens in the browser.
 */
export type SmartpayErrorCode =
  /** The merchant server could not be reached (offline, blocked). */
  | 'network_error'
  /** The merchant server answers, but its CORS does not let this page read it: add the page to ALLOWED_ORIGINS. */
  | 'origin_not_allowed'
  /** No answer in time (100 s for a create: longer than the server gives SmartPay; 20 s otherwise). */
  | 'timeout'
  /** The merchant server does not offer the chosen integration flow. */
  | 'flow_not_allowed'
  /** `GET /api/config` failed, or the chosen flow is not among the merchant's flows. */
  | 'config_unavailable'
  /** SmartPay's card-form script could not be loaded after retries (blocked, CSP, offline). */
  | 'sdk_unavailable'
  /** SmartPay's card form refused to start (for example, the token is no longer pending). */
  | 'payment_form_failed'
  /** The shopper left the card form open until the token expired. */
  | 'payment_form_expired'
  /** The 3-D Secure challenge failed. */
  | 'card_authentication_failed'
  /** SmartPay's PCI proxy, or the merchant's own vault (`tokenize`), could not tokenize the card (direct flow; a number or CVC the proxy refuses is shown on its field). */
  | 'tokenization_failed'
  /** The token ended in ERROR: the issuer or network declined it. */
  | 'provisioning_failed'
  /** The status could not be followed any more. */
  | 'status_unavailable'
  /** A merchant server code (`MERCHANT_ERROR_CODES` in the contract), e.g. `validation_failed`. */
  | (string & {});

export interface SmartpayErrorDetail {
  readonly code: SmartpayErrorCode;
  /** The sentence the widget shows the shopper, in the active locale. */
  readonly message: string;
  /** True when "Try again" (a fresh attempt) can succeed; false when the merchant must fix something. */
  readonly retryable: boolean;
  readonly tokenId?: string;
  /** The fields the merchant server refused, for `validation_failed`. */
  readonly fields?: readonly { readonly path: string; readonly message: string }[];
  /** The merchant server's request id, when the error came from it: quote it when asking for support. */
  readonly requestId?: string;
}

/** Something failed. The widget shows `message` and, when `retryable`, a "Try again" button. */
export class SmartpayErrorEvent extends SmartpayEvent<SmartpayErrorDetail> {
  static override readonly eventName = 'smartpay-error';
}

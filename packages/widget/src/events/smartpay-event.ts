/**
 * The base of every `smartpay-*` event: a CustomEvent that bubbles and crosses shadow roots, named
 * by its class's `eventName`.
 */
export class SmartpayEvent<T> extends CustomEvent<T> {
  static readonly eventName: string;

  constructor(detail: T) {
    super((new.target as typeof SmartpayEvent).eventName, { detail, bubbles: true, composed: true });
  }
}

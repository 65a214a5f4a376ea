/** The base of every `smartpay-*` event: a CustomEvent that bubbles and crosses shadow roots. */
export class SmartpayEvent<T> extends CustomEvent<T> {
  constructor(type: string, detail: T) {
    super(type, { detail, bubbles: true, composed: true });
  }
}

import type { RenderOptions, RenderResult } from '../internal/sdk-loader.js';

/**
 * SmartPay's payment-form SDK, as docs/interfaces.md describes it: `renderWidget` draws a (fake)
 * iframe into the container and returns a Promise the test settles with `accept` or `reject`.
 */
export class FakeSdk {
  readonly calls: RenderOptions[] = [];
  readonly #pending: { resolve: (value: RenderResult) => void; reject: (error: unknown) => void }[] = [];

  install(): this {
    window.SmpLibrary = {
      SmartPayAppInstance: {
        renderWidget: (options) => {
          this.calls.push(options);
          const container = document.getElementById(options.containerId);
          if (!container)
            return Promise.reject(Object.assign(new Error('no container'), { code: 'ERR_CONFIG' }));
          const frame = document.createElement('iframe');
          frame.title = 'SmartPay card form';
          frame.srcdoc = '<p>card form</p>';
          container.replaceChildren(frame);
          return new Promise((resolve, reject) => this.#pending.push({ resolve, reject }));
        },
      },
    };
    return this;
  }

  uninstall(): void {
    delete window.SmpLibrary;
  }

  /** The shopper's card was accepted: the form resolves PROVISIONING. */
  accept(): void {
    const call = this.calls.at(-1)!;
    this.#pending.at(-1)!.resolve({ tokenId: call.tokenId, status: 'PROVISIONING' });
  }

  reject(code: string): void {
    this.#pending.at(-1)!.reject(Object.assign(new Error(code), { code }));
  }
}

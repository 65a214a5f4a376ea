import { ApiError, retrying } from './api.js';
import { timing } from './timing.js';

/** What `renderWidget` resolves with: the card was accepted for provisioning. */
export interface RenderResult {
  readonly tokenId: string;
  readonly status: string;
}

/** The options of SmartPay's `renderWidget` (docs/interfaces.md). */
export interface RenderOptions {
  readonly containerId: string;
  readonly tokenId: string;
  readonly locale?: string;
  readonly style?: Readonly<Record<string, string>>;
}

/** SmartPay's payment-form SDK, as `window.SmpLibrary.SmartPayAppInstance`. */
export interface SmartPaySdk {
  renderWidget(options: RenderOptions): Promise<RenderResult>;
}

declare global {
  interface Window {
    SmpLibrary?: { SmartPayAppInstance?: SmartPaySdk };
  }
}

const found = () => window.SmpLibrary?.SmartPayAppInstance;

/** One load per script URL per page, shared by every widget on it. */
const loads: Record<string, Promise<SmartPaySdk>> = {};

/**
 * Loads SmartPay's SDK once per page: reuses it when the page already has it, retries with backoff
 * (three tries), and passes the CSP nonce to the script. Fails with ApiError `sdk_unavailable`; a
 * failed load is forgotten, so the next call ("Try again") starts afresh.
 */
export async function loadSdk(src: string, nonce: string | undefined): Promise<SmartPaySdk> {
  const ready = found();
  if (ready) return ready;
  loads[src] ??= retrying(
    () =>
      new Promise<SmartPaySdk>((resolve, reject) => {
        const script = document.createElement('script');
        // Loaded with the SDK; else failed (offline, blocked, refused by CSP), timed out, or loaded
        // without defining the SDK.
        const settle = (sdk?: SmartPaySdk) => {
          clearTimeout(timer);
          if (sdk) return resolve(sdk);
          script.remove();
          reject(new ApiError('sdk_unavailable'));
        };
        const timer = setTimeout(settle, timing.sdkTimeout);
        script.onload = () => settle(found());
        script.onerror = () => settle();
        if (nonce) script.nonce = nonce;
        // Async, as every script added by code.
        script.src = src;
        document.head.append(script);
      }),
    new AbortController().signal,
  ).catch((error) => {
    delete loads[src];
    throw error;
  });
  return loads[src];
}

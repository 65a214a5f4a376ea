/**
 * Compile-time check against the built typings (dist/*.d.ts), as an app sees them: importing only
 * `@smartpay/widget/define` types the tag, its methods and its events (`npm test` runs it after the
 * build; a failure is a type error).
 */
import '@smartpay/widget/define';

const widget = document.querySelector('smartpay-network-token')!;
widget.addEventListener('smartpay-token-active', (event) => event.detail.card.last4.padStart(4));
widget.addEventListener('smartpay-status-change', (event) => event.detail.previousStatus);
document.addEventListener('smartpay-error', (event) => event.detail.retryable);
window.addEventListener('smartpay-ready', (event) => event.detail.integrationFlow);
export const saved: Promise<boolean> = widget.submit();

// @ts-expect-error: a created token's event never carries the client secret
widget.addEventListener('smartpay-token-created', (event) => event.detail.clientSecret);

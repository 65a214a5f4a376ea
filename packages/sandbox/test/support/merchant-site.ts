import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A merchant's checkout page on its own origin, so the hosted form really is cross-origin. It loads
 * the SDK from `?sdk=` and offers `window.render(options)`, which records how the promise settles
 * and which handlers were called in `window.results`. A second origin serves `/forger`, a page that
 * posts look-alike messages, for the postMessage origin checks.
 */
export interface MerchantSite {
  /** The checkout page for a sandbox. */
  checkoutUrl(sandboxUrl: string): string;
  /** The forging page, on an origin that is neither the merchant's nor the sandbox's. */
  readonly forgerUrl: string;
  readonly origin: string;
  close(): Promise<void>;
}

const checkoutPage = (sdkUrl: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Merchant checkout</title>
<script src="${sdkUrl}"></script>
<script>
  window.results = [];
  window.render = (options) => {
    const entry = { state: 'pending', handlers: [] };
    window.results.push(entry);
    const promise = window.SmpLibrary.SmartPayAppInstance.renderWidget({
      successHandler: (result) => entry.handlers.push(['success', result]),
      errorHandler: (code, message) => entry.handlers.push(['error', code, message]),
      ...options,
    });
    entry.promise = promise;
    promise.then(
      (value) => Object.assign(entry, { state: 'resolved', value }),
      (error) => Object.assign(entry, { state: 'rejected', code: error.code, message: error.message, isError: error instanceof Error }),
    );
    return window.results.length - 1;
  };
</script>
</head>
<body>
<h1>Checkout</h1>
<a href="#start" id="start">Start of the card form</a>
<div id="card-container"></div>
<div id="other-container"></div>
</body>
</html>`;

// Posts the message it is given in its URL hash to its parent, or to the parent's first frame.
const forgerPage = `<!doctype html>
<html><body><script>
  const { target, message } = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  const window_ = target === 'sibling' ? parent.frames[0] : parent;
  window_.postMessage(message, '*');
  document.body.textContent = 'posted';
</script></body></html>`;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

export async function startMerchantSite(): Promise<MerchantSite> {
  const merchant = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://merchant');
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(checkoutPage(url.searchParams.get('sdk') ?? ''));
  });
  const forger = createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(forgerPage);
  });
  const [origin, forgerOrigin] = await Promise.all([listen(merchant), listen(forger)]);
  return {
    origin,
    forgerUrl: `${forgerOrigin}/forger`,
    checkoutUrl: (sandboxUrl) =>
      `${origin}/?${new URLSearchParams({ sdk: `${sandboxUrl}/sdk/smp-bundle.js` })}`,
    close: async () => {
      merchant.closeAllConnections();
      forger.closeAllConnections();
      await Promise.all([new Promise((r) => merchant.close(r)), new Promise((r) => forger.close(r))]);
    },
  };
}

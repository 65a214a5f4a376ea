import { randomUUID } from 'node:crypto';

/**
 * The create the merchant server sends SmartPay, ready to send straight to the sandbox (`POST
 * {sandbox}/network-tokens`): the baseline the server's own creates are measured against.
 * `body`: the browser's create body; `authorization`: the sandbox merchant's Basic header.
 */
export const sandboxCreateInit = (body, authorization) => ({
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    authorization,
    origin: 'http://localhost:8787',
    'accept-language': 'en-US',
    'user-agent': 'bench',
  },
  body: JSON.stringify({
    ...body,
    accountReferenceId: randomUUID(),
    accountCategory: 'EWalletUser',
    currencyCode: 'EUR',
  }),
});

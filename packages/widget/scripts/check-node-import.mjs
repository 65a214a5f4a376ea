/**
 * Importing the package on a server (SSR, a test runner, a build step) must not touch the DOM.
 * Imports every entry of the built package in plain Node and checks that nothing threw and that
 * no `window` or `document` appeared. Run after `build`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
if (!existsSync(new URL('index.js', dist))) {
  console.error('widget: dist/ is missing: run `pnpm --filter @smartpay/widget build` first');
  process.exit(1);
}
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const index = await import(new URL('index.js', dist).href);
assert.equal(typeof index.SmartpayNetworkToken, 'function', 'index exports the element class');
assert.equal(index.SmartpayNetworkToken.version, pkg.version, 'the class knows its package version');
const define = await import(new URL('define.js', dist).href);
assert.equal(define.TAG_NAME, 'smartpay-network-token');
const react = await import(new URL('react.js', dist).href);
assert.equal(typeof react.SmartpayNetworkToken, 'object', 'the React wrapper is a component');
const savedCards = await import(new URL('saved-cards/index.js', dist).href);
assert.equal(typeof savedCards.SmartpaySavedCards, 'function', 'saved-cards exports its element class');
const savedCardsDefine = await import(new URL('saved-cards/define.js', dist).href);
assert.equal(savedCardsDefine.TAG_NAME, 'smartpay-saved-cards');
assert.equal(typeof globalThis.window, 'undefined', 'no window after importing');
assert.equal(typeof globalThis.document, 'undefined', 'no document after importing');
console.log('widget: imports in Node without a DOM (index, define, react, saved-cards, saved-cards/define)');

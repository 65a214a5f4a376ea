import { expect } from '@open-wc/testing';
import { loadSdk } from './sdk-loader.js';
import { timing } from './timing.js';

const script = new URL('../test/fake-sdk-script.js', import.meta.url).href;
const scripts = (src: string) => document.head.querySelectorAll(`script[src^="${src}"]`);

describe('loading SmartPay’s SDK', () => {
  beforeEach(() => {
    Object.assign(timing, { retryBase: 2, sdkTimeout: 300 });
    delete window.SmpLibrary;
  });
  afterEach(() => {
    for (const s of document.head.querySelectorAll('script')) if (s.src.includes('sdk')) s.remove();
    delete window.SmpLibrary;
  });

  it('loads the script once per page, however many widgets ask', async () => {
    const src = `${script}?once`;
    const [a, b] = await Promise.all([loadSdk(src, undefined), loadSdk(src, undefined)]);
    expect(a === b).to.be.true;
    expect(scripts(src)).to.have.length(1);
    await loadSdk(src, undefined);
    expect(scripts(src)).to.have.length(1);
  });

  it('uses an SDK the page already loaded', async () => {
    const sdk = { renderWidget: () => new Promise<never>(() => {}) };
    window.SmpLibrary = { SmartPayAppInstance: sdk };
    expect((await loadSdk(`${script}?present`, undefined)) === sdk).to.be.true;
    expect(scripts(`${script}?present`)).to.have.length(0);
  });

  it('gives the script the CSP nonce', async () => {
    const src = `${script}?nonce`;
    await loadSdk(src, 'abc123');
    expect((scripts(src)[0] as HTMLScriptElement).nonce).to.equal('abc123');
  });

  it('tries three times, fails with sdk_unavailable, and tries afresh on the next call', async () => {
    const src = `${location.origin}/missing-sdk-${Math.random()}.js`;
    const error = await loadSdk(src, undefined).catch((e) => e);
    expect(error.code).to.equal('sdk_unavailable');
    const retried = loadSdk(src, undefined).catch((e) => e);
    expect(scripts(src)).to.have.length(1);
    await retried;
  });

  it('fails when the script loads but defines no SDK', async () => {
    const src = new URL('../test/empty-script.js', import.meta.url).href;
    const error = await loadSdk(src, undefined).catch((e) => e);
    expect(error.code).to.equal('sdk_unavailable');
  });
});

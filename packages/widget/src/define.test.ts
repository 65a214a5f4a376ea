import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { version } from '../package.json';
import { define, SmartpayNetworkToken, TAG_NAME } from './define.js';

describe('define', () => {
  afterEach(() => sinon.restore());

  it('registers the tag for the element class', () => {
    expect(customElements.get(TAG_NAME) === SmartpayNetworkToken).to.be.true;
    expect(document.createElement(TAG_NAME)).to.be.instanceOf(SmartpayNetworkToken);
  });

  it('is silent when the same copy is loaded again', async () => {
    const warn = sinon.stub(console, 'warn');
    define();
    await import(`./define.ts?again=${Date.now()}`);
    expect(warn.called).to.be.false;
  });

  it('warns instead of throwing when another copy already took the tag', () => {
    const warn = sinon.stub(console, 'warn');
    class OtherCopy extends SmartpayNetworkToken {
      static override readonly version = '9.9.9';
    }
    expect(() => define(OtherCopy)).not.to.throw();
    expect(warn.calledOnce).to.be.true;
    expect(String(warn.firstCall.args[0])).to.contain(`version ${version}`).and.contain('version 9.9.9');
    expect(customElements.get(TAG_NAME) === SmartpayNetworkToken).to.be.true;
  });
});

import { expect } from '@open-wc/testing';
import { isExpired, printedExpiry } from './expiry.js';

const card = (expiryMonth: string, expiryYear: string) => ({
  brand: 'VISA',
  last4: '1111',
  expiryMonth,
  expiryYear,
});

describe('saved card expiry', () => {
  const now = new Date(2026, 11, 2); // 2 December 2026

  it('counts a card as valid until its expiry month is over', () => {
    expect(isExpired(card('12', '2026'), now)).to.be.false;
    expect(isExpired(card('11', '2026'), now)).to.be.true;
    expect(isExpired(card('01', '2027'), now)).to.be.false;
    expect(isExpired(card('12', '2025'), now)).to.be.true;
    expect(isExpired(card('11', '26'), now), 'a two-digit year').to.be.true;
    expect(isExpired(card('1', '27'), now)).to.be.false;
  });

  it('prints the month and the two-digit year', () => {
    expect(printedExpiry(card('3', '2030'))).to.deep.equal({ month: '03', year: '30' });
    expect(printedExpiry(card('12', '31'))).to.deep.equal({ month: '12', year: '31' });
  });
});

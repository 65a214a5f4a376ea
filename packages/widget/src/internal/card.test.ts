import { expect } from '@open-wc/testing';
import { cardBrand, cardProblem, groupDigits, parseExpiry } from './card.js';

describe('card checks (direct flow)', () => {
  it('tells the brand from the first digits', () => {
    expect(cardBrand('4')).to.equal('VISA');
    expect(cardBrand('51')).to.equal('MASTERCARD');
    expect(cardBrand('2221')).to.equal('MASTERCARD');
    expect(cardBrand('5')).to.equal(undefined);
    expect(cardBrand('34')).to.equal(null);
    expect(cardBrand('6011')).to.equal(null);
  });

  it('groups digits in fours', () => {
    expect(groupDigits('4111111111111111')).to.equal('4111 1111 1111 1111');
    expect(groupDigits('41111')).to.equal('4111 1');
  });

  it('reads an expiry written the usual ways', () => {
    expect(parseExpiry('12/30')).to.deep.equal({ month: '12', year: '2030' });
    expect(parseExpiry(' 7 / 2031 ')).to.deep.equal({ month: '07', year: '2031' });
    expect(parseExpiry('0130')).to.deep.equal({ month: '01', year: '2030' });
    expect(parseExpiry('13/30')).to.equal(undefined);
    expect(parseExpiry('00/30')).to.equal(undefined);
    expect(parseExpiry('12-30')).to.equal(undefined);
  });

  it('refuses numbers that fail Luhn, other brands, and wrong lengths', () => {
    expect(cardProblem('cardNumber', '4111 1111 1111 1111')).to.equal(undefined);
    expect(cardProblem('cardNumber', '4111-1111-1111-1111')).to.equal(undefined);
    expect(cardProblem('cardNumber', '4111 1111 1111 1112')).to.deep.equal({ key: 'errCardNumber' });
    expect(cardProblem('cardNumber', '4111 1111')).to.deep.equal({ key: 'errCardNumber' });
    expect(cardProblem('cardNumber', '4111 1111 1111 111a')).to.deep.equal({ key: 'errCardNumber' });
    expect(cardProblem('cardNumber', '3782 822463 10005')).to.deep.equal({ key: 'errBrand' });
    expect(cardProblem('cardNumber', '')).to.deep.equal({ key: 'errRequired' });
  });

  it('takes a card as valid to the end of its expiry month', () => {
    const now = new Date(Date.UTC(2030, 5, 15));
    expect(cardProblem('expiry', '06/30', now)).to.equal(undefined);
    expect(cardProblem('expiry', '05/30', now)).to.deep.equal({ key: 'errExpired' });
    expect(cardProblem('expiry', '5/2030', new Date(Date.UTC(2030, 5, 1, 12)))).to.equal(undefined);
    expect(cardProblem('expiry', 'soon', now)).to.deep.equal({ key: 'errExpiry' });
  });

  it('wants a 3 or 4 digit CVC', () => {
    expect(cardProblem('cvc', '123')).to.equal(undefined);
    expect(cardProblem('cvc', '1234')).to.equal(undefined);
    expect(cardProblem('cvc', '12')).to.deep.equal({ key: 'errCvc' });
    expect(cardProblem('cvc', '12a')).to.deep.equal({ key: 'errCvc' });
  });
});

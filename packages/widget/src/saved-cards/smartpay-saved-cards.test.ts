import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { timing } from '../internal/timing.js';
import type { SmartpayCardRemovedEvent } from './card-removed-event.js';
import './define.js';
import type { SmartpaySavedCards } from './smartpay-saved-cards.js';
import type { SavedCard } from './types.js';

const now = new Date();
const month = (offset: number) => {
  const date = new Date(now.getFullYear(), now.getMonth() + offset, 1);
  return {
    expiryMonth: String(date.getMonth() + 1).padStart(2, '0'),
    expiryYear: String(date.getFullYear()),
  };
};
const VISA: SavedCard = {
  tokenId: 'tok_visa',
  card: { brand: 'VISA', last4: '1111', expiryMonth: '12', expiryYear: '2099' },
  createdAt: '2026-12-01T10:00:00Z',
};
const MASTERCARD: SavedCard = {
  tokenId: 'tok/mc 2',
  card: { brand: 'MASTERCARD', last4: '4444', ...month(0) },
  createdAt: '2026-11-01T10:00:00Z',
};
const EXPIRED: SavedCard = {
  tokenId: 'tok_old',
  card: { brand: 'VISA', last4: '0002', ...month(-1) },
  createdAt: '2020-01-01T10:00:00Z',
};

type Answer = () => Response | Promise<Response>;
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The two saved-cards routes of the merchant server, in the page: `fetch` is stubbed. */
class FakeCards {
  cards: SavedCard[] = [];
  readonly requests: { method: string; url: string; credentials?: RequestCredentials }[] = [];
  /** Answers for the next list requests, before the cards are served. */
  readonly listAnswers: Answer[] = [];
  /** The answer to the next DELETE, else 204 for a known card and 404 for another. */
  deleteAnswer?: Answer;
  #stub = sinon.stub(window, 'fetch').callsFake(async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    this.requests.push({ method, url, credentials: init?.credentials });
    const path = new URL(url, location.href).pathname;
    if (method === 'GET' && path === '/api/saved-cards')
      return (this.listAnswers.shift() ?? (() => json({ data: this.cards })))();
    const match = /^\/api\/saved-cards\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && match) {
      const answer = this.deleteAnswer;
      this.deleteAnswer = undefined;
      if (answer) return answer();
      const tokenId = decodeURIComponent(match[1]!);
      const before = this.cards.length;
      this.cards = this.cards.filter((saved) => saved.tokenId !== tokenId);
      return this.cards.length < before
        ? new Response(null, { status: 204 })
        : json({ error: { code: 'not_found' } }, 404);
    }
    return json({ error: { code: 'not_found' } }, 404);
  });

  restore(): void {
    this.#stub.restore();
  }

  to(method: string): string[] {
    return this.requests.filter((request) => request.method === method).map((request) => request.url);
  }
}

const part = (el: SmartpaySavedCards, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`);
const parts = (el: SmartpaySavedCards, name: string) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~=${name}]`),
];
const focused = (el: SmartpaySavedCards) => el.shadowRoot!.activeElement;
/** An element as a short text: failures compare these (chai would walk a whole element to print it). */
const named = (node: Element | null | undefined) =>
  node
    ? `${node.localName} [part=${node.getAttribute('part')}] ${node.textContent!.replace(/\s+/g, ' ').trim()}`
    : 'nothing';
const nameOf = (node: Element | null | undefined) => {
  expect(!!node, 'the element to focus exists').to.be.true;
  return named(node);
};
const announced = (el: SmartpaySavedCards) =>
  el.shadowRoot!.querySelector('[role=status]')!.textContent!.trim();
const rows = (el: SmartpaySavedCards) =>
  parts(el, 'card').map((li) => li.querySelector('.card')!.textContent!.replace(/\s+/g, ' ').trim());
/** waitUntil with room for a busy machine: a language chunk is compiled on its first request. */
const until = (predicate: () => unknown, message: string) => waitUntil(predicate, message, { timeout: 8000 });
const shiftTab = async () => {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
};
const settle = async (el: SmartpaySavedCards) => {
  await until(() => !el.shadowRoot!.querySelector('[aria-busy=true]'), 'the element settles');
  await el.updateComplete;
};

async function mount(template = html`<smartpay-saved-cards locale="en"></smartpay-saved-cards>`) {
  const el = await fixture<SmartpaySavedCards>(template);
  await settle(el);
  return el;
}

describe('<smartpay-saved-cards>', () => {
  let server: FakeCards;
  let saved: Partial<typeof timing>;

  beforeEach(() => {
    saved = { ...timing };
    Object.assign(timing, { retryBase: 4 });
    server = new FakeCards();
  });

  afterEach(() => {
    fixtureCleanup();
    server.restore();
    Object.assign(timing, saved);
  });

  it('lists brand, last four and expiry, marks the expired ones, and is accessible', async () => {
    server.cards = [VISA, MASTERCARD, EXPIRED];
    const el = await mount();
    const this_month = `${MASTERCARD.card.expiryMonth}/${MASTERCARD.card.expiryYear.slice(-2)}`;
    const last_month = `${EXPIRED.card.expiryMonth}/${EXPIRED.card.expiryYear.slice(-2)}`;
    expect(rows(el)).to.deep.equal([
      'Visa ending in 1111 Expires 12/99',
      `Mastercard ending in 4444 Expires ${this_month}`,
      `Visa ending in 0002 Expired ${last_month}`,
    ]);
    expect(parts(el, 'card-expired')).to.have.length(1);
    expect(parts(el, 'card-expired')[0]!.textContent).to.contain('0002');
    expect(part(el, 'list')!.getAttribute('aria-label')).to.equal('Saved cards');
    // Each "Remove" names its card for a screen reader.
    expect(
      parts(el, 'remove-button').map((button) => button.textContent!.replace(/\s+/g, ' ').trim()),
    ).to.deep.equal([
      'Remove Visa ending in 1111',
      'Remove Mastercard ending in 4444',
      'Remove Visa ending in 0002',
    ]);
    expect(server.to('GET')).to.deep.equal(['/api/saved-cards']);
    expect(server.requests[0]!.credentials, 'the default, same-origin, as the main element').to.equal(
      undefined,
    );
    await expect(el).to.be.accessible();
  });

  it('asks the merchant server at its endpoint', async () => {
    await mount(html`<smartpay-saved-cards endpoint="https://shop.example/"></smartpay-saved-cards>`);
    expect(server.to('GET')).to.deep.equal(['https://shop.example/api/saved-cards']);
  });

  it('shows a loading state, accessible, until the list is there', async () => {
    let answer!: (response: Response) => void;
    server.listAnswers.push(() => new Promise<Response>((resolve) => (answer = resolve)));
    const el = await fixture<SmartpaySavedCards>(
      html`<smartpay-saved-cards locale="en"></smartpay-saved-cards>`,
    );
    await until(() => part(el, 'status'), 'the loading text');
    expect(part(el, 'status')!.textContent!.trim()).to.equal('Loading your saved cards…');
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    answer(json({ data: [VISA] }));
    await settle(el);
    expect(rows(el)).to.have.length(1);
  });

  it('shows an empty state, accessible', async () => {
    const el = await mount();
    expect(part(el, 'empty')!.textContent!.trim()).to.equal('You have no saved cards.');
    expect(!part(el, 'list')).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('shows an error state that it announces, and loads again on "Try again"', async () => {
    for (let i = 0; i < 3; i++)
      server.listAnswers.push(() => json({ error: { code: 'internal_error' } }, 503));
    server.cards = [VISA];
    const el = await mount();
    expect(server.to('GET'), 'retried while transient').to.have.length(3);
    expect(part(el, 'error')!.textContent).to.contain('Your saved cards could not be loaded.');
    expect(announced(el)).to.equal('Your saved cards could not be loaded.');
    expect(document.activeElement === document.body, 'no focus taken on page load').to.be.true;
    await expect(el).to.be.accessible();
    part(el, 'button')!.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(rows(el)).to.deep.equal(['Visa ending in 1111 Expires 12/99']);
    expect(named(focused(el)), 'focus follows to the list').to.equal(nameOf(part(el, 'remove-button')));
  });

  it('shows the error state when the server cannot be reached', async () => {
    server.listAnswers.push(...Array(3).fill(() => Promise.reject(new TypeError('Failed to fetch'))));
    const el = await mount();
    expect(part(el, 'error')).to.exist;
  });

  it('removes a card after a confirmation: focus moves, the event says which, the list and the server agree', async () => {
    server.cards = [VISA, MASTERCARD];
    const el = await mount();
    const [first] = parts(el, 'remove-button');
    first!.click();
    await el.updateComplete;
    const confirm = part(el, 'confirm')!;
    expect(confirm.getAttribute('role')).to.equal('group');
    expect(el.shadowRoot!.getElementById(confirm.getAttribute('aria-labelledby')!)!.textContent).to.equal(
      'Remove Visa ending in 1111?',
    );
    expect(named(focused(el)), 'focus on Cancel, the harmless choice').to.equal(
      nameOf(part(el, 'cancel-button')),
    );
    expect(server.to('DELETE'), 'nothing removed before the confirmation').to.deep.equal([]);
    await expect(el).to.be.accessible();

    const removed = oneEvent(el, 'smartpay-card-removed') as Promise<SmartpayCardRemovedEvent>;
    part(el, 'confirm-button')!.click();
    const event = await removed;
    expect(event.detail).to.deep.equal({ tokenId: VISA.tokenId, card: VISA.card });
    expect(event.bubbles && event.composed).to.be.true;
    await el.updateComplete;
    expect(server.to('DELETE')).to.deep.equal(['/api/saved-cards/tok_visa']);
    expect(rows(el)).to.have.length(1);
    expect(announced(el)).to.equal('Visa ending in 1111 removed.');
    expect(named(focused(el)), 'focus on the next card').to.equal(nameOf(part(el, 'remove-button')));
    await expect(el).to.be.accessible();

    // The last one: focus lands on the empty state; the token id is escaped in the path.
    part(el, 'remove-button')!.click();
    await el.updateComplete;
    part(el, 'confirm-button')!.click();
    await until(() => part(el, 'empty'), 'the empty state');
    await el.updateComplete;
    expect(server.to('DELETE')[1]).to.equal('/api/saved-cards/tok%2Fmc%202');
    expect(named(focused(el))).to.equal(nameOf(part(el, 'empty')));
    expect(server.cards).to.deep.equal([]);
  });

  it('keeps the card when the confirmation is cancelled, by button or Escape, and gives focus back', async () => {
    server.cards = [VISA, MASTERCARD];
    const el = await mount();
    const removed = sinon.spy();
    el.addEventListener('smartpay-card-removed', removed);
    parts(el, 'remove-button')[1]!.click();
    await el.updateComplete;
    part(el, 'cancel-button')!.click();
    await el.updateComplete;
    expect(!part(el, 'confirm')).to.be.true;
    expect(named(focused(el))).to.equal(nameOf(parts(el, 'remove-button')[1]));

    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(named(focused(el))).to.equal(nameOf(part(el, 'cancel-button')));
    await shiftTab();
    expect(named(focused(el)), 'Escape works from any button of the confirmation').to.equal(
      nameOf(part(el, 'confirm-button')),
    );
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(!part(el, 'confirm')).to.be.true;
    expect(named(focused(el))).to.equal(nameOf(parts(el, 'remove-button')[1]));
    expect(server.to('DELETE')).to.deep.equal([]);
    expect(removed.called).to.be.false;
    expect(rows(el)).to.have.length(2);
  });

  it('works with the keyboard alone', async () => {
    server.cards = [VISA];
    const div = await fixture<HTMLDivElement>(html`<div>
      <button>before</button>
      <smartpay-saved-cards locale="en"></smartpay-saved-cards>
    </div>`);
    const el = div.querySelector('smartpay-saved-cards')!;
    await settle(el);
    (el.previousElementSibling as HTMLElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(named(focused(el))).to.equal(nameOf(part(el, 'remove-button')));
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(named(focused(el))).to.equal(nameOf(part(el, 'cancel-button')));
    await shiftTab();
    const removed = oneEvent(el, 'smartpay-card-removed');
    await sendKeys({ press: 'Enter' });
    await removed;
    await el.updateComplete;
    expect(named(focused(el))).to.equal(nameOf(part(el, 'empty')));
    expect(announced(el)).to.equal('Visa ending in 1111 removed.');
  });

  it('keeps a card the server could not remove, says so, and lets the shopper try again', async () => {
    server.cards = [VISA];
    server.deleteAnswer = () => json({ error: { code: 'internal_error' } }, 500);
    const el = await mount();
    const removed = sinon.spy();
    el.addEventListener('smartpay-card-removed', removed);
    part(el, 'remove-button')!.click();
    await el.updateComplete;
    part(el, 'confirm-button')!.click();
    await until(() => part(el, 'card-error'), 'the error under the card');
    await el.updateComplete;
    expect(part(el, 'card-error')!.textContent).to.equal(
      'Visa ending in 1111 could not be removed. Try again.',
    );
    expect(announced(el)).to.equal('Visa ending in 1111 could not be removed. Try again.');
    expect(named(focused(el))).to.equal(nameOf(part(el, 'remove-button')));
    expect(rows(el)).to.have.length(1);
    expect(removed.called).to.be.false;
    await expect(el).to.be.accessible();

    part(el, 'remove-button')!.click();
    await el.updateComplete;
    expect(!part(el, 'card-error'), 'the old error goes with a new try').to.be.true;
    part(el, 'confirm-button')!.click();
    await until(() => part(el, 'empty'), 'removed on the second try');
    expect(removed.calledOnce).to.be.true;
  });

  it('drops a card the server no longer has for this session (404), without a removed event', async () => {
    server.cards = [VISA];
    server.deleteAnswer = () => json({ error: { code: 'not_found' } }, 404);
    const el = await mount();
    const removed = sinon.spy();
    el.addEventListener('smartpay-card-removed', removed);
    part(el, 'remove-button')!.click();
    await el.updateComplete;
    part(el, 'confirm-button')!.click();
    await until(() => part(el, 'empty'), 'the empty state');
    expect(announced(el)).to.equal('Visa ending in 1111 is no longer saved.');
    expect(removed.called).to.be.false;
  });

  it('loads the list again on refresh(), keeping the cards shown meanwhile', async () => {
    server.cards = [VISA];
    const el = await mount();
    server.cards = [MASTERCARD, VISA];
    const refreshed = el.refresh();
    expect(rows(el)).to.have.length(1);
    await refreshed;
    await el.updateComplete;
    expect(rows(el)).to.have.length(2);
    expect(server.to('GET')).to.have.length(2);
  });

  it('speaks Arabic right to left, with the card details left to right, and is accessible', async () => {
    server.cards = [VISA, EXPIRED];
    const el = await mount(html`<smartpay-saved-cards locale="ar-EG"></smartpay-saved-cards>`);
    await until(() => part(el, 'list'), 'the Arabic texts');
    expect(part(el, 'base')!.dir).to.equal('rtl');
    expect(part(el, 'list')!.getAttribute('aria-label')).to.equal('البطاقات المحفوظة');
    expect(rows(el)[0]).to.equal('Visa المنتهية بالرقم 1111 تنتهي صلاحيتها في 12/99');
    expect(rows(el)[1]).to.contain('انتهت صلاحيتها');
    expect(part(el, 'remove-button')!.textContent).to.contain('إزالة');
    await expect(el).to.be.accessible();
  });

  it('takes its language from the page when it has no locale, Hebrew right to left', async () => {
    server.cards = [VISA];
    const div = await fixture<HTMLDivElement>(html`<div lang="he">
      <smartpay-saved-cards></smartpay-saved-cards>
    </div>`);
    const el = div.querySelector('smartpay-saved-cards')!;
    await until(() => part(el, 'list'), 'the Hebrew texts');
    expect(part(el, 'base')!.dir).to.equal('rtl');
    expect(part(el, 'remove-button')!.textContent).to.contain('הסרה');
    el.locale = 'ja';
    // Blank while the Japanese texts load (by design), then in Japanese.
    await until(() => part(el, 'remove-button')?.textContent?.includes('削除'), 'Japanese');
    expect(part(el, 'base')!.dir).to.equal('ltr');
    await expect(el).to.be.accessible();
  });

  it('lets the merchant replace any text', async () => {
    const el = await mount();
    el.messages = { empty: 'No cards on file.' };
    await el.updateComplete;
    expect(part(el, 'empty')!.textContent!.trim()).to.equal('No cards on file.');
  });
});

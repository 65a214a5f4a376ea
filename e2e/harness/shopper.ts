/**
 * What a shopper does, in Playwright terms: fill the widget's details form, type a card into
 * SmartPay's hosted form (a cross-origin iframe), and wait for the widget's events. Locators go by
 * visible labels and roles only, as a person or a screen reader would find things.
 */
import type { Frame, FrameLocator, Page } from 'playwright-core';

export const SHOPPER = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada.lovelace@example.com',
  country: 'DEU',
  street: 'Invalidenstraße',
  postCode: '10115',
  city: 'Berlin',
} as const;
export type Shopper = { readonly [K in keyof typeof SHOPPER]: string };

export const SMARTPAY_EVENTS = [
  'smartpay-ready',
  'smartpay-token-created',
  'smartpay-status-change',
  'smartpay-token-active',
  'smartpay-error',
] as const;
export type SmartpayEventName = (typeof SMARTPAY_EVENTS)[number];
export interface RecordedEvent {
  readonly type: SmartpayEventName;
  readonly detail: Record<string, unknown> & { tokenId?: string; status?: string; code?: string };
}

declare global {
  interface Window {
    __smartpay: { events: RecordedEvent[]; csp: string[]; fetched: { url: string; text: string }[] };
  }
}

/**
 * Before any page script: records every smartpay-* event, every CSP violation, and the body of
 * every fetch as it streams in (Playwright cannot read streamed bodies such as the status events).
 */
function recorder(names: readonly string[]) {
  window.__smartpay = { events: [], csp: [], fetched: [] };
  const pageFetch = window.fetch.bind(window);
  window.fetch = async (...args: Parameters<typeof fetch>) => {
    const response = await pageFetch(...args);
    const entry = { url: response.url, text: '' };
    window.__smartpay.fetched.push(entry);
    const reader = response.clone().body?.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
        entry.text += decoder.decode(chunk.value, { stream: true });
      }
    })().catch(() => {});
    return response;
  };
  for (const type of names) {
    document.addEventListener(type, (event) => {
      window.__smartpay.events.push({
        type,
        detail: structuredClone((event as CustomEvent).detail),
      } as RecordedEvent);
    });
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__smartpay.csp.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
}

/** Opens a page of the merchant server with the recorder installed, and waits for smartpay-ready. */
export async function openCheckout(page: Page, url: string): Promise<void> {
  await page.addInitScript(recorder, SMARTPAY_EVENTS);
  await page.goto(url);
  await waitForEvent(page, 'smartpay-ready');
}

export function recordedEvents(page: Page): Promise<RecordedEvent[]> {
  return page.evaluate(() => window.__smartpay.events);
}

/** What the page's own scripts received through fetch, streamed bodies included. */
export function fetchedBodies(page: Page): Promise<{ url: string; text: string }[]> {
  return page.evaluate(() => window.__smartpay.fetched);
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__smartpay.csp);
}

/** Waits for the n-th event of a type (1 = the first) and returns it. */
export async function waitForEvent(
  page: Page,
  type: SmartpayEventName,
  { nth = 1, timeout = 20_000 }: { nth?: number; timeout?: number } = {},
): Promise<RecordedEvent> {
  await page.waitForFunction(
    ([name, count]) => window.__smartpay.events.filter((event) => event.type === name).length >= count,
    [type, nth] as const,
    { timeout },
  );
  const events = (await recordedEvents(page)).filter((event) => event.type === type);
  return events[nth - 1]!;
}

const widget = (page: Page) => page.locator('smartpay-network-token');

/** Fills the consumer and billing address and continues to the card step. */
export async function fillDetails(page: Page, shopper: Shopper = SHOPPER): Promise<void> {
  await enterDetails(page, shopper);
  await widget(page).getByRole('button', { name: 'Continue' }).click();
}

/** Fills the consumer and billing address, and stays on the details step. */
export async function enterDetails(page: Page, shopper: Shopper = SHOPPER): Promise<void> {
  const form = widget(page);
  await form.getByLabel('First name').fill(shopper.firstName);
  await form.getByLabel('Last name').fill(shopper.lastName);
  await form.getByLabel('Email').fill(shopper.email);
  await form.getByLabel('Country').selectOption(shopper.country);
  await form.getByLabel('Street').fill(shopper.street);
  await form.getByLabel('Postal code').fill(shopper.postCode);
  await form.getByLabel('City').fill(shopper.city);
}

export interface CardEntry {
  readonly number: string;
  readonly expiry?: string;
  readonly cvc?: string;
  readonly name?: string;
}

/** SmartPay's hosted card form, once the widget has rendered it. */
export function hostedForm(page: Page): FrameLocator {
  return page.frameLocator('smartpay-network-token iframe');
}

/** Waits until the widget shows SmartPay's form: it stays folded, and out of the Tab order, while it loads. */
export async function waitForHostedForm(page: Page): Promise<void> {
  await page.locator('smartpay-network-token [slot=card-form][aria-busy=false] iframe').waitFor();
  await hostedForm(page).getByLabel('Name on card').waitFor({ state: 'visible' });
}

/** Types a card into the hosted form, once it is shown, and submits it. */
export async function enterCardInHostedForm(page: Page, card: CardEntry): Promise<void> {
  await waitForHostedForm(page);
  const form = hostedForm(page);
  await form.getByLabel('Name on card').fill(card.name ?? 'Ada Lovelace');
  await form.getByLabel('Card number').fill(card.number);
  await form.getByLabel('Expiry date').fill(card.expiry ?? '12/30');
  await form.getByLabel('Security code').fill(card.cvc ?? '123');
  await form.getByRole('button', { name: 'Save card' }).click();
}

/** Answers the 3-D Secure challenge inside the hosted form. */
export async function answerChallenge(page: Page, code: string): Promise<void> {
  const form = hostedForm(page);
  await form.getByLabel('Verification code').fill(code);
  await form.getByRole('button', { name: 'Confirm' }).click();
}

/** Types a card into the widget's own fields (direct mode) and submits it. */
export async function enterCardInWidget(page: Page, card: CardEntry): Promise<void> {
  const form = widget(page);
  await form.getByLabel('Name on card').fill(card.name ?? 'Ada Lovelace');
  await form.getByLabel('Card number').fill(card.number);
  await form.getByLabel('Expiry date').fill(card.expiry ?? '12/30');
  await form.getByLabel('Security code').fill(card.cvc ?? '123');
  await form.getByRole('button', { name: 'Save card' }).click();
}

/** The sandbox frame, for running checks inside it. */
export function sandboxFrame(page: Page, sandboxUrl: string): Frame | undefined {
  return page.frames().find((frame) => frame.url().startsWith(sandboxUrl));
}

/** The widget's "Try again" button. */
export function tryAgain(page: Page) {
  return widget(page).getByRole('button', { name: 'Try again' });
}

/**
 * Hides or shows the page as a tab switch would: headless Chromium keeps background tabs visible,
 * so this sets document.visibilityState/hidden and fires visibilitychange, as the browser does.
 */
export async function setPageVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  // Source text, not a function: tsx would add helpers to a function that do not exist in the page.
  await page.evaluate(`{
    const hidden = ${state === 'hidden'};
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event('visibilitychange'));
  }`);
}

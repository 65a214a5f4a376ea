import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import type { MerchantSite } from './merchant-site.ts';

/** How one renderWidget call ended, as the merchant page recorded it. */
export interface RenderOutcome {
  state: 'pending' | 'resolved' | 'rejected';
  value?: { tokenId: string; status: string };
  code?: string;
  message?: string;
  isError?: boolean;
  handlers: unknown[][];
}

export interface CardInput {
  cardHolderName?: string;
  number: string;
  expiry?: string;
  cvc?: string;
}

declare global {
  interface Window {
    render(options: Record<string, unknown>): number;
    results: (RenderOutcome & { promise: Promise<unknown> })[];
  }
}

/** Opens one tab for a test file; each test loads a fresh checkout into it (much faster than a new tab). */
export async function checkoutTab(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  return page;
}

/** A merchant checkout page in Chromium, with the sandbox's SDK loaded, and helpers to drive it. */
export class Checkout {
  private constructor(readonly page: Page) {}

  /** Loads a fresh checkout page into the tab. */
  static async open(page: Page, site: MerchantSite, sandboxUrl: string): Promise<Checkout> {
    await page.goto(site.checkoutUrl(sandboxUrl));
    return new Checkout(page);
  }

  /** Calls renderWidget with the page's recording handlers; returns the call's index. */
  render(options: Record<string, unknown>): Promise<number> {
    return this.page.evaluate((o) => window.render(o), { containerId: 'card-container', ...options });
  }

  /** The hosted form in a container. */
  form(containerId = 'card-container'): FrameLocator {
    return this.page.frameLocator(`#${containerId} iframe`);
  }

  /** The hosted form's frame, for evaluating inside it. */
  async frame(containerId = 'card-container'): Promise<Frame> {
    const element = await this.page.waitForSelector(`#${containerId} iframe`);
    const frame = await element.contentFrame();
    if (!frame) throw new Error('the iframe has no frame');
    return frame;
  }

  async fillCard(card: CardInput, containerId?: string): Promise<void> {
    const form = this.form(containerId);
    await form.getByLabel('Name on card').fill(card.cardHolderName ?? 'Ada Lovelace');
    await form.getByLabel('Card number').fill(card.number);
    await form.getByLabel('Expiry date').fill(card.expiry ?? '12/30');
    await form.getByLabel('Security code').fill(card.cvc ?? '123');
  }

  async submitCard(card: CardInput, containerId?: string): Promise<void> {
    await this.fillCard(card, containerId);
    await this.form(containerId).getByRole('button', { name: 'Save card' }).click();
  }

  /** The outcome of render call `index` once it has settled. */
  async settled(index: number, timeout = 5000): Promise<RenderOutcome> {
    await this.page.waitForFunction((i) => window.results[i]?.state !== 'pending', index, { timeout });
    return this.outcome(index);
  }

  /** The outcome of render call `index` as it stands now. */
  outcome(index: number): Promise<RenderOutcome> {
    return this.page.evaluate((i) => {
      const { promise: _promise, ...outcome } = window.results[i]!;
      return outcome;
    }, index);
  }

  frameCount(): Promise<number> {
    return this.page.locator('iframe[data-smartpay-token-id]').count();
  }
}

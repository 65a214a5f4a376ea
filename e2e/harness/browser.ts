/**
 * The system Chromium, driven by playwright-core (which never downloads a browser). A failing test
 * leaves a screenshot in e2e/artifacts/ (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { chromiumLaunchOptions } from '@smartpay/chromium';
import { type Browser, type BrowserContext, chromium, type Page, type Response } from 'playwright-core';
import { ROOT } from './stack.ts';

const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

export interface Session {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Every response the page received, with its body where it was text, for leak checks. */
  readonly responses: { url: string; status: number; body: string }[];
  /** Console errors and uncaught page errors. */
  readonly errors: string[];
}

const sessionsOf = new WeakMap<TestContext, Session[]>();

/**
 * Wraps a test so that, when it fails, every page it opened is saved as a screenshot in
 * e2e/artifacts/ before the error is reported.
 */
export function screenshotOnFailure(body: (t: TestContext) => Promise<void>) {
  return async (t: TestContext) => {
    sessionsOf.set(t, []);
    try {
      await body(t);
    } catch (error) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const name = t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 100);
      const sessions = sessionsOf.get(t) ?? [];
      await Promise.all(
        sessions.map((session, i) =>
          session.page
            .screenshot({ path: join(ARTIFACTS, `${name}-${i + 1}.png`), fullPage: true })
            .catch(() => {}),
        ),
      );
      throw error;
    }
  };
}

/** Opens a fresh browser context for one test, closed when the test ends. */
export async function openSession(browser: Browser, t: TestContext): Promise<Session> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1200, height: 1000 } });
  const page = await context.newPage();
  const session: Session = { page, context, responses: [], errors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') session.errors.push(message.text());
  });
  page.on('pageerror', (error) => session.errors.push(String(error)));
  context.on('response', (response: Response) => {
    void response
      .text()
      .catch(() => '')
      .then((body) => session.responses.push({ url: response.url(), status: response.status(), body }));
  });
  sessionsOf.get(t)?.push(session);
  t.after(() => context.close());
  return session;
}

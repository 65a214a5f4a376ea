/** The setup every end-to-end file shares: one stack and one browser for the file, stopped after it. */
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { type Stack, type StackOptions, startStack } from './stack.ts';

export interface Suite {
  readonly stack: Stack;
  readonly browser: Browser;
}

/** Registers before/after hooks in the calling file; the fields are set once `before` has run. */
export function useStack(options?: StackOptions): Suite {
  const suite = {} as { stack: Stack; browser: Browser };
  before(async () => {
    [suite.stack, suite.browser] = await Promise.all([startStack(options), launchBrowser()]);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.stack?.stop();
  });
  return suite;
}

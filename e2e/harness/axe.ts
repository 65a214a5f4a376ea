/** axe-core, run in the page and in SmartPay's frame, reporting WCAG 2.2 A/AA violations. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Violations in one document, as `rule: target (summary)` lines. Frames are checked on their own. */
export async function axeViolations(target: Page | Frame): Promise<string[]> {
  // DevTools evaluation is not subject to the page's CSP, which forbids injected scripts.
  if (!(await target.evaluate('typeof window.axe !== "undefined"'))) await target.evaluate(AXE_SOURCE);
  const run = `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, iframes: false, resultTypes: ['violations'] })
    .then((r) => r.violations.flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' > ') + ' (' + n.failureSummary.split('\\n')[1]?.trim() + ')')))`;
  return (await target.evaluate(run)) as string[];
}

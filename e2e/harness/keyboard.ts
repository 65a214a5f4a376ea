/** Moving through a page with the Tab key alone, into shadow roots and the hosted form's iframe. */
import type { Page } from 'playwright-core';

// Source text, not functions: tsx would add helpers that do not exist in the page.
const FOCUSED_NAME = `(() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el) return '';
  if (el.tagName === 'IFRAME') return '#iframe';
  const label = el.labels && el.labels[0] ? el.labels[0].textContent : el.getAttribute('aria-label') || el.textContent;
  return (label || '').replace(/\\s+/g, ' ').trim();
})()`;

/** The visible label (or text) of what has keyboard focus, looking inside shadow roots and frames. */
export async function focusedName(page: Page): Promise<string> {
  const name = (await page.evaluate(FOCUSED_NAME)) as string;
  if (name !== '#iframe') return name;
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const inner = (await frame.evaluate(`document.hasFocus() ? ${FOCUSED_NAME} : ''`)) as string;
    if (inner) return inner;
  }
  return '';
}

/** Presses Tab until the focused control's name starts with `name`; fails after `limit` presses. */
export async function tabTo(page: Page, name: string, limit = 40): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedName(page);
    if (focused.startsWith(name)) return;
    seen.push(focused);
  }
  throw new Error(`Tab never reached "${name}"; it went through: ${seen.join(' | ')}`);
}

import { canonicalLocale } from './i18n.js';

/** The closest `lang` attribute above `element` (across shadow roots); else the browser's language. */
export function pageLocale(element: Element): string {
  for (
    let node: Element | null = element;
    node;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null
  ) {
    const lang = canonicalLocale(node.getAttribute('lang'));
    if (lang) return lang;
  }
  return canonicalLocale(navigator.language) ?? 'en';
}

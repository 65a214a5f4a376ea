/**
 * A build plugin that minifies the static text of Lit's css`` and html`` templates (esbuild and
 * Rolldown leave template literals alone): comments and runs of whitespace in CSS, whitespace
 * runs in HTML (collapsed to one space, which HTML renders the same). Works on the parsed source,
 * so only real tagged templates are touched.
 */
import type { Plugin } from 'vite';

const minifyCss = (text: string): string =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    // Also around the template's own backticks: a quasi's text, as parsed, includes its delimiters.
    .replace(/\s*([{};,>`])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
    .replace(/\[([\w-]+)(~?=)'([a-z][\w-]*)'\]/g, '[$1$2$3]')
    // No spaces around a value's slash (`font: 1em / 1.5 x`), nor around calc()'s `*` (a selector's
    // `*` is never inside a calc() declaration).
    .replace(/ ?\/ ?/g, '/')
    .replace(/calc\([^;{}]*/g, (calc) => calc.replace(/ ?\* ?/g, '*'))
    .trim();

/** Line breaks and indentation: dropped next to a tag, one space elsewhere (where it may separate words). */
export const minifyHtml = (text: string): string =>
  text
    .replace(/>\s*\n\s*/g, '>')
    .replace(/\s*\n\s*</g, '<')
    .replace(/\s*\n\s*/g, ' ');

// biome-ignore lint/suspicious/noExplicitAny: a generic walk over ESTree nodes
export type Node = any;

export function walk(node: Node, visit: (node: Node) => void): void {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) walk(child, visit);
    else if (value && typeof value === 'object') walk(value, visit);
  }
}

export function minifyTemplates(): Plugin {
  return {
    name: 'smartpay-minify-templates',
    transform(code: string, id: string) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      const edits: [number, number, string][] = [];
      walk(this.parse(code, { lang: 'ts' }), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
        // SIZE_PROBE=templates empties the html`` text, to measure what it costs (size-breakdown.mjs).
        const probe = process.env.SIZE_PROBE === 'templates';
        const minify =
          node.tag.name === 'css'
            ? minifyCss
            : node.tag.name === 'html'
              ? probe
                ? (text: string) => text.replace(/^([`}]?)[\s\S]*?(`|\$\{)?$/, '$1$2')
                : minifyHtml
              : undefined;
        if (!minify) return;
        for (const quasi of node.quasi.quasis) {
          const raw = code.slice(quasi.start, quasi.end);
          const next = minify(raw);
          if (next !== raw) edits.push([quasi.start, quasi.end, next]);
        }
      });
      if (!edits.length) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
        out = out.slice(0, start) + text + out.slice(end);
      }
      return { code: out, map: null };
    },
  };
}

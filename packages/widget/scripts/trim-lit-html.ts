/**
 * CDN builds only: lit-html without the features the widgets do not use. Gone: directives (and the
 * async-directive hooks), svg`` and mathml`` templates, `noChange`, element bindings (`<div ${x}>`),
 * bindings in comments and in raw-text elements (<style>, <textarea>, <script>, <title>), text
 * around an attribute binding (`class="a ${x}"`: bind the whole value), listener objects and
 * options in event bindings, compiled templates, the ShadyDOM polyfill hook, and the
 * `renderBefore`, `creationScope` and `isConnected` render options; lit-html's template scanner
 * gives way to a short one (`templateHtml`) that reads the widgets' templates. Kept: html``,
 * render(), `nothing`, child bindings (text, templates, nodes, arrays, iterables) and attribute,
 * `.property`, `?boolean` and `@event` bindings, Trusted Types.
 *
 * Every edit (lit-html-trim.mjs, shared with the unit tests) is an exact text replacement in
 * lit-html's production file, checked against the pinned version: another version, or a text not
 * found, fails the build (a lit upgrade must redo the edits). The build also fails on a template
 * the trimmed lit-html would render unlike lit-html: one its short scanner reads otherwise than
 * lit-html's own or binds where it cannot (both checked with lit-html's own scanner on every
 * template, as written and minified), an event binding that is not a function or a method, or an
 * import of a directive or lit-html/static.js (a missing export, svg or noChange, fails it too).
 */
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import { templateHtml, trimLitHtml } from './lit-html-trim.mjs';
import { minifyHtml, type Node, walk } from './minify-templates.js';

const UNSUPPORTED_MODULE =
  /\/lit-html\/(directives\/|(directive|async-directive|directive-helpers|static|polyfill-support|private-ssr-support)\.js$)/;

/** lit-html's private exports (its node build, for the check): the scanner and its marker. */
interface LitHtmlInternals {
  _$LH: { L(strings: readonly string[], type: 1): [unknown, string[]]; P: string };
}

/**
 * Fails unless the trimmed lit-html reads each template as lit-html does, as written (the unit tests
 * run it so) and minified (the CDN files ship it so): every binding where it finds one (a child, or
 * an attribute's value: not in a comment, a raw-text element, a tag name or an element's attribute
 * list), bound attributes it can name from the parsed attribute (lower case) and set whole (no text
 * around the binding: `class=${`a ${b}`}`, not `class="a ${b}"`), and the same HTML from the short
 * scanner.
 */
async function checkScanner(litHtmlFile: string, templates: [string, string[]][]): Promise<void> {
  const node = litHtmlFile.replace(/lit-html\.js$/, 'node/lit-html.js');
  const { _$LH: lit } = (await import(pathToFileURL(node).href)) as LitHtmlInternals;
  const marker = lit.P;
  for (const [id, strings] of templates)
    for (const form of [strings, strings.map(minifyHtml)]) {
      const [html, names] = lit.L(Object.assign([...form], { raw: form }), 1);
      const whole = String(html)
        .split(/\$lit\$=(["']?)(.*?)\1(?=[\s>/])/)
        .filter((_, i) => i % 3 === 2);
      const children = String(html).split(`<?${marker}>`).length - 1;
      const why =
        names.length + children !== form.length - 1
          ? 'a binding in a comment, a raw-text element, a tag name or an attribute list'
          : names.some((name) => name !== name.toLowerCase())
            ? 'a bound attribute name in upper case'
            : whole.length !== names.length || whole.some((value) => value !== marker)
              ? 'text around an attribute binding'
              : templateHtml(form, marker) !== String(html)
                ? 'the short scanner reads it unlike lit-html'
                : undefined;
      if (why)
        throw new Error(
          `trim-lit-html: ${id}: ${why}, which the trimmed lit-html cannot render: ${JSON.stringify(form)}`,
        );
    }
}

export function trimLitHtmlPlugin(): Plugin {
  let litHtmlFile: string | undefined;
  let templates: [string, string[]][] = [];
  return {
    name: 'smartpay-trim-lit-html',
    enforce: 'pre',
    buildStart() {
      litHtmlFile = undefined;
      templates = [];
    },
    transform(code, id) {
      if (/\/lit-html\/lit-html\.js$/.test(id)) {
        litHtmlFile = id;
        return { code: trimLitHtml(code), map: null };
      }
      if (/\/lit-html\/.*lit-html\.js$/.test(id) || UNSUPPORTED_MODULE.test(id))
        throw new Error(`trim-lit-html: ${id} is not supported by the trimmed lit-html`);
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('html`')) return null;
      walk(this.parse(code, { lang: 'ts' }), (node) => {
        if (
          node.type !== 'TaggedTemplateExpression' ||
          node.tag.type !== 'Identifier' ||
          node.tag.name !== 'html'
        )
          return;
        const strings = node.quasi.quasis.map((quasi: { value: { cooked: string } }) => quasi.value.cooked);
        templates.push([id, strings]);
        // An event binding is a function (the trimmed lit-html calls it, with no listener objects or options).
        const listener = node.quasi.expressions.findIndex(
          (value: Node, i: number) =>
            /\s@[^\s"'>=/]+=["']?$/.test(strings[i]!) &&
            !/^(ArrowFunctionExpression|FunctionExpression|MemberExpression)$/.test(value.type),
        );
        if (listener >= 0)
          throw new Error(
            `trim-lit-html: ${id}: an event binding that is not a function or a method, which the trimmed lit-html cannot render: ${JSON.stringify(strings)}`,
          );
      });
      return null;
    },
    async buildEnd(error) {
      if (error) return;
      if (!litHtmlFile) throw new Error('trim-lit-html: lit-html.js was not in the build');
      await checkScanner(litHtmlFile, templates);
    },
  };
}

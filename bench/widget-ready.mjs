/**
 * The widget's start in headless Chromium against the floor of its framework: time from navigation
 * to `smartpay-ready` (the built `dist-cdn` file, /api/config answered at once by a stub) against
 * a bare Lit element doing one render in the same page setup; pages alternated, 10 of each. Also
 * the main-thread time of the widget's start: the long tasks (> 50 ms) before it is ready, the
 * longest, and those of the second after it (work deferred past the event still counts). Writes results/widget-ready.json.
 *
 *   node bench/widget-ready.mjs [--pages 10]
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const at = args.indexOf('--pages');
const pages = at >= 0 ? Number(args[at + 1]) : 10;

const requireFromE2e = createRequire(join(root, 'e2e', 'package.json'));
const { chromium } = requireFromE2e('playwright-core');
const { chromiumLaunchOptions } = await import(
  pathToFileURL(join(root, 'tools', 'chromium', 'index.js')).href
);
const { build } = createRequire(join(here, 'package.json'))('esbuild');

// The floor: Lit and one element that renders once, bundled as the widget is.
const floor = await build({
  stdin: {
    contents: `import { LitElement, html } from 'lit';
      class BareElement extends LitElement {
        render() { return html\`<form><label>Card holder <input name="name"></label></form>\`; }
        firstUpdated() { window.__ready = performance.now(); }
      }
      customElements.define('bare-element', BareElement);`,
    resolveDir: join(root, 'packages', 'widget'),
  },
  bundle: true,
  format: 'esm',
  minify: true,
  write: false,
});
const floorJs = floor.outputFiles[0].text;
const widgetDir = join(root, 'packages', 'widget', 'dist-cdn');

const observer = `<script>
  window.__long = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
</script>`;
const widgetPage = `<!doctype html><html lang="en"><head><meta charset="utf-8">${observer}
<script type="module" src="/widget/smartpay-network-token.js"></script></head><body>
<smartpay-network-token endpoint="" integration-flow="payment-form"></smartpay-network-token>
<script>document.addEventListener('smartpay-ready', () => { window.__ready = performance.now(); });</script>
</body></html>`;
const floorPage = `<!doctype html><html lang="en"><head><meta charset="utf-8">${observer}
<script type="module" src="/floor.js"></script></head><body><bare-element></bare-element></body></html>`;
const config = JSON.stringify({
  sdkUrl: 'http://127.0.0.1:9/sdk/smp-bundle.js',
  integrationFlows: ['payment-form', 'direct'],
  currencyCode: 'EUR',
});

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const send = (type, body) => {
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (url.pathname === '/widget.html') return send('text/html', widgetPage);
  if (url.pathname === '/floor.html') return send('text/html', floorPage);
  if (url.pathname === '/floor.js') return send('text/javascript', floorJs);
  if (url.pathname === '/api/config') return send('application/json', config);
  if (url.pathname.startsWith('/widget/')) {
    try {
      return send('text/javascript', readFileSync(join(widgetDir, url.pathname.slice('/widget/'.length))));
    } catch {
      res.writeHead(404).end();
      return;
    }
  }
  res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch(chromiumLaunchOptions());
async function measure(page) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${base}/${page}.html`);
  await tab.waitForFunction(() => window.__ready !== undefined, null, { timeout: 30_000 });
  // Work the page defers past the ready event still counts: the long tasks of the next second too.
  await tab.waitForTimeout(1000);
  const result = await tab.evaluate(() => ({
    ready: window.__ready,
    long: window.__long.filter(([start]) => start < window.__ready),
    after: window.__long.filter(([start]) => start >= window.__ready && start < window.__ready + 1000),
  }));
  await context.close();
  return result;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

await measure('floor'); // warm-up: the browser's own start
await measure('widget');
const widget = [];
const bare = [];
for (let i = 0; i < pages; i++) {
  bare.push(await measure('floor'));
  widget.push(await measure('widget'));
}
await browser.close();
server.close();

const widgetReady = median(widget.map((w) => w.ready));
const floorReady = median(bare.map((b) => b.ready));
const results = {
  date: new Date().toISOString(),
  loadAverage1m: Number(loadavg()[0].toFixed(2)),
  pages,
  widgetReadyMs: Number(widgetReady.toFixed(1)),
  litFloorReadyMs: Number(floorReady.toFixed(1)),
  ratio: Number((widgetReady / floorReady).toFixed(2)),
  goalRatio: 1.3,
  firstRenderMs: Number(median(widget.map((w) => w.long.reduce((sum, [, d]) => sum + d, 0))).toFixed(1)),
  longestTaskMs: Number(median(widget.map((w) => Math.max(0, ...w.long.map(([, d]) => d)))).toFixed(1)),
  longTasksAfterReadyMs: Number(
    median(widget.map((w) => w.after.reduce((sum, [, d]) => sum + d, 0))).toFixed(1),
  ),
};
writeFileSync(join(here, 'results', 'widget-ready.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);

/**
 * Serves and emits the widget's self-defining CDN file at /smartpay-network-token.js, with the
 * chunks it loads from next to itself (locales/*.js, states.js), the way a merchant without a build
 * step deploys it (the plain-HTML example does).
 */
function widgetCdnFiles(): Plugin {
  const dir = dirname(require.resolve('@smartpay/widget/cdn'));
  const files = () => [
    'smartpay-network-token.js',
    'states.js',
    ...readdirSync(join(dir, 'locales')).map((file) => `locales/${file}`),
  ];
  return {
    name: 'smartpay-widget-cdn-files',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.slice(1).split('?')[0] ?? '';
        if (!files().includes(name)) return next();
        res.setHeader('content-type', 'text/javascript');
        res.end(readFileSync(join(dir, name)));
      });
    },
    generateBundle() {
      for (const fileName of files())
        this.emitFile({ type: 'asset', fileName, source: readFileSync(join(dir, fileName)) });
    },
  };
}

/**
 * Puts an example that has its own toolchain (the Angular CLI) into the site at /examples/<name>/,
 * from that package's build output, so the merchant server serves it beside the others. The demo
 * lists the package as a devDependency so that `pnpm -r build` builds it first.
 */
function prebuiltExample(name: string, builtDir: string): Plugin {
  return {
    name: `smartpay-prebuilt-example-${name}`,
    apply: 'build',
    generateBundle() {
      if (!existsSync(join(builtDir, 'index.html'))) {
        this.error(`${builtDir} has no build: run \`pnpm -r build\` (it builds the ${name} example first)`);
      }
      for (const entry of readdirSync(builtDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const path = join(entry.parentPath, entry.name);
        const fileName = `examples/${name}/${relative(builtDir, path)}`;
        this.emitFile({ type: 'asset', fileName, source: readFileSync(path) });
      }
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('smartpay-') } } }),
    svelte({ configFile: false }),
    widgetCdnFiles(),
    prebuiltExample('angular', join(import.meta.dirname, 'examples/angular/dist/browser')),
  ],
  build: {
    target: 'es2022',
    rollupOptions: {
      input: {
        checkout: 'index.html',
        plain: 'examples/index.html',
        react: 'examples/react/index.html',
        vue: 'examples/vue/index.html',
        svelte: 'examples/svelte/index.html',
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});

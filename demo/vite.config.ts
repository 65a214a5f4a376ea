import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

export default defineConfig({
  plugins: [
    react(),
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('smartpay-') } } }),
    widgetCdnFiles(),
  ],
  build: {
    target: 'es2022',
    rollupOptions: {
      input: {
        checkout: 'index.html',
        plain: 'examples/index.html',
        react: 'examples/react/index.html',
        vue: 'examples/vue/index.html',
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});

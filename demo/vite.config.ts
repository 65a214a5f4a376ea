import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);

/**
 * Serves and emits the widget's one self-defining file at /smartpay-network-token.js, the way a
 * merchant without a build step loads it (the plain-HTML example does).
 */
function widgetCdnFile(): Plugin {
  const fileName = 'smartpay-network-token.js';
  const read = () => readFileSync(require.resolve(`@smartpay/widget/cdn`));
  return {
    name: 'smartpay-widget-cdn-file',
    configureServer(server) {
      server.middlewares.use(`/${fileName}`, (_req, res) => {
        res.setHeader('content-type', 'text/javascript');
        res.end(read());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: read() });
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('smartpay-') } } }),
    svelte({ configFile: false }),
    widgetCdnFile(),
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

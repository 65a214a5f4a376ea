import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The shop's server, with the SmartPay kit mounted at /smartpay: pages call it on their own origin. */
const proxy = { '/smartpay': process.env.SHOP_SERVER_URL ?? 'http://localhost:3000' };

export default defineConfig({
  plugins: [react()],
  build: { rollupOptions: { input: { main: 'index.html', react: 'react/index.html' } } },
  server: { proxy },
  preview: { proxy },
});

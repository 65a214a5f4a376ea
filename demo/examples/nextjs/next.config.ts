import type { NextConfig } from 'next';

const config: NextConfig = {
  // The merchant's own pages set their policy per request (proxy.ts); nothing here is static.
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;

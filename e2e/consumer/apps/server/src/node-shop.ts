/** A plain node:http server that hands /api/ and /healthz to the kit and keeps the rest. */
import { createServer } from 'node:http';
import { createApp, createNodeListener, loadConfig } from '@smartpay/server';

const config = loadConfig(process.env);
const smartpay = createNodeListener(createApp(config));
createServer((req, res) => {
  if (req.url?.startsWith('/api/') || req.url === '/healthz') return void smartpay(req, res);
  res.end('Node shop');
}).listen(config.port, config.host);

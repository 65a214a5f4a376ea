/** An existing Hono app with the kit mounted under a prefix: the widget gets endpoint="/smartpay". */
import { serve } from '@hono/node-server';
import { createApp, loadConfig } from '@smartpay/server';
import { Hono } from 'hono';

const config = loadConfig(process.env);
const shop = new Hono();
shop.get('/', (c) => c.text('Hono shop'));
shop.route('/smartpay', createApp(config));
serve({ fetch: shop.fetch, port: config.port, hostname: config.host });

/**
 * Express 5 with a global express.json() for the shop's own routes, static pages (the widget's
 * CDN file among them), and the kit under /smartpay: the widget gets endpoint="/smartpay".
 */
import { createApp, createNodeListener, loadConfig } from '@smartpay/server';
import express from 'express';

const config = loadConfig(process.env);
const shop = express();
shop.use(express.json());
shop.use(express.static('public'));
shop.post('/orders', (req, res) => {
  res.json({ received: req.body });
});
shop.use('/smartpay', createNodeListener(createApp(config)));
shop.listen(config.port, config.host);

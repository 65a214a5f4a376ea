/**
 * The Next.js example (demo/examples/nextjs) as a merchant runs it: its production build under
 * `next start`, on a free port, in front of a running stack (its proxy sends /api to the merchant
 * server and allows SmartPay's origin in its CSP).
 */
import { freePort, launch, type Stack, stopProcess, waitHealthy } from './stack.ts';

const APP_DIR = 'demo/examples/nextjs';

export interface NextApp {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  stop(): Promise<void>;
}

export async function startNextExample(stack: Stack): Promise<NextApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const next = launch(
    `${APP_DIR}/node_modules/next/dist/bin/next`,
    { MERCHANT_API_URL: stack.serverUrl, SMARTPAY_URL: stack.sandboxUrl, NEXT_TELEMETRY_DISABLED: '1' },
    { args: ['start', APP_DIR, '--port', String(port), '--hostname', '127.0.0.1'] },
  );
  await waitHealthy(`${url}/`, next.child, next.output);
  return { url, stop: () => stopProcess(next.child) };
}

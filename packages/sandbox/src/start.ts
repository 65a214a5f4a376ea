import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';

/** Where to listen, and everything {@link createSandbox} takes. */
export interface StartOptions extends SandboxOptions {
  /** 0 picks a free port. Default 4010. */
  port?: number;
  /** Default 127.0.0.1. */
  hostname?: string;
}

export interface RunningSandbox {
  /** The base URL it listens on, e.g. http://127.0.0.1:4010. */
  readonly url: string;
  readonly sandbox: Sandbox;
  /** Stops listening, drops open connections and clears the sandbox's timers. */
  close(): Promise<void>;
}

/** The default port of `npm run sandbox` (architecture.md). */
export const DEFAULT_PORT = 4010;

/** Starts a sandbox on a real socket (faults can then reset real connections). */
export async function startSandbox(options: StartOptions = {}): Promise<RunningSandbox> {
  const { port: wanted, hostname: listenOn, ...sandboxOptions } = options;
  const hostname = listenOn ?? '127.0.0.1';
  const sandbox = createSandbox(sandboxOptions);
  const server = serve({ fetch: sandbox.app.fetch, port: wanted ?? DEFAULT_PORT, hostname });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = hostname === '0.0.0.0' || hostname === '::' ? 'localhost' : hostname;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    sandbox,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sandbox.close();
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

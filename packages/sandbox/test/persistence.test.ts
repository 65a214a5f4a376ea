/**
 * State that survives a restart (SANDBOX_DATA_DIR / `dataDir`): in process on a mocked clock, so each
 * saved deadline is checked to the millisecond, then through the bin with SIGTERM and kill -9.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, mock, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { NetworkToken } from '@smartpay/contract';
import { CardVault } from '../src/card-vault.ts';
import { FaultQueue } from '../src/control/faults.ts';
import { RequestLog } from '../src/control/request-log.ts';
import { LOOPBACK_ONLY } from '../src/forwarding/allowlist.ts';
import { createSandbox, DEFAULT_MERCHANT, type Sandbox } from '../src/index.ts';
import { AccessTokens } from '../src/oauth/access-tokens.ts';
import { SNAPSHOT_LIMITS, takeSnapshot } from '../src/persistence/snapshot.ts';
import { SAVE_DELAY_MS, SET_ASIDE_FILE_NAME, STATE_FILE_NAME } from '../src/persistence/state-file.ts';
import { Scheduler } from '../src/scheduler.ts';
import { PAYMENT_FORM_TIMEOUT_MS, TokenLifecycle } from '../src/tokens/token-lifecycle.ts';
import {
  answerChallenge,
  apiHeaders,
  createToken,
  directRequest,
  paymentFormRequest,
  readToken,
  submitCard,
  tokenize,
} from './support/api.ts';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const saved = (dir: string) => JSON.parse(readFileSync(join(dir, STATE_FILE_NAME), 'utf8'));
const force = (sandbox: Sandbox, tokenId: string, status: string) =>
  sandbox.fetch(`/_sandbox/tokens/${tokenId}/status`, { method: 'POST', body: JSON.stringify({ status }) });

describe('in process, on a mocked clock', () => {
  const START = Date.parse('2026-03-01T10:00:00.000Z');
  const open: Sandbox[] = [];
  const start = (dir: string, report?: (message: string) => void) => {
    const sandbox = createSandbox({ dataDir: dir, ...(report && { reportProblem: report }) });
    open.push(sandbox);
    return sandbox;
  };
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: START }));
  afterEach(() => {
    for (const sandbox of open.splice(0)) sandbox.close();
    mock.timers.reset();
  });

  test('nothing is written until the save delay has passed, then one file holds every change', async () => {
    const dir = dataDir();
    const sandbox = start(dir);
    const first = await createToken(sandbox);
    const second = await createToken(sandbox);
    mock.timers.tick(SAVE_DELAY_MS - 1);
    assert.equal(existsSync(join(dir, STATE_FILE_NAME)), false);
    mock.timers.tick(1);
    const tokens = saved(dir).tokens as { tokenId: string; status: string }[];
    assert.deepEqual(
      tokens.map((t) => [t.tokenId, t.status]),
      [
        [first.tokenId, 'PENDING_PAYMENT_FORM'],
        [second.tokenId, 'PENDING_PAYMENT_FORM'],
      ],
    );
  });

  test('after a restart every token reads back as before, and each timer fires at its saved moment', async () => {
    const dir = dataDir();
    const before = start(dir);
    const pending = await createToken(before);
    const slow = await createToken(before); // 5555…4444: ACTIVE 3 s after the card
    await submitCard(before, slow.tokenId, '5555555555554444');
    const active = await createToken(before);
    await submitCard(before, active.tokenId, '4111111111111111');
    const held = await createToken(before);
    await force(before, held.tokenId, 'PROVISIONING');
    const challenged = await createToken(before);
    assert.deepEqual(await (await submitCard(before, challenged.tokenId, '4000000000003220')).json(), {
      next: 'challenge',
    });
    const { cardToken, cvvToken } = await tokenize(before, '4111111111111111');
    const direct = await createToken(before, directRequest(cardToken, cvvToken));
    mock.timers.tick(1000); // active's card is provisioned; the file is saved
    const activeBefore = await readToken(before, active.tokenId);
    assert.equal(activeBefore.status, 'ACTIVE');
    const directBefore = await readToken(before, direct.tokenId);
    before.close();

    mock.timers.tick(500); // the sandbox is down for half a second
    const after = start(dir);
    const status = async (token: NetworkToken) => (await readToken(after, token.tokenId)).status;
    assert.equal(await status(pending), 'PENDING_PAYMENT_FORM');
    assert.equal(await status(slow), 'PROVISIONING');
    assert.equal(await status(held), 'PROVISIONING');
    assert.equal(await status(challenged), 'PENDING_PAYMENT_FORM');
    assert.deepEqual(await readToken(after, active.tokenId), activeBefore, 'the same network token');
    assert.deepEqual(await readToken(after, direct.tokenId), directBefore);
    // A card token from before the restart still makes a direct create.
    assert.equal((await createToken(after, directRequest(cardToken, cvvToken))).status, 'ACTIVE');

    // slow's 3 s started 1.5 s ago.
    mock.timers.tick(1499);
    assert.equal(await status(slow), 'PROVISIONING');
    mock.timers.tick(1);
    assert.equal(await status(slow), 'ACTIVE');

    assert.deepEqual(await (await answerChallenge(after, challenged.tokenId, '123456')).json(), {
      next: 'provisioning',
    });
    // The form's 30 minutes count from its create (3 s ago), not from the restart.
    mock.timers.tick(PAYMENT_FORM_TIMEOUT_MS - 3000 - 1);
    assert.equal(await status(pending), 'PENDING_PAYMENT_FORM');
    mock.timers.tick(1);
    assert.equal(await status(pending), 'ERROR');
    assert.equal(await status(held), 'PROVISIONING', 'a forced PROVISIONING holds across restarts too');
    assert.equal(await status(challenged), 'ACTIVE');
  });

  test('a transition whose moment passed while the sandbox was down has happened when it starts', async () => {
    const dir = dataDir();
    const before = start(dir);
    const slow = await createToken(before);
    await submitCard(before, slow.tokenId, '5555555555554444');
    const form = await createToken(before);
    before.close(); // saves at once
    mock.timers.tick(PAYMENT_FORM_TIMEOUT_MS + 1);
    const after = start(dir);
    const token = await readToken(after, slow.tokenId);
    assert.equal(token.status, 'ACTIVE');
    assert.ok(token.networkToken?.tokenNumber);
    assert.equal((await readToken(after, form.tokenId)).status, 'ERROR');
    const listed = await (await after.fetch('/_sandbox/tokens')).json();
    assert.equal(listed.tokens[1].errorReason, 'payment_form_expired');
  });

  test('access tokens and the failing reads still to come survive a restart; a reset is saved too', async () => {
    const dir = dataDir();
    const before = start(dir);
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEFAULT_MERCHANT.clientId,
      client_secret: DEFAULT_MERCHANT.clientSecret,
    });
    const grant = await before.fetch('/oauth2/token', { method: 'POST', body: form });
    const { access_token: accessToken } = (await grant.json()) as { access_token: string };
    const { cardToken } = await tokenize(before, '4000000000000119'); // the next 3 reads answer 500
    const flaky = await createToken(before, directRequest(cardToken));
    const read = (sandbox: Sandbox) =>
      sandbox.fetch(`/network-tokens/${flaky.tokenId}`, {
        headers: apiHeaders({ Authorization: `Bearer ${accessToken}` }),
      });
    assert.equal((await read(before)).status, 500);
    before.close();

    const after = start(dir);
    assert.equal((await read(after)).status, 500);
    assert.equal((await read(after)).status, 500);
    assert.equal((await read(after)).status, 200);
    assert.equal((await after.fetch('/_sandbox/reset', { method: 'POST' })).status, 204);
    after.close();
    assert.deepEqual(saved(dir).tokens, []);
    assert.deepEqual(saved(dir).accessTokens, []);
  });

  for (const [what, content] of [
    ['not JSON', '{"version": 1, "tokens": ['],
    ['of another version', JSON.stringify({ version: 99, tokens: [] })],
    [
      'naming an unknown merchant',
      JSON.stringify({
        version: 1,
        savedAt: new Date(0).toISOString(),
        tokens: [],
        cardTokens: [],
        cvvTokens: [],
        accessTokens: [{ accessToken: 'sat_x', merchantKey: 'nobody', expiresAt: 1 }],
      }),
    ],
  ] as const) {
    test(`a state file ${what} is reported and set aside; the sandbox starts empty and saves anew`, async () => {
      const dir = dataDir();
      writeFileSync(join(dir, STATE_FILE_NAME), content);
      const problems: string[] = [];
      const sandbox = start(dir, (message) => problems.push(message));
      assert.equal(problems.length, 1);
      assert.match(problems[0]!, /is unreadable .*; moved to .*state\.unreadable\.json, starting empty/);
      assert.equal(readFileSync(join(dir, SET_ASIDE_FILE_NAME), 'utf8'), content);
      assert.deepEqual((await (await sandbox.fetch('/_sandbox/tokens')).json()).tokens, []);
      const token = await createToken(sandbox);
      mock.timers.tick(SAVE_DELAY_MS);
      assert.equal(saved(dir).tokens[0].tokenId, token.tokenId);
    });
  }
});

test('a snapshot keeps the newest tokens only, so the file is bounded', () => {
  const tokens = new TokenLifecycle(new Scheduler(1), () => Date.now());
  const extra = 25;
  const ids: string[] = [];
  for (let i = 0; i < SNAPSHOT_LIMITS.tokens + extra; i++) {
    ids.push(tokens.create(DEFAULT_MERCHANT, 'payment-form').tokenId);
  }
  const snapshot = takeSnapshot({
    tokens,
    vault: new CardVault(),
    faults: new FaultQueue(),
    log: new RequestLog(),
    accessTokens: new AccessTokens(() => Date.now()),
    now: () => Date.now(),
    forwarding: { allowlist: LOOPBACK_ONLY, fetch, timeoutMs: 1 },
  });
  tokens.clear();
  assert.equal(snapshot.tokens.length, SNAPSHOT_LIMITS.tokens);
  assert.equal(snapshot.tokens[0]!.tokenId, ids[extra]);
  assert.equal(snapshot.tokens.at(-1)!.tokenId, ids.at(-1));
});

describe('the bin with SANDBOX_DATA_DIR, stopped and killed', () => {
  const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
  const running = new Set<ChildProcess>();
  after(() => {
    for (const child of running) child.kill('SIGKILL');
  });

  async function startBin(dir: string): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', BIN], {
      env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    running.add(child);
    child.once('exit', () => running.delete(child));
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    const port = /on http:\/\/localhost:(\d+)/.exec(line.toString())?.[1];
    assert.ok(port, `unexpected first line: ${line}`);
    return { child, url: `http://127.0.0.1:${port}` };
  }

  const api = (url: string, path: string, init: RequestInit = {}) =>
    fetch(url + path, { ...init, headers: { ...apiHeaders(), ...(init.headers as Record<string, string>) } });
  const create = async (url: string) =>
    (await (
      await api(url, '/network-tokens', {
        method: 'POST',
        body: JSON.stringify(paymentFormRequest()),
      })
    ).json()) as NetworkToken;
  const read = async (url: string, tokenId: string) =>
    (await (await api(url, `/network-tokens/${tokenId}`)).json()) as NetworkToken;

  /** Waits (5 s at most) until the state file on disk satisfies `landed`. */
  async function fileLanded(dir: string, landed: (tokens: { tokenId: string; status: string }[]) => boolean) {
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        if (landed(saved(dir).tokens)) return;
      } catch {}
      assert.ok(Date.now() < deadline, 'the state file was not written within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  test('tokens read back with their statuses after kill -9 (once a write landed) and after SIGTERM', async () => {
    const dir = dataDir();
    const first = await startBin(dir);
    const pending = await create(first.url);
    const slow = await create(first.url); // 5105…5100: PROVISIONING for 60 s
    const cardResponse = await fetch(`${first.url}/sdk/card-form/${slow.tokenId}/card`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: first.url },
      body: JSON.stringify({
        cardHolderName: 'Ada',
        number: '5105105105105100',
        expiry: '12/30',
        cvc: '123',
      }),
    });
    assert.deepEqual(await cardResponse.json(), { next: 'provisioning' });
    const active = await create(first.url);
    await fetch(`${first.url}/_sandbox/tokens/${active.tokenId}/status`, {
      method: 'POST',
      body: JSON.stringify({ status: 'ACTIVE' }),
    });
    const activeBefore = await read(first.url, active.tokenId);
    const ids = [pending, slow, active].map((t) => t.tokenId);
    await fileLanded(dir, (tokens) => ids.every((id) => tokens.some((t) => t.tokenId === id)));
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');

    const second = await startBin(dir);
    assert.equal((await read(second.url, pending.tokenId)).status, 'PENDING_PAYMENT_FORM');
    assert.equal((await read(second.url, slow.tokenId)).status, 'PROVISIONING');
    assert.deepEqual(await read(second.url, active.tokenId), activeBefore);
    // Stopped as Ctrl-C stops it, right after a create: the pending save is made on the way out.
    const late = await create(second.url);
    second.child.kill('SIGTERM');
    assert.deepEqual(await once(second.child, 'exit'), [0, null]);
    const tokens = saved(dir).tokens as { tokenId: string; status: string }[];
    assert.deepEqual(
      tokens.map((t) => t.status),
      ['PENDING_PAYMENT_FORM', 'PROVISIONING', 'ACTIVE', 'PENDING_PAYMENT_FORM'],
    );
    assert.equal(tokens[3]!.tokenId, late.tokenId);
  });
});

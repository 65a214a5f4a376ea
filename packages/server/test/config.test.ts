import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, configWarnings, loadConfig } from '../src/index.ts';
import { loadOrCreateSecretKey, SECRET_KEY_FILE } from '../src/tokens/secret-key-file.ts';

const scratch = mkdtempSync(join(tmpdir(), 'smartpay-config-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function problem(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error;
  }
  assert.fail(`no error for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  test('no variables: the local sandbox setup', () => {
    assert.deepEqual(loadConfig({}), {
      port: 8787,
      host: '127.0.0.1',
      smartpayBaseUrl: 'http://localhost:4010',
      merchantKey: 'sandbox-merchant-key',
      authenticationKey: 'sandbox-auth-key',
      oauth: undefined,
      smartpayTimeoutMs: 15_000,
      smartpayCreateTimeoutMs: 90_000,
      sdkUrl: 'http://localhost:4010/sdk/smp-bundle.js',
      pciProxyUrl: 'http://localhost:4010/forwarding/tokenize',
      pciProxyTargetUrl: 'http://localhost:8787/api/network-tokens',
      merchantOrigin: 'http://localhost:8787',
      allowedOrigins: [],
      integrationFlows: ['payment-form', 'direct'],
      currencyCode: 'EUR',
      clientSecretKey: undefined,
      dataDir: '.data',
      staticDir: undefined,
      databaseUrl: undefined,
      logLevel: 'info',
      tokenEncryptionKeys: undefined,
      leaseMs: 30_000,
      createsPerMinute: 20,
      merchantApiKey: undefined,
      demoWebhookReceiver: false,
    });
  });

  test('webhooks: WEBHOOK_URL pairs with WEBHOOK_SECRET, several secrets per endpoint during a rotation', () => {
    const a = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
    const b = `whsec_${Buffer.alloc(32, 2).toString('base64')}`;
    const config = loadConfig({
      WEBHOOK_URL: 'https://one.example/hooks, https://two.example/hooks',
      WEBHOOK_SECRET: `${a} ${b},${b}`,
      MERCHANT_API_KEY: 'k'.repeat(32),
    });
    assert.deepEqual(config.webhookEndpoints, [
      { url: 'https://one.example/hooks', secrets: [a, b] },
      { url: 'https://two.example/hooks', secrets: [b] },
    ]);
    assert.equal(config.merchantApiKey, 'k'.repeat(32));
    const refused = (env: Record<string, string>, variable: string) =>
      assert.throws(
        () => loadConfig(env),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.variables.includes(variable) &&
          !error.message.includes(a.slice(6, 20)),
      );
    refused({ WEBHOOK_URL: 'https://one.example/hooks' }, 'WEBHOOK_SECRET');
    refused({ WEBHOOK_SECRET: a }, 'WEBHOOK_URL');
    refused(
      { WEBHOOK_URL: 'https://one.example/hooks,https://two.example/hooks', WEBHOOK_SECRET: a },
      'WEBHOOK_SECRET',
    );
    refused({ WEBHOOK_URL: 'https://one.example/hooks', WEBHOOK_SECRET: 'not-a-secret' }, 'WEBHOOK_SECRET');
    refused({ WEBHOOK_URL: 'ftp://one.example', WEBHOOK_SECRET: a }, 'WEBHOOK_URL');
    refused({ MERCHANT_API_KEY: 'short' }, 'MERCHANT_API_KEY');
  });

  test('WEBHOOK_RETENTION_DAYS: whole days from 1 to 3650; unset, the store keeps its 30', () => {
    assert.equal(loadConfig({ WEBHOOK_RETENTION_DAYS: '7' }).webhookRetentionDays, 7);
    assert.equal('webhookRetentionDays' in loadConfig({}), false);
    for (const value of ['0', '3651', '1.5', 'week']) {
      assert.throws(
        () => loadConfig({ WEBHOOK_RETENTION_DAYS: value }),
        (error: unknown) =>
          error instanceof ConfigError && error.variables.includes('WEBHOOK_RETENTION_DAYS'),
      );
    }
  });

  test('every variable is read; URLs lose trailing slashes; lists are split and trimmed', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      SMARTPAY_BASE_URL: 'https://api.smartpay.example/v1/',
      SMARTPAY_MERCHANT_KEY: 'mk',
      SMARTPAY_AUTH_KEY: 'ak',
      SMARTPAY_TIMEOUT_MS: '5000',
      MERCHANT_ORIGIN: 'https://shop.example',
      ALLOWED_ORIGINS: ' https://a.example , https://b.example:8443,',
      INTEGRATION_FLOWS: 'direct',
      CURRENCY_CODE: 'USD',
      DEFAULT_COUNTRY: 'aut',
      CLIENT_SECRET_KEY: 'k'.repeat(32),
      DATA_DIR: '/var/lib/smartpay',
      STATIC_DIR: scratch,
      LOG_LEVEL: 'warn',
    });
    assert.equal(config.port, 9000);
    assert.equal(config.smartpayBaseUrl, 'https://api.smartpay.example/v1');
    assert.equal(config.sdkUrl, 'https://api.smartpay.example/v1/sdk/smp-bundle.js');
    assert.equal(config.merchantOrigin, 'https://shop.example');
    assert.deepEqual(config.allowedOrigins, ['https://a.example', 'https://b.example:8443']);
    assert.deepEqual(config.integrationFlows, ['direct']);
    assert.equal(config.currencyCode, 'USD');
    assert.equal(config.defaultCountry, 'AUT');
    assert.equal(config.smartpayTimeoutMs, 5000);
    assert.equal(config.staticDir, scratch);
    assert.equal(config.logLevel, 'warn');
  });

  test('a create waits 90 s by default, as SmartPay asks; reads 15 s; shorter creates are warned about', () => {
    const config = loadConfig({});
    assert.equal(config.smartpayCreateTimeoutMs, 90_000);
    assert.equal(config.smartpayTimeoutMs, 15_000);
    const short = loadConfig({ SMARTPAY_CREATE_TIMEOUT_MS: '30000' });
    assert.equal(short.smartpayCreateTimeoutMs, 30_000);
    assert.match(configWarnings(short).join('\n'), /SMARTPAY_CREATE_TIMEOUT_MS is under 90000/);
  });

  test('empty values count as unset', () => {
    assert.equal(loadConfig({ PORT: '', SMARTPAY_BASE_URL: '  ' }).port, 8787);
  });

  const bad: [string, string, RegExp][] = [
    ['PORT', 'eighty', /PORT must be a whole number \(got "eighty"\)/],
    ['DEFAULT_COUNTRY', 'DE', /DEFAULT_COUNTRY must be an ISO 3166-1 alpha-3 country code/],
    ['PORT', '70000', /PORT must be from 0 to 65535/],
    ['SMARTPAY_BASE_URL', 'localhost:4010', /SMARTPAY_BASE_URL must be an http:\/\/ or https:\/\/ URL/],
    ['SMARTPAY_BASE_URL', 'ftp://x.example', /SMARTPAY_BASE_URL must be an http/],
    ['MERCHANT_ORIGIN', 'https://shop.example/checkout', /MERCHANT_ORIGIN must be an origin/],
    ['ALLOWED_ORIGINS', 'https://a.example,*', /ALLOWED_ORIGINS/],
    ['INTEGRATION_FLOWS', 'direct,iframe', /INTEGRATION_FLOWS must list only payment-form, direct/],
    ['CURRENCY_CODE', 'euro', /CURRENCY_CODE must be exactly 3 characters/],
    ['CURRENCY_CODE', 'eur', /CURRENCY_CODE must be a 3-letter ISO 4217 currency code/],
    ['SMARTPAY_TIMEOUT_MS', '5', /SMARTPAY_TIMEOUT_MS must be from 100/],
    ['SMARTPAY_CREATE_TIMEOUT_MS', 'soon', /SMARTPAY_CREATE_TIMEOUT_MS must be a whole number/],
    ['STATIC_DIR', '/no/such/dir', /STATIC_DIR must be an existing directory/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be debug, info, warn or error/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL must be a URL/],
  ];
  for (const [name, value, message] of bad) {
    test(`${name}=${value} stops with a message naming ${name}`, () => {
      const error = problem({ [name]: value });
      assert.deepEqual(error.variables, [name]);
      assert.match(error.message, message);
    });
  }

  test('secret values are never repeated in the message', () => {
    const error = problem({ CLIENT_SECRET_KEY: 'short-secret-value', DATABASE_URL: 'postgres-password-xyz' });
    assert.deepEqual([...error.variables].sort(), ['CLIENT_SECRET_KEY', 'DATABASE_URL']);
    assert.match(error.message, /CLIENT_SECRET_KEY must be at least 32 characters/);
    assert.doesNotMatch(error.message, /short-secret-value|postgres-password-xyz/);
  });

  test('against a SmartPay that is not the local sandbox, MERCHANT_ORIGIN must be a registrable https origin', () => {
    const remote = { SMARTPAY_BASE_URL: 'https://api.smartpay.example' };
    for (const origin of [
      undefined,
      'http://localhost:8787',
      'https://localhost',
      'http://127.0.0.1:8787',
      'http://shop.example',
    ]) {
      const error = problem(origin === undefined ? remote : { ...remote, MERCHANT_ORIGIN: origin });
      assert.deepEqual(error.variables, ['MERCHANT_ORIGIN'], String(origin));
      assert.match(
        error.message,
        /MERCHANT_ORIGIN must be your shop's https origin as registered with SmartPay/,
      );
      assert.match(error.message, /SMARTPAY_BASE_URL is not the local sandbox/);
    }
    assert.equal(
      loadConfig({ ...remote, MERCHANT_ORIGIN: 'https://shop.example' }).merchantOrigin,
      'https://shop.example',
    );
    for (const local of ['http://localhost:4010', 'http://127.0.0.1:4103', 'http://[::1]:4010']) {
      assert.equal(loadConfig({ SMARTPAY_BASE_URL: local }).merchantOrigin, 'http://localhost:8787', local);
    }
  });

  test('OAuth2 client credentials: all three variables or none, the secret never repeated', () => {
    const oauth = {
      SMARTPAY_OAUTH_TOKEN_URL: 'https://auth.smartpay.example/oauth2/token',
      SMARTPAY_OAUTH_CLIENT_ID: 'client-1',
      SMARTPAY_OAUTH_CLIENT_SECRET: 'very-secret-value',
    };
    assert.deepEqual(loadConfig(oauth).oauth, {
      tokenUrl: 'https://auth.smartpay.example/oauth2/token',
      clientId: 'client-1',
      clientSecret: 'very-secret-value',
    });
    const { SMARTPAY_OAUTH_CLIENT_ID, ...partial } = oauth;
    const error = problem(partial);
    assert.deepEqual(error.variables, ['SMARTPAY_OAUTH_CLIENT_ID']);
    assert.match(error.message, /OAuth2 needs all three/);
    assert.doesNotMatch(
      problem({ ...partial, SMARTPAY_OAUTH_CLIENT_SECRET: '', SMARTPAY_OAUTH_TOKEN_URL: 'nope' }).message,
      /very-secret-value/,
    );
    assert.match(
      configWarnings(
        loadConfig({ ...oauth, SMARTPAY_OAUTH_TOKEN_URL: 'http://auth.smartpay.example/t' }),
      ).join(),
      /SMARTPAY_OAUTH_TOKEN_URL is not https/,
    );
  });

  test('the PCI proxy and the create endpoint it forwards to: defaults, settings, a warning when unreachable', () => {
    const remote = {
      SMARTPAY_BASE_URL: 'https://api.smartpay.example',
      MERCHANT_ORIGIN: 'https://shop.example',
      SMARTPAY_MERCHANT_KEY: 'live-key',
      SMARTPAY_AUTH_KEY: 'live-auth',
    };
    const config = loadConfig(remote);
    assert.equal(config.pciProxyUrl, 'https://api.smartpay.example/forwarding/tokenize');
    assert.equal(config.pciProxyTargetUrl, 'https://shop.example/api/network-tokens');
    assert.deepEqual(configWarnings(config), []);
    const set = loadConfig({
      ...remote,
      SMARTPAY_PCI_PROXY_URL: 'https://pci-proxy.tokenization.example/public/v1/forwarding/tokenize',
      PCI_PROXY_TARGET_URL: 'http://internal.shop:8787/api/network-tokens',
    });
    assert.equal(set.pciProxyUrl, 'https://pci-proxy.tokenization.example/public/v1/forwarding/tokenize');
    assert.match(configWarnings(set).join(), /PCI_PROXY_TARGET_URL is not a public https URL/);
  });

  test('several bad variables are all named at once', () => {
    const error = problem({ PORT: 'x', CURRENCY_CODE: 'x', ALLOWED_ORIGINS: 'nope' });
    assert.deepEqual([...error.variables].sort(), ['ALLOWED_ORIGINS', 'CURRENCY_CODE', 'PORT']);
  });

  test('warnings for setups that work but are probably not meant', () => {
    assert.deepEqual(configWarnings(loadConfig({})), []);
    const warnings = configWarnings(
      loadConfig({
        SMARTPAY_BASE_URL: 'http://smartpay.example',
        MERCHANT_ORIGIN: 'https://shop.example',
        DATABASE_URL: 'postgres://db/x',
      }),
    );
    assert.equal(warnings.length, 3);
  });
});

describe('the bin', () => {
  const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
  test('a bad value stops the process with exit code 1 and the variable’s name', () => {
    const result = spawnSync(process.execPath, ['--conditions=development', '--import', 'tsx', bin], {
      env: { ...process.env, PORT: 'abc', SMARTPAY_AUTH_KEY: 'hunter2' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /PORT must be a whole number/);
    assert.doesNotMatch(result.stderr + result.stdout, /hunter2/);
  });
});

describe('the server key file', () => {
  test('generated once with mode 0600 in a 0700 directory, then reused', () => {
    const dir = join(scratch, 'data');
    const first = loadOrCreateSecretKey(dir);
    assert.ok(first.length >= 32);
    assert.equal(statSync(join(dir, SECRET_KEY_FILE)).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(loadOrCreateSecretKey(dir), first);
  });

  test('a file readable by others is tightened, with a warning', () => {
    const dir = join(scratch, 'loose');
    loadOrCreateSecretKey(dir);
    chmodSync(join(dir, SECRET_KEY_FILE), 0o644);
    const warnings: string[] = [];
    loadOrCreateSecretKey(dir, (message) => warnings.push(message));
    assert.equal(statSync(join(dir, SECRET_KEY_FILE)).mode & 0o777, 0o600);
    assert.equal(warnings.length, 1);
  });

  test('a file with a too-short key is refused', () => {
    const dir = join(scratch, 'short');
    loadOrCreateSecretKey(dir);
    writeFileSync(join(dir, SECRET_KEY_FILE), 'short\n', { mode: 0o600 });
    assert.throws(() => loadOrCreateSecretKey(dir), /shorter than 32/);
  });
});

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { PROCESS_TEST_TIMEOUT_MS } from '../../test/support/timeouts';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('configuration', () => {
  it('uses local defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ appEnv: 'local', port: 3000, host: '127.0.0.1', loadDemoData: true, databaseUrl: undefined });
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it('names each bad variable with what was expected', () => {
    const problems = problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud', APP_ENV: 'staging', BUSINESS_TIMEZONE: 'Mars/Olympus' });
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('PORT:'))).toContain('"abc"');
    expect(problems.some((p) => p.startsWith('LOG_LEVEL:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('APP_ENV:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('BUSINESS_TIMEZONE:'))).toBe(true);
  });

  it('refuses production without a database and real secrets, naming each', () => {
    expect(problemsOf({ APP_ENV: 'production' }).map((p) => p.split(':')[0])).toEqual([
      'DATABASE_URL',
      'MIGRATION_DATABASE_URL',
      'JWT_SIGNING_KEY',
      'FIELD_ENCRYPTION_KEY',
      'BLIND_INDEX_KEY',
      'PUBLIC_URL',
      'TELNYX_PUBLIC_KEY',
      'TWILIO_AUTH_TOKEN',
    ]);
  });

  it('needs the key of each phone provider it answers in production, and none with VOICE_PROVIDERS=none', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const production = {
      APP_ENV: 'production',
      DATABASE_URL: 'postgres://app@db/policydesk',
      MIGRATION_DATABASE_URL: 'postgres://owner@db/policydesk',
      JWT_SIGNING_KEY: key,
      FIELD_ENCRYPTION_KEY: `k1:${key}`,
      BLIND_INDEX_KEY: key,
      PUBLIC_URL: 'https://service.example.com',
    };
    expect(problemsOf({ ...production, VOICE_PROVIDERS: 'twilio' }).map((p) => p.split(':')[0])).toEqual(['TWILIO_AUTH_TOKEN']);
    expect(problemsOf({ ...production, VOICE_PROVIDERS: 'telnyx', TELNYX_PUBLIC_KEY: 'c2hvcnQ=' }).map((p) => p.split(':')[0])).toEqual(['TELNYX_PUBLIC_KEY']);
    expect(loadConfig({ ...production, VOICE_PROVIDERS: 'none' }).voice).toEqual({ providers: [], ringTimeoutSeconds: 60 });
    expect(loadConfig({ ...production, TELNYX_PUBLIC_KEY: key, TWILIO_AUTH_TOKEN: 'abcdef0123456789abcdef0123456789' }).voice.providers).toEqual(['telnyx', 'twilio']);
  });

  it('never echoes secret values in its messages', () => {
    const problems = problemsOf({ JWT_SIGNING_KEY: 'short-secret', DATABASE_URL: 'mysql://user:pw@db/x' });
    expect(problems.join('\n')).not.toMatch(/short-secret|pw@db/);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'JWT_SIGNING_KEY']);
  });

  it('accepts a complete production configuration and never loads demo data there', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({
      APP_ENV: 'production',
      DATABASE_URL: 'postgres://app@db/policydesk',
      MIGRATION_DATABASE_URL: 'postgres://owner@db/policydesk',
      JWT_SIGNING_KEY: key,
      FIELD_ENCRYPTION_KEY: `k1:${key}`,
      BLIND_INDEX_KEY: key,
      PUBLIC_URL: 'https://service.example.com/',
      VOICE_PROVIDERS: 'none',
    });
    expect(config).toMatchObject({
      isProduction: true,
      publicUrl: 'https://service.example.com',
      loadDemoData: false,
      host: '0.0.0.0',
      databaseUrl: 'postgres://app@db/policydesk',
      migrationDatabaseUrl: 'postgres://owner@db/policydesk',
    });
  });

  it('takes MIGRATION_DATABASE_URL (the owner role) only beside DATABASE_URL (the runtime role), never echoing it', () => {
    expect(problemsOf({ MIGRATION_DATABASE_URL: 'postgres://owner:pw@db/x' })).toEqual([expect.stringMatching(/^MIGRATION_DATABASE_URL: set DATABASE_URL/)]);
    const problems = problemsOf({ DATABASE_URL: 'postgres://app@db/x', MIGRATION_DATABASE_URL: 'mysql://owner:pw@db/x' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['MIGRATION_DATABASE_URL']);
    expect(problems.join('\n')).not.toMatch(/pw@db/);
  });

  it('takes Stripe as the payment gateway with a secret key, and refuses it without one (or, in production, without webhook secrets or with another API base)', () => {
    expect(loadConfig({ PAYMENT_GATEWAY: 'stripe', STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_API_BASE: 'http://127.0.0.1:12111' })).toMatchObject({
      paymentGateway: 'stripe',
      stripe: { secretKey: 'sk_test_abc123', apiBase: 'http://127.0.0.1:12111' },
    });
    expect(loadConfig({}).stripe).toBeUndefined();
    expect(problemsOf({ PAYMENT_GATEWAY: 'stripe' })).toEqual(['STRIPE_SECRET_KEY: required when PAYMENT_GATEWAY=stripe']);
    const leaked = problemsOf({ PAYMENT_GATEWAY: 'stripe', STRIPE_SECRET_KEY: 'pk_live_publishable' });
    expect(leaked.map((p) => p.split(':')[0])).toEqual(['STRIPE_SECRET_KEY']);
    expect(leaked.join('\n')).not.toContain('pk_live_publishable');
    const key = Buffer.alloc(32, 7).toString('base64');
    const production = {
      APP_ENV: 'production',
      DATABASE_URL: 'postgres://policydesk_app@db/policydesk',
      MIGRATION_DATABASE_URL: 'postgres://policydesk@db/policydesk',
      JWT_SIGNING_KEY: key,
      FIELD_ENCRYPTION_KEY: `k1:${key}`,
      BLIND_INDEX_KEY: key,
      PUBLIC_URL: 'https://service.example.com',
      VOICE_PROVIDERS: 'none',
    };
    expect(problemsOf({ ...production, PAYMENT_GATEWAY: 'stripe', STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_API_BASE: 'http://127.0.0.1:1' }).map((p) => p.split(':')[0])).toEqual([
      'PAYMENT_WEBHOOK_SECRETS',
      'STRIPE_API_BASE',
    ]);
    expect(loadConfig({ ...production, PAYMENT_GATEWAY: 'stripe', STRIPE_SECRET_KEY: 'sk_live_abc', PAYMENT_WEBHOOK_SECRETS: 'whsec_0123456789abcdef' })).toMatchObject({
      isProduction: true,
      paymentGateway: 'stripe',
    });
  });

  it(
    'stops the server at start-up with a message naming the bad variable',
    () => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../server.ts')], {
        env: { PATH: process.env.PATH, PORT: 'not-a-port', DATA_DIR: '/nonexistent-should-not-be-created' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(result.status).toBe(78);
      expect(result.stderr).toContain('Invalid configuration');
      expect(result.stderr).toMatch(/PORT: .*"not-a-port"/);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});

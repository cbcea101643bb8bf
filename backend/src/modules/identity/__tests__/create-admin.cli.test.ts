import { spawnSync } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { appForFile, testDatabaseUrl } from '../../../../test/support/test-app';
import { ownerUrlOf } from '../../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';

const t = appForFile();

const run = (args: string[], stdin: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../../cli/create-admin.ts'), ...args], {
    input: stdin,
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH, DATABASE_URL: testDatabaseUrl(), MIGRATION_DATABASE_URL: ownerUrlOf(testDatabaseUrl()), PASSWORD_HASH_COST: '4', LOG_LEVEL: 'silent' },
  });

describe('npm run create-admin', () => {
  it(
    'creates an administrator who can log in, audited',
    async () => {
      const email = `first-admin-${Date.now()}@insurer.test`;
      const result = run(['--email', email, '--name', 'Olga Ops', '--password-stdin'], 'Olga-chose-a-passphrase\n');
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Created administrator ${email}`);
      const res = await request(t.app).post('/api/auth/login').send({ email, password: 'Olga-chose-a-passphrase' }).expect(200);
      expect(res.body.user.role).toBe('admin');
      expect(await t.db('audit_log').where({ action: 'user.create', entity_id: res.body.user.id })).toHaveLength(1);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'refuses a weak password and an existing email',
    () => {
      const weak = run(['--email', `weak-${Date.now()}@insurer.test`, '--name', 'Weak Pass', '--password-stdin'], 'password1234\n');
      expect(weak.status).toBe(1);
      expect(weak.stderr).toMatch(/too common/);
      const email = `twice-${Date.now()}@insurer.test`;
      expect(run(['--email', email, '--name', 'Twice', '--password-stdin'], 'A-perfectly-fine-one\n').status).toBe(0);
      const again = run(['--email', email, '--name', 'Twice', '--password-stdin'], 'A-perfectly-fine-one\n');
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/already exists/);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});

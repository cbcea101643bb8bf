import { spawnSync } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { appForFile, testDatabaseUrl } from '../../../../test/support/test-app';
import { ownerUrlOf } from '../../../../test/support/test-database';
import { makeUser } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';

const t = appForFile();

const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../../cli/unlock-user.ts'), ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH, DATABASE_URL: testDatabaseUrl(), MIGRATION_DATABASE_URL: ownerUrlOf(testDatabaseUrl()), PASSWORD_HASH_COST: '4', LOG_LEVEL: 'silent' },
  });

describe('npm run unlock-user', () => {
  it(
    'lifts the lock of a locked-out administrator, audited',
    async () => {
      const admin = await makeUser(t.db, { role: 'admin' });
      for (let i = 0; i < 10; i++)
        await request(t.app)
          .post('/api/auth/login')
          .send({ email: admin.email, password: `Wrong-password-${i}` })
          .expect(401);
      await request(t.app).post('/api/auth/login').send({ email: admin.email, password: admin.password }).expect(401);

      const result = run(['--email', admin.email.toUpperCase()]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Unlocked ${admin.email}`);

      await request(t.app).post('/api/auth/login').send({ email: admin.email, password: admin.password }).expect(200);
      const [audit] = await t.db('audit_log').where({ action: 'user.unlock', entity_id: admin.id });
      expect(audit).toBeDefined();
      expect(audit.changes).toMatchObject({ lockedUntil: { after: null } });
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'fails for an unknown email and without --email',
    () => {
      const unknown = run(['--email', `nobody-${Date.now()}@insurer.test`]);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/No user with email/);
      expect(run([]).status).toBe(2);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});

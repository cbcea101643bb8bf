import { createDb, withTransaction, type Db } from '../../db';
import { withStartupLock } from '../database-setup';
import { JobRegistry } from '../jobs';
import { createLogger } from '../logger';
import { testDatabaseUrl } from '../../../test/support/test-app';
import { ownerUrlOf } from '../../../test/support/test-database';

const until = async (check: () => boolean, timeoutMs = 15_000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('background jobs', () => {
  let db: Db;
  let jobs: JobRegistry;
  const handled: string[] = [];
  const queue = `test.echo-${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    db = createDb({ url: testDatabaseUrl(), poolMax: 2 });
    jobs = new JobRegistry(createLogger('silent'));
    jobs.define<{ tag: string }>({ name: queue, handler: async ({ tag }) => void handled.push(tag) });
    // The owner creates the job tables and queues (under the start-up lock, as the server does: other
    // test files install on the same database); the app's runtime role runs them.
    await withStartupLock(ownerUrlOf(testDatabaseUrl()), () => jobs.install(ownerUrlOf(testDatabaseUrl())));
    await jobs.start(testDatabaseUrl(), { pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await jobs.stop(1_000);
    await db.destroy();
  });

  it('runs a queued job', async () => {
    await jobs.send(queue, { tag: 'direct' });
    await until(() => handled.includes('direct'));
  });

  it('sends a job inside a transaction only if it commits (outbox)', async () => {
    await expect(
      withTransaction(db, async (trx) => {
        await jobs.send(queue, { tag: 'rolled-back' }, { trx });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await withTransaction(db, (trx) => jobs.send(queue, { tag: 'committed' }, { trx }));
    await until(() => handled.includes('committed'));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(handled).not.toContain('rolled-back');
  });

  it('refuses to send an unknown job and to define one twice', async () => {
    await expect(jobs.send('nobody.knows', {})).rejects.toThrow(/Unknown job/);
    expect(() => jobs.define({ name: queue, handler: async () => undefined })).toThrow(/twice|after/);
  });
});

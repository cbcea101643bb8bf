import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { blockedFolder, rootStartProblem } from '../embedded-postgres';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../test/support/timeouts';

const asRoot = process.getuid?.() === 0;

describe('the embedded start as root', () => {
  // Somebody else than the owner of the temporary folders: the postgres user as root sees them.
  const postgresUser = { uid: 4242, gids: [4242] };

  it('finds the folder the postgres user cannot enter on the way to the PostgreSQL programs or the cluster, and says what to do', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-reach-'));
    try {
      fs.chmodSync(home, 0o755);
      const closed = path.join(home, 'root-home');
      const open = path.join(home, 'srv');
      fs.mkdirSync(path.join(closed, 'checkout/node_modules/pg/bin'), { recursive: true, mode: 0o755 });
      fs.mkdirSync(open, { mode: 0o755 });
      fs.chmodSync(closed, 0o700);
      const programs = path.join(closed, 'checkout/node_modules/pg/bin/postgres');

      expect(blockedFolder(path.join(open, 'data'), postgresUser)).toBeUndefined();
      expect(blockedFolder(programs, postgresUser)).toEqual({ path: closed, mode: 0o700 });
      // A group or owner that may enter.
      expect(blockedFolder(programs, { uid: fs.statSync(closed).uid, gids: [] })).toBeUndefined();

      const programsBlocked = rootStartProblem(path.join(open, 'data/postgres'), programs, postgresUser)!;
      expect(programsBlocked).toContain(`cannot enter ${closed} (mode 0700) on the way to the PostgreSQL programs in node_modules`);
      expect(programsBlocked).toMatch(/ordinary user.*move the checkout.*DATABASE_URL/);

      const dataBlocked = rootStartProblem(path.join(closed, 'checkout/.data/postgres'), path.join(open, 'bin/postgres'), postgresUser)!;
      expect(dataBlocked).toContain(`cannot enter ${closed} (mode 0700) on the way to the database folder under DATA_DIR`);
      expect(dataBlocked).toMatch(/ordinary user.*set DATA_DIR to a folder the postgres user can reach.*DATABASE_URL/);

      expect(rootStartProblem(path.join(open, 'data/postgres'), path.join(open, 'bin/postgres'), postgresUser)).toBeUndefined();
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  (asRoot ? it : it.skip)(
    'stops at once with one paragraph naming the cause and the fix when the postgres user cannot reach DATA_DIR',
    () => {
      // A folder only root may enter (like /root): the cluster below it is out of the postgres user's reach.
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-root-only-'));
      fs.chmodSync(home, 0o700);
      try {
        const started = Date.now();
        const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../server.ts')], {
          env: { PATH: process.env.PATH, DATA_DIR: path.join(home, 'data'), PORT: '3886', LOG_LEVEL: 'silent' },
          encoding: 'utf8',
          timeout: 120_000,
        });
        expect(result.status).toBe(1);
        expect(Date.now() - started).toBeLessThan(60_000);
        const message = result.stderr.trim();
        expect(message).toContain(home);
        expect(message).toMatch(/"postgres"/);
        expect(message).toMatch(/DATA_DIR/);
        expect(message).toMatch(/ordinary user|DATABASE_URL/);
        // One paragraph: no stack trace, no unhandled 'error' event.
        expect(message).not.toMatch(/\n\s+at /);
        expect(message).not.toMatch(/Unhandled 'error' event|EACCES/);
        expect(message.split('\n').length).toBeLessThanOrEqual(2);
        // Nothing was initialised there.
        expect(fs.existsSync(path.join(home, 'data', 'postgres', 'PG_VERSION'))).toBe(false);
      } finally {
        fs.rmSync(home, { recursive: true, force: true });
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});

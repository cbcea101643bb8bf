// `npm run unlock-user -- --email admin@insurer.example`
// Lifts a login lock from the command line, so nobody can lock the last administrator out for good
// (10 wrong passwords lock an account for 30 minutes, and only an administrator can lift it in the
// console). Audited as `user.unlock`.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { withTransaction } from '../db';
import { AuditService } from '../modules/audit/audit.service';
import { unlockUserByEmail } from '../modules/identity/identity.repository';
import { Clock } from '../platform/clock';
import { openDatabase } from '../platform/database-connection';
import { createLogger } from '../platform/logger';
import { migrateLatest } from '../platform/migrations';

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' } } });
  if (!values.email) {
    process.stderr.write('usage: npm run unlock-user -- --email <email>\n');
    process.exit(2);
  }
  const config = loadConfig();
  const { db, close } = await openDatabase(config, createLogger('warn'));
  const clock = new Clock(config.businessTimeZone);
  try {
    await migrateLatest(db);
    const now = clock.now();
    const user = await withTransaction(db, async (trx) => {
      const before = await unlockUserByEmail(trx, values.email!, now);
      if (!before) return undefined;
      await new AuditService(clock).record(trx, {
        action: 'user.unlock',
        entity: { type: 'user', id: before.id },
        branchId: before.branch_id,
        before: { lockedUntil: before.locked_until?.toISOString() ?? null, failedLoginCount: before.failed_login_count },
        after: { lockedUntil: null, failedLoginCount: 0 },
        metadata: { via: 'unlock-user command' },
      });
      return before;
    });
    if (!user) throw new Error(`No user with email ${values.email}.`);
    const wasLocked = user.locked_until !== null && user.locked_until > now;
    process.stdout.write(wasLocked ? `Unlocked ${user.email}: they can log in again.\n` : `${user.email} was not locked; failed logins reset to 0.\n`);
  } finally {
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});

// `npm run unlock-user -- --email admin@insurer.example`
// Lifts a login lock from the command line, so nobody can lock the last administrator out for good
// (10 wrong passwords lock an account for 30 minutes, and only an administrator can lift it in the
// console). Audited as `user.unlock`.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { AuditService } from '../modules/audit/audit.service';
import { UsersService } from '../modules/identity/users.service';
import { Clock } from '../platform/clock';
import { openDatabase } from '../platform/database-connection';
import { createLogger } from '../platform/logger';

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' } } });
  if (!values.email) {
    process.stderr.write('usage: npm run unlock-user -- --email <email>\n');
    process.exit(2);
  }
  const config = loadConfig();
  const { db, prepare, close } = await openDatabase(config, createLogger('warn'));
  const clock = new Clock(config.businessTimeZone);
  try {
    await prepare();
    const user = await new UsersService(db, clock, new AuditService(clock), config.passwordHashCost).unlockByEmail(values.email);
    if (!user) throw new Error(`No user with email ${values.email}.`);
    process.stdout.write(user.wasLocked ? `Unlocked ${user.email}: they can log in again.\n` : `${user.email} was not locked; failed logins reset to 0.\n`);
  } finally {
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});

// `npm run create-admin -- --email ops@insurer.example --name "Olga Ops" [--branch HQ]`
// Creates an administrator (the first one in production, where no demo users exist). Asks for the
// password twice on a terminal; --password-stdin reads it from standard input instead.
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { CreateUserBody, PASSWORD_MAX } from '../contracts/identity';
import { withTransaction } from '../db';
import { AuditService } from '../modules/audit/audit.service';
import { hashPassword, newPasswordProblems } from '../modules/identity/passwords';
import { Clock } from '../platform/clock';
import { openDatabase } from '../platform/database-connection';
import { createLogger } from '../platform/logger';

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  if (!process.stdin.isTTY) throw new Error('No terminal to ask for the password: use --password-stdin.');
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide what is typed.
  const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
  let hidden = false;
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => write(hidden && !s.includes(':') ? '' : s);
  try {
    hidden = true;
    const first = await rl.question('Password: ');
    process.stdout.write('\n');
    const second = await rl.question('Repeat password: ');
    process.stdout.write('\n');
    if (first !== second) throw new Error('The two passwords differ.');
    return first;
  } finally {
    rl.close();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      branch: { type: 'string', default: 'HQ' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  if (!values.email || !values.name) {
    process.stderr.write('usage: npm run create-admin -- --email <email> --name "<full name>" [--branch HQ] [--password-stdin]\n');
    process.exit(2);
  }
  const config = loadConfig();
  const logger = createLogger('warn');
  const password = await readPassword(values['password-stdin']);
  const problems = password.length > PASSWORD_MAX ? ['too long'] : newPasswordProblems(password, { email: values.email });
  if (problems.length) throw new Error(`Password not accepted: ${problems.join('; ')}`);

  const { db, prepare, close } = await openDatabase(config, logger);
  const clock = new Clock(config.businessTimeZone);
  try {
    await prepare();
    const hash = await hashPassword(password, config.passwordHashCost);
    const now = clock.now();
    const user = await withTransaction(db, async (trx) => {
      let branch = await trx('branches').where({ code: values.branch!.toUpperCase() }).first();
      if (!branch) {
        [branch] = await trx('branches')
          .insert({ code: values.branch!.toUpperCase(), name: values.branch === 'HQ' ? 'Head office' : values.branch, created_at: now, updated_at: now })
          .returning('*');
      }
      const input = CreateUserBody.parse({ email: values.email, name: values.name, role: 'admin', branchId: branch.id });
      if (await trx('users').where({ email: input.email }).first()) throw new Error(`A user with email ${input.email} already exists.`);
      const [row] = await trx('users')
        .insert({ email: input.email, name: input.name, role: 'admin', branch_id: branch.id, password_hash: hash, password_changed_at: now, created_at: now, updated_at: now })
        .returning('*');
      await new AuditService(clock).record(trx, {
        action: 'user.create',
        entity: { type: 'user', id: row.id },
        branchId: branch.id,
        after: { email: row.email, name: row.name, role: 'admin' },
        metadata: { via: 'create-admin command' },
      });
      return row;
    });
    process.stdout.write(`Created administrator ${user.email} (${user.id}).\n`);
  } finally {
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});

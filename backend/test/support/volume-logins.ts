// Logins for the volume seeds' tests: the seeded users have no usable password, so a test sets the
// tests' own before logging in; and a manager of every branch the seed wrote to reads all of it.
import type { TestApp } from './test-app';
import { login, TEST_PASSWORD, type Session } from './factories';
import { hashPassword } from '../../src/modules/identity/passwords';

/** Logs in as a seeded user (their password set to the tests' own). */
export async function loginAsVolumeUser(t: Pick<TestApp, 'app' | 'db'>, email: string): Promise<Session> {
  await t
    .db('users')
    .where({ email })
    .update({ password_hash: await hashPassword(TEST_PASSWORD, 4) });
  return login(t.app, { email, password: TEST_PASSWORD });
}

/** A manager of `branchIds` (the first is their own), logged in. */
export async function volumeReader(t: Pick<TestApp, 'app' | 'db'>, branchIds: readonly string[], email: string): Promise<Session> {
  const now = new Date();
  const [user] = await t
    .db('users')
    .insert({ email, name: 'Volume Reader', role: 'manager', branch_id: branchIds[0], password_hash: 'x', password_changed_at: now, created_at: now, updated_at: now })
    .returning('id');
  await t.db('user_managed_branches').insert(branchIds.map((b) => ({ user_id: user.id, branch_id: b })));
  return loginAsVolumeUser(t, email);
}

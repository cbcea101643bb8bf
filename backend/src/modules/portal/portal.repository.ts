// SQL for the portal realm: accounts, sessions, refresh tokens, registrations. First argument: db or trx.
import type { DbOrTrx } from '../../db';

export interface AccountRow {
  id: string;
  customer_id: string;
  username: string;
  password_hash: string;
  failed_logins: number;
  locked_until: Date | null;
  token_version: number;
  active: boolean;
  last_login_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const findAccountByUsername = (db: DbOrTrx, username: string): Promise<AccountRow | undefined> => db('portal_accounts').where({ username }).first();
export const findAccount = (db: DbOrTrx, id: string): Promise<AccountRow | undefined> => db('portal_accounts').where({ id }).first();
export const findAccountOfCustomer = (db: DbOrTrx, customerId: string): Promise<AccountRow | undefined> => db('portal_accounts').where({ customer_id: customerId }).first();

export async function insertAccount(db: DbOrTrx, row: Pick<AccountRow, 'customer_id' | 'username' | 'password_hash' | 'created_at' | 'updated_at'>): Promise<AccountRow> {
  const [created] = await db('portal_accounts').insert(row).returning('*');
  return created;
}

export async function incrementFailedLogins(db: DbOrTrx, id: string): Promise<number | undefined> {
  const [row] = await db('portal_accounts')
    .where({ id })
    .update({ failed_logins: db.raw('failed_logins + 1') })
    .returning('failed_logins');
  return row?.failed_logins;
}

export async function lockAccount(db: DbOrTrx, id: string, until: Date, now: Date): Promise<void> {
  await db('portal_accounts')
    .where({ id })
    .update({ locked_until: until, failed_logins: 0, version: db.raw('version + 1'), updated_at: now });
}

export async function recordSuccessfulLogin(db: DbOrTrx, id: string, now: Date): Promise<void> {
  await db('portal_accounts').where({ id }).update({ failed_logins: 0, locked_until: null, last_login_at: now });
}

export async function insertSession(db: DbOrTrx, row: { account_id: string; created_at: Date; expires_at: Date; ip?: string | null; user_agent?: string | null }) {
  const [created] = await db('portal_sessions').insert(row).returning(['id']);
  return created as { id: string };
}

export async function insertRefreshToken(db: DbOrTrx, sessionId: string, hash: Buffer, now: Date): Promise<void> {
  await db('portal_refresh_tokens').insert({ session_id: sessionId, token_hash: hash, created_at: now });
}

export interface RefreshTokenFound {
  token_id: string;
  session_id: string;
  rotated_at: Date | null;
  account_id: string;
  expires_at: Date;
  revoked_at: Date | null;
}

export function findRefreshTokenForUpdate(db: DbOrTrx, hash: Buffer): Promise<RefreshTokenFound | undefined> {
  return db('portal_refresh_tokens as t')
    .join('portal_sessions as s', 's.id', 't.session_id')
    .where('t.token_hash', hash)
    .forUpdate()
    .first('t.id as token_id', 't.session_id', 't.rotated_at', 's.account_id', 's.expires_at', 's.revoked_at');
}

export async function markRotated(db: DbOrTrx, tokenId: string, now: Date): Promise<void> {
  await db('portal_refresh_tokens').where({ id: tokenId }).update({ rotated_at: now });
}

export async function touchSession(db: DbOrTrx, sessionId: string, now: Date): Promise<void> {
  await db('portal_sessions').where({ id: sessionId }).update({ last_seen_at: now });
}

/** Ends a live session; false when it had ended already. */
export async function revokeSession(db: DbOrTrx, sessionId: string, now: Date, reason: string): Promise<boolean> {
  const n = await db('portal_sessions').where({ id: sessionId }).whereNull('revoked_at').update({ revoked_at: now, revoke_reason: reason });
  return n > 0;
}

/**
 * What an access token's subject is now: one query on primary keys, read on every request (never
 * cached, as staff's). It reads the customer's status and branch with it — the one place the portal
 * reads the customers table itself, so a merged or deceased customer loses access at once without a
 * second round trip.
 */
export function findTokenSubject(db: DbOrTrx, accountId: string, sessionId: string) {
  return db('portal_accounts as a')
    .join('portal_sessions as s', 's.account_id', 'a.id')
    .join('customers as c', 'c.id', 'a.customer_id')
    .where({ 'a.id': accountId, 's.id': sessionId })
    .first<
      { id: string; customer_id: string; branch_id: string; active: boolean; token_version: number; customer_status: string; revoked_at: Date | null; expires_at: Date } | undefined
    >('a.id', 'a.customer_id', 'c.branch_id', 'a.active', 'a.token_version', 'c.status as customer_status', 's.revoked_at', 's.expires_at');
}

// --- Registrations

export interface RegistrationRow {
  id: string;
  policy_number: string;
  customer_id: string | null;
  code_hash: Buffer | null;
  channel: 'email' | 'sms' | null;
  failed_attempts: number;
  expires_at: Date;
  verified_at: Date | null;
  completed_at: Date | null;
  created_at: Date;
  ip: string | null;
}

export async function insertRegistration(db: DbOrTrx, row: Omit<RegistrationRow, 'id' | 'failed_attempts' | 'verified_at' | 'completed_at'>): Promise<RegistrationRow> {
  const [created] = await db('portal_registrations').insert(row).returning('*');
  return created;
}

export const findRegistration = (db: DbOrTrx, id: string): Promise<RegistrationRow | undefined> => db('portal_registrations').where({ id }).first();
export const lockRegistration = (db: DbOrTrx, id: string): Promise<RegistrationRow | undefined> => db('portal_registrations').where({ id }).forUpdate().first();

export async function countFailedCode(db: DbOrTrx, id: string): Promise<void> {
  await db('portal_registrations')
    .where({ id })
    .update({ failed_attempts: db.raw('failed_attempts + 1') });
}

export async function markVerified(db: DbOrTrx, id: string, now: Date): Promise<boolean> {
  return (await db('portal_registrations').where({ id }).whereNull('verified_at').update({ verified_at: now })) > 0;
}

export async function markCompleted(db: DbOrTrx, id: string, now: Date): Promise<boolean> {
  return (await db('portal_registrations').where({ id }).whereNotNull('verified_at').whereNull('completed_at').update({ completed_at: now })) > 0;
}

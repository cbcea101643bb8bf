// SQL for users, branches, sessions, refresh tokens and approval limits. First argument: db or trx.
import type { Knex } from 'knex';
import type { DbOrTrx } from '../../db';
import type { Role } from '../../contracts/auth';
import type { Actor } from '../../platform/actor';
import { keysetPage, type SortKey } from '../../platform/pagination';
import { scoped } from '../../platform/scope';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  branch_id: string;
  managed_branch_ids: string[];
  password_hash: string;
  must_change_password: boolean;
  active: boolean;
  token_version: number;
  failed_login_count: number;
  locked_until: Date | null;
  last_login_at: Date | null;
  /** A confirmed TOTP enrolment exists (computed). */
  mfa_enabled: boolean;
  password_changed_at: Date;
  version: number;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
}

export interface BranchRow {
  id: string;
  code: string;
  name: string;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
}

const managedIds = (db: DbOrTrx) =>
  db.raw(`coalesce((SELECT array_agg(m.branch_id ORDER BY m.branch_id) FROM user_managed_branches m WHERE m.user_id = u.id), '{}') AS managed_branch_ids`);

const mfaEnabled = (db: DbOrTrx) => db.raw(`EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) AS mfa_enabled`);

export const usersQuery = (db: DbOrTrx) => db('users as u').select('u.*', managedIds(db), mfaEnabled(db));

export async function findUserById(db: DbOrTrx, id: string, { forUpdate = false } = {}): Promise<UserRow | undefined> {
  if (forUpdate) await db('users').where({ id }).forUpdate().first('id');
  return usersQuery(db).where('u.id', id).first();
}

export function findUserByEmail(db: DbOrTrx, email: string): Promise<UserRow | undefined> {
  return usersQuery(db).where('u.email', email).first();
}

export async function insertUser(
  db: DbOrTrx,
  row: Omit<UserRow, 'id' | 'managed_branch_ids' | 'mfa_enabled' | 'version' | 'token_version' | 'failed_login_count' | 'locked_until' | 'last_login_at'>,
  managedBranchIds: string[],
): Promise<UserRow> {
  const [{ id }] = await db('users').insert(row).returning('id');
  await setManagedBranches(db, id, managedBranchIds);
  return (await findUserById(db, id))!;
}

export async function setManagedBranches(db: DbOrTrx, userId: string, branchIds: string[]) {
  await db('user_managed_branches').where({ user_id: userId }).delete();
  if (branchIds.length) await db('user_managed_branches').insert(branchIds.map((branch_id) => ({ user_id: userId, branch_id })));
}

/** Optimistic update: no row when the version moved on (the caller answers 412). */
export async function updateUserIfVersion(db: DbOrTrx, id: string, version: number, changes: Partial<UserRow> & { updated_at: Date }, bumpTokenVersion: boolean) {
  const [row] = await db('users')
    .where({ id, version })
    .update({
      ...changes,
      version: db.raw('version + 1'),
      ...(bumpTokenVersion ? { token_version: db.raw('token_version + 1') } : {}),
    })
    .returning('id');
  return row as { id: string } | undefined;
}

export interface UserListFilter {
  q?: string;
  role?: UserRow['role'];
  branchId?: string;
  active?: boolean;
}

const USER_ORDER: SortKey[] = [
  { column: 'u.name', field: 'name', dir: 'asc' },
  { column: 'u.id', field: 'id', dir: 'asc' },
];

/** One keyset page of the users in the actor's branch scope, by name; `q` matches name or email. */
export function usersPage(db: DbOrTrx, actor: Actor, filter: UserListFilter, page: { limit: number; cursor?: string }) {
  const q = scoped(usersQuery(db), actor, 'u.branch_id');
  if (filter.q) {
    const term = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q.where((w) => w.whereILike('u.name', term).orWhereILike('u.email', term));
  }
  if (filter.role) q.where('u.role', filter.role);
  if (filter.branchId) q.where('u.branch_id', filter.branchId);
  if (filter.active !== undefined) q.where('u.active', filter.active);
  return keysetPage<UserRow & Record<string, unknown>>(q, USER_ORDER, page);
}

/** Active users of `roles` whose home branch is `branchId`, by name. */
export const listActiveBranchUsers = <R extends UserRow['role']>(db: DbOrTrx, branchId: string, roles: readonly R[]): Promise<{ id: string; name: string; role: R }[]> =>
  db('users').where({ branch_id: branchId, active: true }).whereIn('role', roles).orderBy('name').select('id', 'name', 'role');

/** Users of these roles whose home branch is among `branchIds` (`'all'`: any), active or not, by name. */
export function listBranchStaff(db: DbOrTrx, branchIds: readonly string[] | 'all', roles: readonly UserRow['role'][]): Promise<{ id: string; name: string }[]> {
  const q = db('users').whereIn('role', roles).orderBy('name').orderBy('id').select('id', 'name');
  if (branchIds !== 'all') q.whereIn('branch_id', [...branchIds]);
  return q;
}

export const isActiveBranchUser = async (db: DbOrTrx, userId: string, branchId: string, roles: readonly UserRow['role'][]): Promise<boolean> =>
  !!(await db('users').where({ id: userId, branch_id: branchId, active: true }).whereIn('role', roles).first('id'));

/** Counts one more failed login; returns the new count (undefined when the user is gone). */
export async function incrementFailedLogins(db: DbOrTrx, userId: string): Promise<number | undefined> {
  const [counted] = await db('users')
    .where({ id: userId })
    .update({ failed_login_count: db.raw('failed_login_count + 1') })
    .returning<{ failed_login_count: number }[]>('failed_login_count');
  return counted?.failed_login_count;
}

export const lockUser = (db: DbOrTrx, userId: string, until: Date) => db('users').where({ id: userId }).update({ locked_until: until, failed_login_count: 0 });

/** Lifts a lock (and the failure count) from the user with `email`; the row as it was, for the audit. */
export async function unlockUserByEmail(
  db: DbOrTrx,
  email: string,
  now: Date,
): Promise<Pick<UserRow, 'id' | 'email' | 'role' | 'branch_id' | 'locked_until' | 'failed_login_count'> | undefined> {
  const before = await db('users').whereRaw('lower(email) = lower(?)', [email]).forUpdate().first('id', 'email', 'role', 'branch_id', 'locked_until', 'failed_login_count');
  if (!before) return undefined;
  await db('users')
    .where({ id: before.id })
    .update({ locked_until: null, failed_login_count: 0, updated_at: now, version: db.raw('version + 1') });
  return before;
}

export const recordSuccessfulLogin = (db: DbOrTrx, userId: string, now: Date) =>
  db('users').where({ id: userId }).update({ failed_login_count: 0, locked_until: null, last_login_at: now });

/** Sets a password the user chose: ends the must-change state and every live token. False when the user is gone. */
export async function setOwnPassword(db: DbOrTrx, userId: string, passwordHash: string, now: Date): Promise<boolean> {
  const [updated] = await db('users')
    .where({ id: userId })
    .update({
      password_hash: passwordHash,
      must_change_password: false,
      password_changed_at: now,
      failed_login_count: 0,
      updated_at: now,
      token_version: db.raw('token_version + 1'),
      version: db.raw('version + 1'),
    })
    .returning('id');
  return !!updated;
}

export function countActiveAdmins(db: DbOrTrx, exceptUserId: string): Promise<number> {
  return db('users')
    .where({ role: 'admin', active: true })
    .whereNot({ id: exceptUserId })
    .count<{ count: number }[]>('* as count')
    .then((r) => Number(r[0]!.count));
}

// --- Branches

export const findBranch = (db: DbOrTrx, id: string): Promise<BranchRow | undefined> => db('branches').where({ id }).first();
export const listBranches = (db: DbOrTrx): Promise<BranchRow[]> => db('branches').orderBy('name');
export const findBranchesByIds = (db: DbOrTrx, ids: string[]): Promise<BranchRow[]> => db('branches').whereIn('id', ids);

export const findBranchForUpdate = (db: DbOrTrx, id: string): Promise<BranchRow | undefined> => db('branches').where({ id }).forUpdate().first();

/** A branch with this code, or with this name ignoring case. */
export const findBranchByCodeOrName = (db: DbOrTrx, code: string, name: string): Promise<BranchRow | undefined> =>
  db('branches').where({ code }).orWhereRaw('lower(name) = lower(?)', [name]).first();

export async function insertBranch(db: DbOrTrx, row: Pick<BranchRow, 'code' | 'name' | 'created_at' | 'updated_at' | 'created_by'>): Promise<BranchRow> {
  const [branch] = await db('branches').insert(row).returning('*');
  return branch;
}

/** Optimistic update: undefined when the version moved on. */
export async function updateBranchIfVersion(
  db: DbOrTrx,
  id: string,
  version: number,
  changes: Partial<Pick<BranchRow, 'name' | 'active'>> & { updated_at: Date },
): Promise<BranchRow | undefined> {
  const [row] = await db('branches')
    .where({ id, version })
    .update({ ...changes, version: db.raw('version + 1') })
    .returning('*');
  return row;
}

export const countActiveUsersInBranch = (db: DbOrTrx, branchId: string): Promise<number> =>
  db('users')
    .where({ branch_id: branchId, active: true })
    .count<{ count: number }[]>('* as count')
    .then((r) => Number(r[0]!.count));

// --- Sessions and refresh tokens

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export async function insertSession(db: DbOrTrx, row: { user_id: string; created_at: Date; expires_at: Date; ip?: string; user_agent?: string }): Promise<SessionRow> {
  const [session] = await db('auth_sessions')
    .insert({ ...row, last_used_at: row.created_at })
    .returning('*');
  return session;
}

export async function insertRefreshToken(db: DbOrTrx, sessionId: string, tokenHash: Buffer, now: Date) {
  await db('refresh_tokens').insert({ session_id: sessionId, token_hash: tokenHash, created_at: now });
}

export interface RefreshLookup {
  token_id: string;
  rotated_at: Date | null;
  session_id: string;
  user_id: string;
  expires_at: Date;
  revoked_at: Date | null;
}

/** Locks the token row so two refreshes with the same token cannot both succeed. */
export function findRefreshTokenForUpdate(db: Knex.Transaction, tokenHash: Buffer): Promise<RefreshLookup | undefined> {
  return db('refresh_tokens as t')
    .join('auth_sessions as s', 's.id', 't.session_id')
    .where('t.token_hash', tokenHash)
    .forUpdate()
    .first('t.id as token_id', 't.rotated_at', 's.id as session_id', 's.user_id', 's.expires_at', 's.revoked_at');
}

export const markRotated = (db: DbOrTrx, tokenId: string, now: Date) => db('refresh_tokens').where({ id: tokenId }).update({ rotated_at: now });

export const touchSession = (db: DbOrTrx, sessionId: string, now: Date) => db('auth_sessions').where({ id: sessionId }).update({ last_used_at: now });

export const revokeSession = (db: DbOrTrx, sessionId: string, now: Date, reason: string) =>
  db('auth_sessions').where({ id: sessionId }).whereNull('revoked_at').update({ revoked_at: now, revoked_reason: reason });

export const revokeOtherSessions = (db: DbOrTrx, userId: string, keepSessionId: string | null, now: Date, reason: string) =>
  db('auth_sessions')
    .where({ user_id: userId })
    .whereNull('revoked_at')
    .modify((q) => {
      if (keepSessionId) q.whereNot({ id: keepSessionId });
    })
    .update({ revoked_at: now, revoked_reason: reason });

/** The user's sessions still alive (not ended, not expired), newest first. */
export function listLiveSessions(db: DbOrTrx, userId: string, now: Date) {
  return db('auth_sessions')
    .where({ user_id: userId })
    .whereNull('revoked_at')
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .select<{ id: string; created_at: Date; last_used_at: Date; expires_at: Date; ip: string | null; user_agent: string | null }[]>(
      'id',
      'created_at',
      'last_used_at',
      'expires_at',
      'ip',
      'user_agent',
    );
}

/** Ends one of the user's own live sessions; false when there is no such live session of theirs. */
export async function revokeOwnSession(db: DbOrTrx, userId: string, sessionId: string, now: Date, reason: string): Promise<boolean> {
  const n = await db('auth_sessions')
    .where({ id: sessionId, user_id: userId })
    .whereNull('revoked_at')
    .where('expires_at', '>', now)
    .update({ revoked_at: now, revoked_reason: reason });
  return n > 0;
}

// --- TOTP, recovery codes, login challenges

export interface TotpRow {
  id: string;
  user_id: string;
  secret_key_id: string;
  secret_ciphertext: string;
  confirmed_at: Date | null;
  last_used_step: string | number | null;
  created_at: Date;
  updated_at: Date;
}

export const findTotp = (db: DbOrTrx, userId: string, { forUpdate = false } = {}): Promise<TotpRow | undefined> => {
  const q = db('user_totp').where({ user_id: userId });
  if (forUpdate) q.forUpdate();
  return q.first();
};

/** Starts (or restarts) an unconfirmed enrolment; a confirmed one is never replaced here. */
export async function upsertPendingTotp(db: DbOrTrx, userId: string, secret: { keyId: string; ciphertext: string }, now: Date) {
  await db('user_totp').where({ user_id: userId }).whereNull('confirmed_at').delete();
  await db('user_totp').insert({ user_id: userId, secret_key_id: secret.keyId, secret_ciphertext: secret.ciphertext, created_at: now, updated_at: now });
}

export const confirmTotp = (db: DbOrTrx, userId: string, step: number, now: Date) =>
  db('user_totp').where({ user_id: userId }).whereNull('confirmed_at').update({ confirmed_at: now, last_used_step: step, updated_at: now });

/** Accepts a time step once: false when this or a later step was already used (a replay, or a race lost). */
export async function useTotpStep(db: DbOrTrx, userId: string, step: number, now: Date): Promise<boolean> {
  const n = await db('user_totp')
    .where({ user_id: userId })
    .whereNotNull('confirmed_at')
    .where((w) => w.whereNull('last_used_step').orWhere('last_used_step', '<', step))
    .update({ last_used_step: step, updated_at: now });
  return n > 0;
}

export async function deleteMfa(db: DbOrTrx, userId: string): Promise<boolean> {
  const n = await db('user_totp').where({ user_id: userId }).delete();
  await db('user_recovery_codes').where({ user_id: userId }).delete();
  return n > 0;
}

export async function replaceRecoveryCodes(db: DbOrTrx, userId: string, hashes: string[], now: Date) {
  await db('user_recovery_codes').where({ user_id: userId }).delete();
  await db('user_recovery_codes').insert(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now })));
}

export const countUnusedRecoveryCodes = (db: DbOrTrx, userId: string): Promise<number> =>
  db('user_recovery_codes')
    .where({ user_id: userId })
    .whereNull('used_at')
    .count<{ count: number }[]>('* as count')
    .then((r) => Number(r[0]!.count));

/** Marks a recovery code used; `unknown` / `used` when it cannot be (the UPDATE guards the race). */
export async function useRecoveryCode(db: DbOrTrx, userId: string, codeHash: string, now: Date): Promise<'ok' | 'used' | 'unknown'> {
  const n = await db('user_recovery_codes').where({ user_id: userId, code_hash: codeHash }).whereNull('used_at').update({ used_at: now });
  if (n > 0) return 'ok';
  return (await db('user_recovery_codes').where({ user_id: userId, code_hash: codeHash }).first('id')) ? 'used' : 'unknown';
}

export async function insertChallenge(db: DbOrTrx, row: { user_id: string; token_hash: Buffer; created_at: Date; expires_at: Date }) {
  await db('auth_mfa_challenges').where({ user_id: row.user_id }).where('expires_at', '<', row.created_at).delete();
  await db('auth_mfa_challenges').insert(row);
}

export interface ChallengeRow {
  id: string;
  user_id: string;
  expires_at: Date;
  consumed_at: Date | null;
  failed_attempts: number;
}

export const findChallengeForUpdate = (db: Knex.Transaction, tokenHash: Buffer): Promise<ChallengeRow | undefined> =>
  db('auth_mfa_challenges').where({ token_hash: tokenHash }).forUpdate().first('id', 'user_id', 'expires_at', 'consumed_at', 'failed_attempts');

export const consumeChallenge = (db: DbOrTrx, id: string, now: Date) => db('auth_mfa_challenges').where({ id }).update({ consumed_at: now });
export const countChallengeFailure = (db: DbOrTrx, id: string) => db('auth_mfa_challenges').where({ id }).increment('failed_attempts', 1);

/** Everything needed to accept an access token, in one indexed query. */
export interface TokenSubject {
  id: string;
  role: UserRow['role'];
  branch_id: string;
  active: boolean;
  token_version: number;
  must_change_password: boolean;
  managed_branch_ids: string[];
  mfa_enabled: boolean;
  session_revoked_at: Date | null;
  session_expires_at: Date;
}

export function findTokenSubject(db: DbOrTrx, userId: string, sessionId: string): Promise<TokenSubject | undefined> {
  return db('users as u')
    .join('auth_sessions as s', function () {
      this.on('s.user_id', 'u.id').andOnVal('s.id', '=', sessionId);
    })
    .where('u.id', userId)
    .first(
      'u.id',
      'u.role',
      'u.branch_id',
      'u.active',
      'u.token_version',
      'u.must_change_password',
      managedIds(db),
      mfaEnabled(db),
      's.revoked_at as session_revoked_at',
      's.expires_at as session_expires_at',
    );
}

// --- Approval limits

export interface ApprovalLimitRow {
  role: UserRow['role'];
  kind: string;
  currency: string;
  max_amount: number;
  revision: number;
}

export const listApprovalLimits = (db: DbOrTrx): Promise<ApprovalLimitRow[]> => db('approval_limits').orderBy(['role', 'kind', 'currency']);

export async function currentLimitRevision(db: DbOrTrx): Promise<number> {
  const [row] = await db('approval_limits').max<{ max: number | null }[]>('revision as max');
  return Number(row?.max ?? 0);
}

export const findApprovalLimit = (db: DbOrTrx, role: string, kind: string, currency: string): Promise<ApprovalLimitRow | undefined> =>
  db('approval_limits').where({ role, kind, currency }).first();

/** Blocks other writers of approval limits until the transaction ends; readers go on. */
export async function lockApprovalLimits(trx: Knex.Transaction): Promise<void> {
  await trx.raw('LOCK TABLE approval_limits IN EXCLUSIVE MODE');
}

export async function nextLimitRevision(db: DbOrTrx): Promise<number> {
  const { rows } = await db.raw<{ rows: { r: number }[] }>("SELECT nextval('approval_limits_revision_seq')::bigint AS r");
  return rows[0]!.r;
}

/** Replaces every approval limit with `rows`. */
export async function replaceApprovalLimits(db: DbOrTrx, rows: (ApprovalLimitRow & { updated_at: Date; updated_by: string })[]): Promise<void> {
  await db('approval_limits').delete();
  if (rows.length) await db('approval_limits').insert(rows);
}

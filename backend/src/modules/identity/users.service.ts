// User administration: create with a one-time password, edit role/branches/active, reset password.
// Changes that alter what a user may do end their live tokens at once (token version bump).
import type { CreateUserBody, UpdateUserBody, User } from '../../contracts/identity';
import { withTransaction, type Db, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { PreconditionFailedError, ValidationError } from '../../platform/errors';
import { visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import { fourEyes, identityConflict, lastAdmin } from './identity.errors';
import * as repo from './identity.repository';
import { hashPassword, temporaryPassword } from './passwords';

/** What the audit trail records of a user (never the hash). */
const auditView = (u: repo.UserRow) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  branchId: u.branch_id,
  managedBranchIds: u.managed_branch_ids,
  active: u.active,
  mustChangePassword: u.must_change_password,
});

export function toUser(u: repo.UserRow): User {
  return {
    id: u.id,
    ...auditView(u),
    lockedUntil: u.locked_until?.toISOString() ?? null,
    lastLoginAt: u.last_login_at?.toISOString() ?? null,
    mfaEnabled: u.mfa_enabled,
    version: u.version,
    createdAt: u.created_at.toISOString(),
    updatedAt: u.updated_at.toISOString(),
  };
}

export type { UserListFilter } from './identity.repository';

export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly passwordHashCost: number,
  ) {}

  async list(actor: Actor, filter: repo.UserListFilter, page: { limit: number; cursor?: string }) {
    const result = await repo.usersPage(this.db, actor, filter, page);
    return { items: result.items.map(toUser), nextCursor: result.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<User> {
    const user = visibleOr404(actor, await repo.findUserById(this.db, id), 'user');
    return toUser(user);
  }

  private async checkBranches(trx: Trx, role: User['role'], branchId: string, managedBranchIds: string[]) {
    const errors = [];
    const ids = [...new Set([branchId, ...managedBranchIds])];
    const found = new Map((await repo.findBranchesByIds(trx, ids)).map((b) => [b.id, b]));
    if (!found.get(branchId)?.active) errors.push({ path: 'branchId', message: 'Choose an active branch' });
    if (managedBranchIds.length && role !== 'manager') errors.push({ path: 'managedBranchIds', message: 'Only managers manage branches' });
    managedBranchIds.forEach((id, i) => {
      if (!found.get(id)?.active) errors.push({ path: `managedBranchIds.${i}`, message: 'Unknown or inactive branch' });
    });
    if (errors.length) throw new ValidationError(errors);
  }

  async create(actor: Actor, input: CreateUserBody) {
    const password = temporaryPassword();
    const hash = await hashPassword(password, this.passwordHashCost);
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const managed = input.managedBranchIds ?? [];
      await this.checkBranches(trx, input.role, input.branchId, managed);
      if (await repo.findUserByEmail(trx, input.email)) {
        throw identityConflict('EMAIL_TAKEN', 'A user with this email already exists.', { errors: [{ path: 'email', message: 'Already in use' }] });
      }
      const user = await repo.insertUser(
        trx,
        {
          email: input.email,
          name: input.name,
          role: input.role,
          branch_id: input.branchId,
          password_hash: hash,
          must_change_password: true,
          active: true,
          password_changed_at: now,
          created_at: now,
          updated_at: now,
          created_by: actor.userId,
        },
        managed,
      );
      await this.audit.record(trx, { actor, action: 'user.create', entity: { type: 'user', id: user.id }, branchId: user.branch_id, after: auditView(user) });
      return { user: toUser(user), temporaryPassword: password };
    });
  }

  /** Locks the user row and checks scope and version: the start of every change to a user. */
  private async lockForChange(trx: Trx, actor: Actor, id: string, version: number): Promise<repo.UserRow> {
    const before = visibleOr404(actor, await repo.findUserById(trx, id, { forUpdate: true }), 'user');
    if (before.version !== version) throw new PreconditionFailedError(before.version);
    return before;
  }

  async update(actor: Actor, id: string, version: number, input: UpdateUserBody): Promise<User> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const before = await this.lockForChange(trx, actor, id, version);
      const role = input.role ?? before.role;
      const branchId = input.branchId ?? before.branch_id;
      const managed = input.managedBranchIds ?? (role === 'manager' ? before.managed_branch_ids : []);
      await this.checkBranches(trx, role, branchId, managed);
      const active = input.active ?? before.active;
      if (before.role === 'admin' && before.active && (role !== 'admin' || !active) && (await repo.countActiveAdmins(trx, id)) === 0) throw lastAdmin();

      const accessChanged = role !== before.role || branchId !== before.branch_id || active !== before.active || managed.join() !== [...before.managed_branch_ids].sort().join();
      const updated = await repo.updateUserIfVersion(trx, id, version, { name: input.name ?? before.name, role, branch_id: branchId, active, updated_at: now }, accessChanged);
      if (!updated) throw new PreconditionFailedError(before.version + 1);
      await repo.setManagedBranches(trx, id, [...managed].sort());
      if (accessChanged) await repo.revokeOtherSessions(trx, id, null, now, active ? 'access_changed' : 'disabled');
      const after = (await repo.findUserById(trx, id))!;
      await this.audit.record(trx, { actor, action: 'user.update', entity: { type: 'user', id }, branchId: after.branch_id, before: auditView(before), after: auditView(after) });
      return toUser(after);
    });
  }

  /** Issues a one-time password; the user must change it at next login. Also lifts a lockout. */
  async resetPassword(actor: Actor, id: string, version: number) {
    const password = temporaryPassword();
    const hash = await hashPassword(password, this.passwordHashCost);
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const before = await this.lockForChange(trx, actor, id, version);
      await repo.updateUserIfVersion(
        trx,
        id,
        version,
        { password_hash: hash, must_change_password: true, password_changed_at: now, locked_until: null, failed_login_count: 0, updated_at: now },
        true,
      );
      await repo.revokeOtherSessions(trx, id, null, now, 'password_reset');
      const after = (await repo.findUserById(trx, id))!;
      await this.audit.record(trx, {
        actor,
        action: 'user.reset_password',
        entity: { type: 'user', id },
        branchId: after.branch_id,
        before: { mustChangePassword: before.must_change_password, lockedUntil: before.locked_until },
        after: { mustChangePassword: true, lockedUntil: null },
      });
      return { user: toUser(after), temporaryPassword: password };
    });
  }

  /**
   * Removes a user's TOTP enrolment and recovery codes (a lost phone). Never one's own (four-eyes:
   * otherwise a stolen admin session could strip the admin's second factor). Their sessions end.
   */
  async resetMfa(actor: Actor, id: string, version: number): Promise<User> {
    if (actor.userId === id) throw fourEyes();
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const before = await this.lockForChange(trx, actor, id, version);
      if (!before.mfa_enabled && !(await repo.findTotp(trx, id))) throw identityConflict('MFA_NOT_ENABLED', 'This user has no two-factor sign-in to reset.');
      await repo.deleteMfa(trx, id);
      await repo.updateUserIfVersion(trx, id, version, { updated_at: now }, true);
      await repo.revokeOtherSessions(trx, id, null, now, 'mfa_reset');
      const after = (await repo.findUserById(trx, id))!;
      await this.audit.record(trx, {
        actor,
        action: 'user.reset_mfa',
        entity: { type: 'user', id },
        branchId: after.branch_id,
        before: { mfaEnabled: before.mfa_enabled },
        after: { mfaEnabled: false },
      });
      return toUser(after);
    });
  }

  /**
   * Lifts a login lock from the command line (`npm run unlock-user`), so nobody can lock the last
   * administrator out for good. No actor: the operator at the server is outside the app's roles.
   */
  async unlockByEmail(email: string): Promise<{ email: string; wasLocked: boolean } | undefined> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const before = await repo.unlockUserByEmail(trx, email, now);
      if (!before) return undefined;
      await this.audit.record(trx, {
        action: 'user.unlock',
        entity: { type: 'user', id: before.id },
        branchId: before.branch_id,
        before: { lockedUntil: before.locked_until, failedLoginCount: before.failed_login_count },
        after: { lockedUntil: null, failedLoginCount: 0 },
        metadata: { via: 'unlock-user command' },
      });
      return { email: before.email, wasLocked: before.locked_until !== null && before.locked_until > now };
    });
  }
}

// Who acts when no person does: a webhook from a phone provider opens a case and logs a call, and
// those records name the user who made them; a fast-track claim is approved and paid by the claims
// automation user (its role, claims_automation, has its own approval limits like any role). Each such source is a system user — inactive (it can
// never log in: its password is random and thrown away), never assignable — made on first use, and
// the actor it acts as reaches every branch (the call belongs to the caller's branch).
import crypto from 'node:crypto';
import type { Role } from '../../contracts/auth';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { hashPassword } from './passwords';

export const SYSTEM_USERS = {
  telephony: { email: 'telephony@system.invalid', name: 'Telephony (automatic)', role: 'agent' },
  claimsFastTrack: { email: 'claims-fast-track@system.invalid', name: 'Fast-track claims (automatic)', role: 'claims_automation' },
} as const satisfies Record<string, { email: string; name: string; role: Role }>;
export type SystemUserName = keyof typeof SYSTEM_USERS;

export class SystemUsers {
  private readonly ids = new Map<SystemUserName, string>();

  constructor(private readonly clock: Clock) {}

  /**
   * The system user's id, made (inactive) on first use in `homeBranchId`. Remembered only once seen
   * committed before: a user made inside a transaction that rolls back is not.
   */
  async idOf(db: DbOrTrx, name: SystemUserName, homeBranchId: string): Promise<string> {
    const known = this.ids.get(name);
    if (known) return known;
    const { email, name: displayName, role } = SYSTEM_USERS[name];
    const found = await db('users').where({ email }).first('id');
    if (found) {
      this.ids.set(name, found.id as string);
      return found.id as string;
    }
    const now = this.clock.now();
    await db.raw(
      `INSERT INTO users (email, name, role, branch_id, password_hash, active, password_changed_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, false, ?, ?, ?) ON CONFLICT (email) DO NOTHING`,
      [email, displayName, role, homeBranchId, await hashPassword(crypto.randomBytes(32).toString('base64'), 4), now, now, now],
    );
    return ((await db('users').where({ email }).first('id')) as { id: string }).id;
  }

  /** The actor a system source acts as: `branchId` is where records without a customer are filed. */
  async actorFor(db: DbOrTrx, name: SystemUserName, branchId: string): Promise<Actor> {
    const userId = await this.idOf(db, name, branchId);
    return { userId, role: SYSTEM_USERS[name].role, branchId, branchIds: 'all', permissions: new Set(), mustChangePassword: false, sessionId: `system:${name}` };
  }
}

// Who a user is now, as an Actor, for work done on their behalf after their request (a report export
// job): their current role, permissions and branches — not what they were when they asked. Other
// modules never read the users table themselves.
import { ROLE_PERMISSIONS } from '../../contracts/permissions';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { branchScopeFor } from '../../platform/scope';
import * as repo from './identity.repository';

export class ActorDirectory {
  /** The active user as an Actor (a background job's, with `sessionId` naming the job); undefined when disabled or unknown. */
  async actorOf(db: DbOrTrx, userId: string, sessionId: string): Promise<Actor | undefined> {
    const user = await repo.findUserById(db, userId);
    if (!user || !user.active) return undefined;
    return {
      userId: user.id,
      role: user.role,
      branchId: user.branch_id,
      branchIds: branchScopeFor(user.role, user.branch_id, user.managed_branch_ids),
      permissions: new Set(ROLE_PERMISSIONS[user.role]),
      mustChangePassword: false,
      sessionId,
    };
  }

  /** Names and email addresses of users (active or not), for work sent to them (a scheduled report's recipients). */
  async contacts(db: DbOrTrx, userIds: readonly string[]): Promise<Map<string, { name: string; email: string; active: boolean }>> {
    if (!userIds.length) return new Map();
    const rows: { id: string; name: string; email: string; active: boolean }[] = await db('users')
      .whereIn('id', [...new Set(userIds)])
      .select('id', 'name', 'email', 'active');
    return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email, active: r.active }]));
  }
}

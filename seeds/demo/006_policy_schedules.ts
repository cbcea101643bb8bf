// Every demo policy has its schedule (PDF). Policies issued by the orders seed get version 1 from the
// issuance itself (PolicyIssuer.issue makes it in the approval's transaction); this back-fills
// version 1 — through the policies module's own PolicySchedules, as at issue: by the user who issued
// the policy, effective from its start date — for demo databases loaded before schedules existed.
// Idempotent: only policies without any schedule are touched, and only those the demo users issued
// (a volume book loaded with `npm run seed:volume` has no schedules and is left so: 100,000 PDFs at
// start-up would be no demo).
import type { Knex } from 'knex';
import { ROLE_PERMISSIONS } from '../../backend/src/contracts/permissions';
import type { Actor } from '../../backend/src/platform/actor';
import { Clock } from '../../backend/src/platform/clock';
import { branchScopeFor } from '../../backend/src/platform/scope';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { createSharedServices } from '../../backend/src/modules/shared-services';

export async function seed(db: Knex, { config }: SeedContext): Promise<void> {
  const clock = new Clock(config.businessTimeZone);
  const services = createSharedServices(db, clock, config);
  const actorOf = async (userId: string): Promise<Actor> => {
    const u = await db('users').where({ id: userId }).first('id', 'role', 'branch_id');
    const managed: { branch_id: string }[] = await db('user_managed_branches').where({ user_id: userId }).select('branch_id');
    return {
      userId: u.id,
      role: u.role,
      branchId: u.branch_id,
      branchIds: branchScopeFor(
        u.role,
        u.branch_id,
        managed.map((m) => m.branch_id),
      ),
      permissions: new Set(ROLE_PERMISSIONS[u.role as Actor['role']]),
      mustChangePassword: false,
      sessionId: '',
    };
  };
  const demoUsers: string[] = (await db('users').where('email', 'like', '%@demo.test').select('id')).map((u: { id: string }) => u.id);
  if (!demoUsers.length) return;
  await services.policies.schedules.backfill(db as Knex.Transaction, actorOf, { issuedBy: demoUsers });
}

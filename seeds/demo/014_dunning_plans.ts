// The demo's dunning plans: every published product version gets the plan a collections team starts
// from — a reminder on the customer's preferred channel 3 days after the due date, a second at 10, a
// call task for the agent at 15 and a final notice 5 days before the grace period ends — saved through
// the collections module's own service as the finance manager, so history and audit are what the
// product writes. Runs once per version: only versions without a plan.
import type { Knex } from 'knex';
import type { DunningStep } from '../../backend/src/contracts/collections';
import { ROLE_PERMISSIONS } from '../../backend/src/contracts/permissions';
import type { Db } from '../../backend/src/db';
import type { Actor } from '../../backend/src/platform/actor';
import { Clock } from '../../backend/src/platform/clock';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { DEFAULT_GRACE_DAYS } from '../../backend/src/modules/collections/dunning-plan';
import { DunningPlansService } from '../../backend/src/modules/collections/plans.service';
import { createSharedServices } from '../../backend/src/modules/shared-services';

export async function seed(db: Knex, { config }: SeedContext): Promise<void> {
  const controller: { id: string; branch_id: string } | undefined = await db('users').where({ email: 'controller@demo.test' }).first('id', 'branch_id');
  if (!controller) return;
  const versions: { id: string }[] = await db('product_versions as v')
    .where('v.status', 'published')
    .whereNotExists(db('collections_dunning_plans as d').whereRaw('d.product_version_id = v.id'))
    .select('v.id');
  if (!versions.length) return;
  const clock = new Clock(config.businessTimeZone);
  const services = createSharedServices(db as Db, clock, config);
  const plans = new DunningPlansService(db as Db, clock, services.audit, services.quotes, services.notifications);
  const actor: Actor = {
    userId: controller.id,
    role: 'finance_manager',
    branchId: controller.branch_id,
    branchIds: 'all',
    permissions: new Set(ROLE_PERMISSIONS.finance_manager),
    mustChangePassword: false,
    sessionId: '',
  };
  for (const { id } of versions) {
    const graceDays = (await services.quotes.definitionOf(db as Db, id)).servicing?.graceDays ?? DEFAULT_GRACE_DAYS;
    const steps: DunningStep[] = [
      { key: 'first-reminder', days: 3, action: 'reminder', template: 'dunning-reminder' },
      { key: 'second-reminder', days: 10, action: 'reminder', template: 'dunning-reminder' },
      { key: 'call', days: 15, action: 'call_task' },
    ];
    // A final notice needs room before the grace period ends (and after the call).
    if (graceDays - 5 > 15) steps.push({ key: 'final-notice', days: graceDays - 5, action: 'final_notice', template: 'dunning-final-notice' });
    await plans.replace(actor, id, 0, { steps });
  }
}

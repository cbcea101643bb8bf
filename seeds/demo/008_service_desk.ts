// The service desk in the demo: a few follow-up tasks for Alex Agent (one overdue, one due within the
// next business hours, two later) on North customers, and a few logged calls and emails — made
// through the service module's own services, so history and audit are what the product writes.
// Idempotent: tasks by their demo source keys; interactions only while there are none.
import type { Knex } from 'knex';
import { ROLE_PERMISSIONS } from '../../backend/src/contracts/permissions';
import type { Actor } from '../../backend/src/platform/actor';
import { Clock } from '../../backend/src/platform/clock';
import { branchScopeFor } from '../../backend/src/platform/scope';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { createSharedServices } from '../../backend/src/modules/shared-services';
import { InteractionsService } from '../../backend/src/modules/service/interactions.service';

const HOUR = 3_600_000;

export async function seed(db: Knex, { config }: SeedContext): Promise<void> {
  const agent = await db('users').where({ email: 'agent@demo.test' }).first('id', 'role', 'branch_id');
  if (!agent) return;
  const clock = new Clock(config.businessTimeZone);
  const services = createSharedServices(db, clock, config);
  const actor: Actor = {
    userId: agent.id,
    role: agent.role,
    branchId: agent.branch_id,
    branchIds: branchScopeFor(agent.role, agent.branch_id, []),
    permissions: new Set(ROLE_PERMISSIONS[agent.role as Actor['role']]),
    mustChangePassword: false,
    sessionId: '',
  };
  const customers: { id: string }[] = await db('customers').where({ branch_id: agent.branch_id, status: 'active' }).orderBy('customer_number').limit(4).select('id');
  if (customers.length < 4) return;
  const now = clock.now().getTime();
  const tasks = [
    { key: 'welcome-call', title: 'Welcome call after the policy was issued', dueIn: -20 * HOUR, priority: 'high' as const },
    { key: 'missing-document', title: 'Ask for the missing proof of address', dueIn: 2 * HOUR, priority: 'normal' as const },
    { key: 'renewal-offer', title: 'Discuss the renewal offer', dueIn: 3 * 24 * HOUR, priority: 'normal' as const },
    { key: 'callback', title: 'Call back about the premium change', dueIn: 6 * 24 * HOUR, priority: 'low' as const },
  ];
  for (const [i, task] of tasks.entries()) {
    await services.tasks.create(db, actor, {
      title: task.title,
      dueAt: new Date(now + task.dueIn),
      assigneeId: agent.id,
      priority: task.priority,
      links: [{ kind: 'customer', id: customers[i]!.id }],
      source: 'demo',
      sourceKey: task.key,
    });
  }
  if (await db('service_interactions').first('id')) return;
  const interactions = new InteractionsService(db, clock, services.audit, services.customerProfiles, services.customerExtensions);
  const ago = (hours: number) => new Date(now - hours * HOUR).toISOString();
  await interactions.create(actor, {
    channel: 'phone_inbound',
    customerId: customers[0]!.id,
    subject: 'Asked when the policy documents arrive',
    notes: 'Explained the schedule is downloadable; sent by post as well.',
    outcome: 'Answered',
    durationSeconds: 300,
    occurredAt: ago(50),
    links: [],
    resolvedOnFirstContact: true,
  });
  await interactions.create(actor, {
    channel: 'email',
    direction: 'outbound',
    customerId: customers[1]!.id,
    subject: 'Requested proof of address',
    occurredAt: ago(26),
    links: [],
    resolvedOnFirstContact: false,
  });
  await interactions.create(actor, {
    channel: 'phone_inbound',
    contactPhone: '+1 555 0142',
    subject: 'Prospect asking about travel cover',
    outcome: 'Quote offered; will call back',
    durationSeconds: 420,
    occurredAt: ago(3),
    links: [],
    resolvedOnFirstContact: false,
  });
}

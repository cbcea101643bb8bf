// The servicing services of an issued policy, wired once: its transactions (endorsements,
// cancellations, reinstatements, surrenders, lapses), its standing (grace, lapse) and its renewals,
// with the tasks they give the policy's agent. The module builds them at start; the demo seeds build
// the same set for a clock of their own.
import type { Config } from '../../config';
import type { Db } from '../../db';
import type { Clock } from '../../platform/clock';
import type { SharedServices } from '../shared-services';
import { PolicyMessages } from './policy-messages';
import { PolicyStandingService } from './policy-standing.service';
import { PolicyTransactionsService } from './policy-transactions.service';
import { RenewalsService } from './renewals.service';

export interface PolicyServicing {
  transactions: PolicyTransactionsService;
  standing: PolicyStandingService;
  renewals: RenewalsService;
}

/** `tasks` when the caller holds every shared service (a seed): the servicing tasks are bound to it here. */
type Needs = Pick<SharedServices, 'audit' | 'quotes' | 'billing' | 'policies' | 'approvalLimits' | 'lapseGuards' | 'policyTasks' | 'notifications' | 'customerProfiles'> &
  Partial<Pick<SharedServices, 'tasks'>>;

export function createPolicyServicing(db: Db, clock: Clock, config: Pick<Config, 'renewalAutoMaxIncreasePercent'>, services: Needs): PolicyServicing {
  // Calls for the policy's agent (grace, the last week before a lapse, renewal offers), through the service desk's tasks.
  const tasks = services.policyTasks;
  if (services.tasks) tasks.bind(services.tasks);
  const messages = new PolicyMessages(services.notifications);
  const transactions = new PolicyTransactionsService(db, clock, services.audit, services.quotes, services.billing, services.policies.schedules, services.approvalLimits);
  const renewals = new RenewalsService(
    db,
    clock,
    services.audit,
    services.quotes,
    services.billing,
    services.policies.schedules,
    transactions,
    config.renewalAutoMaxIncreasePercent,
    tasks,
    messages,
  );
  transactions.renewals = renewals;
  const standing = new PolicyStandingService(db, clock, services.audit, services.quotes, services.billing, transactions, services.lapseGuards, tasks, messages);
  return { transactions, standing, renewals };
}

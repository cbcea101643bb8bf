// The follow-up tasks servicing gives the policy's agent, through the service desk's one task
// service: call the customer when a premium goes into grace and again a week before the policy
// lapses, and take the customer's instruction on a renewal offer. Each is made once (keyed by the
// policy and the grace period or the renewal) in the transaction of the change that causes it, and
// closed by itself when what it asked for happens without the agent (the premium paid, the renewal
// accepted or declined).
import type { DbOrTrx } from '../../db';
import { addDays } from '../../platform/calendar';
import { zonedInstant } from '../../platform/business-time';
import type { AgentDirectory } from '../identity/agent-directory';
import type { TaskService } from '../service/tasks.service';

const SOURCE = 'policies';
/** Tasks fall due at the end of the office day. */
const DUE_MINUTES = 17 * 60;
/** A premium in grace is chased within three days (or by the last day of grace, if sooner). */
const GRACE_CALL_DAYS = 3;
/** A renewal offer is discussed within two weeks (or by the day before it starts, if sooner). */
const RENEWAL_CALL_DAYS = 14;

export interface TaskPolicy {
  id: string;
  policyNumber: string;
  customerId: string;
  branchId: string;
  /** The policy's agent: the task is theirs while they can take it, else it waits in the branch's queue. */
  agentId: string | null;
}

const graceKey = (policyId: string, graceSince: string) => `grace:${policyId}:${graceSince}`;
const lapseWarningKey = (policyId: string, graceSince: string) => `lapse-warning:${policyId}:${graceSince}`;
const renewalKey = (transactionId: string) => `renewal:${transactionId}`;

export class PolicyTasks {
  private taskService: TaskService | undefined;

  constructor(
    private readonly agents: AgentDirectory,
    private readonly timeZone: string,
  ) {}

  /**
   * The service desk hands over its task service when it starts (it needs the policies module too,
   * so policies cannot require it: the dependency would run both ways).
   */
  bind(tasks: TaskService): void {
    this.taskService = tasks;
  }

  private get tasks(): TaskService {
    if (!this.taskService) throw new Error('The service desk has not bound its task service to the policies module');
    return this.taskService;
  }

  private dueAt(date: string): Date {
    return new Date(zonedInstant(date, DUE_MINUTES, this.timeZone));
  }

  private async open(db: DbOrTrx, policy: TaskPolicy, task: { key: string; title: string; description: string; dueOn: string; priority: 'normal' | 'high' }) {
    const assignable = policy.agentId !== null && (await this.agents.isAssignable(db, policy.agentId, policy.branchId));
    await this.tasks.create(db, null, {
      title: task.title,
      description: task.description,
      dueAt: this.dueAt(task.dueOn),
      priority: task.priority,
      branchId: policy.branchId,
      ...(assignable ? { assigneeId: policy.agentId! } : {}),
      links: [
        { kind: 'customer', id: policy.customerId },
        { kind: 'policy', id: policy.id },
      ],
      source: SOURCE,
      sourceKey: task.key,
    });
  }

  /** The premium due `graceSince` went unpaid: call the customer. */
  graceStarted(db: DbOrTrx, policy: TaskPolicy, graceSince: string, graceEndsOn: string, today: string) {
    const soon = addDays(today, GRACE_CALL_DAYS);
    return this.open(db, policy, {
      key: graceKey(policy.id, graceSince),
      title: `Call about the overdue premium of ${policy.policyNumber}`,
      description: `The premium due ${graceSince} is unpaid; the policy is in grace and lapses after ${graceEndsOn} unless it is paid.`,
      dueOn: soon < graceEndsOn ? soon : graceEndsOn,
      priority: 'normal',
    });
  }

  /** A week before the end of grace: the last call before the policy lapses. */
  lapseWarning(db: DbOrTrx, policy: TaskPolicy, graceSince: string, graceEndsOn: string) {
    return this.open(db, policy, {
      key: lapseWarningKey(policy.id, graceSince),
      title: `${policy.policyNumber} lapses after ${graceEndsOn}`,
      description: `The premium due ${graceSince} is still unpaid. Unless it is paid by ${graceEndsOn} the policy lapses and cover ends.`,
      dueOn: graceEndsOn,
      priority: 'high',
    });
  }

  /** Grace ended (paid, or lapsed): its calls are done. */
  async graceEnded(db: DbOrTrx, policyId: string, graceSince: string, outcome: string) {
    await this.tasks.closeBySource(db, SOURCE, graceKey(policyId, graceSince), outcome);
    await this.tasks.closeBySource(db, SOURCE, lapseWarningKey(policyId, graceSince), outcome);
  }

  /** A renewal was offered: take the customer's instruction before it starts. */
  renewalOffered(db: DbOrTrx, policy: TaskPolicy, renewal: { transactionId: string; transactionNumber: string; renewalDate: string; changePercent: string }, today: string) {
    const soon = addDays(today, RENEWAL_CALL_DAYS);
    const dayBefore = addDays(renewal.renewalDate, -1);
    const percent = Number(renewal.changePercent);
    const change = percent === 0 ? 'at the same premium' : `at ${percent > 0 ? '+' : ''}${renewal.changePercent}% premium`;
    return this.open(db, policy, {
      key: renewalKey(renewal.transactionId),
      title: `Renewal of ${policy.policyNumber} from ${renewal.renewalDate}`,
      description: `${renewal.transactionNumber} offers the next term ${change}. Ask the customer whether to renew and record their answer on the renewal.`,
      dueOn: soon < dayBefore ? soon : dayBefore,
      priority: 'normal',
    });
  }

  /** The renewal was accepted, declined or expired: nothing left to ask. */
  renewalDecided(db: DbOrTrx, transactionId: string, outcome: string) {
    return this.tasks.closeBySource(db, SOURCE, renewalKey(transactionId), outcome);
  }
}

// Task reminders: the every-minute job emails each open task's assignee once its reminder time has
// come (through the notifications outbox, idempotent by task and reminder time), and records it on
// the task (`reminded_at`, a `reminded` history entry). A task in the branch queue (no assignee) is
// marked reminded with no one to tell. Taken FOR UPDATE SKIP LOCKED, so two runs at once remind once.
// The reminder is a fact about the task, not an edit: the task's version does not change.
import { withTransaction, type Db } from '../../db';
import type { Clock } from '../../platform/clock';
import type { NotificationService } from '../notifications/notifications.service';

/** The console's My work page (frontend features/service/routes.tsx). */
const MY_WORK_PATH = '/my-work';

export const TASK_REMINDERS_JOB = 'service.task-reminders';

const BATCH = 500;

export class TaskReminders {
  /** "1 Mar 2027, 12:00" on the business zone's wall clock. */
  private readonly when: Intl.DateTimeFormat;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly notifications: Pick<NotificationService, 'enqueue'>,
    /** The console's address (config.publicUrl): the link to My work in the email. */
    private readonly publicUrl: string,
  ) {
    this.when = new Intl.DateTimeFormat('en-GB', { timeZone: clock.businessTimeZone, dateStyle: 'medium', timeStyle: 'short' });
  }

  /** Reminds what is due now (or the tasks of `branchIds`: tests that share the database). */
  async run({ branchIds }: { branchIds?: string[] } = {}): Promise<{ reminded: number }> {
    const now = this.clock.now();
    let reminded = 0;
    for (;;) {
      const done = await withTransaction(this.db, async (trx) => {
        const q = trx('service_tasks as t')
          .leftJoin('users as u', 'u.id', 't.assignee_id')
          .where('t.status', 'open')
          .whereNotNull('t.remind_at')
          .whereNull('t.reminded_at')
          .where('t.remind_at', '<=', now);
        if (branchIds) q.whereIn('t.branch_id', branchIds);
        const due: { id: string; title: string; due_at: Date; remind_at: Date; assignee_id: string | null; name: string | null; email: string | null }[] = await q
          .orderBy('t.remind_at')
          .limit(BATCH)
          .forUpdate('t')
          .skipLocked()
          .select('t.id', 't.title', 't.due_at', 't.remind_at', 't.assignee_id', 'u.name', 'u.email');
        for (const task of due) {
          await trx('service_tasks').where({ id: task.id }).update({ reminded_at: now });
          await trx('service_task_history').insert({ task_id: task.id, event: 'reminded', details: JSON.stringify({ to: task.assignee_id }), changed_by: null, changed_at: now });
          if (task.email)
            await this.notifications.enqueue(trx, {
              channel: 'email',
              template: 'task-reminder',
              recipient: task.email,
              purpose: 'service',
              idempotencyKey: `task:${task.id}:reminder:${task.remind_at.toISOString()}`,
              data: { agentName: task.name ?? '', taskTitle: task.title, dueAt: this.when.format(task.due_at), taskUrl: `${this.publicUrl}${MY_WORK_PATH}` },
            });
        }
        return due.length;
      });
      reminded += done;
      if (done < BATCH) return { reminded };
    }
  }
}

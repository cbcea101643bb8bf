import type { Playbook } from '@contracts/service';
import { formatDateTime } from '@/lib/format-date';

type Milestone = Playbook['milestones'][number];

export interface MilestoneState {
  /** done | late (done after its due time) | overdue (open past its due time) | open */
  kind: 'done' | 'late' | 'overdue' | 'open';
  label: string;
  color: string;
}

/** How a milestone stands now, in words an agent reads at a glance. */
export function milestoneState(m: Pick<Milestone, 'status' | 'dueAt' | 'completedAt' | 'clock'>, now: Date = new Date()): MilestoneState {
  if (m.status === 'done') {
    const late = m.completedAt !== null && new Date(m.completedAt) > new Date(m.dueAt);
    return late
      ? { kind: 'late', label: `Done late, ${formatDateTime(m.completedAt!)}`, color: 'orange' }
      : { kind: 'done', label: m.completedAt ? `Done ${formatDateTime(m.completedAt)}` : 'Done', color: 'green' };
  }
  if (m.clock.breached || new Date(m.dueAt) <= now) return { kind: 'overdue', label: `Overdue since ${formatDateTime(m.dueAt)}`, color: 'red' };
  return { kind: 'open', label: `Due ${formatDateTime(m.dueAt)}`, color: 'blue' };
}

/** The playbook in one line: "2 of 4 done, 1 overdue" / "All 4 done". */
export function progressWording(progress: Playbook['progress']): string {
  if (progress.total > 0 && progress.done === progress.total) return `All ${progress.total} done`;
  return `${progress.done} of ${progress.total} done${progress.breached ? `, ${progress.breached} overdue` : ''}`;
}

// The case status machine and what each step does to the resolution clock (pure).
import type { CaseAction, CaseStatus, Priority } from '../../contracts/service';
import type { ClockEventType } from './sla-clock';

export const CASE_TRANSITIONS: Record<CaseAction, { from: readonly CaseStatus[]; to: CaseStatus }> = {
  open: { from: ['new', 'pending'], to: 'open' },
  /** Waiting on the customer or a third party: the resolution clock stops. */
  pend: { from: ['new', 'open'], to: 'pending' },
  resolve: { from: ['new', 'open', 'pending'], to: 'resolved' },
  close: { from: ['resolved'], to: 'closed' },
  /** Within REOPEN_WINDOW_DAYS of the resolution. */
  reopen: { from: ['resolved', 'closed'], to: 'open' },
};

export const REOPEN_WINDOW_DAYS = 14;

/**
 * Resolution targets in business minutes by priority, until SLA policies per type and priority are
 * data (issue 14): urgent 4 business hours, high 1 business day, normal 3, low 6 (of 8 hours).
 */
export const RESOLUTION_TARGET_MINUTES: Record<Priority, number> = { urgent: 240, high: 480, normal: 1440, low: 2880 };

/** The resolution clock event a transition appends, if any. */
export function resolutionClockEvent(action: CaseAction, from: CaseStatus): ClockEventType | null {
  switch (action) {
    case 'pend':
      return 'pause';
    case 'open':
      return from === 'pending' ? 'resume' : null;
    case 'resolve':
      return 'fulfil';
    case 'reopen':
      return 'resume';
    case 'close':
      return null;
  }
}

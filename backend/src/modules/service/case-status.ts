// The case status machine (pure); what each step does to the clocks is case-clocks.ts.
import type { CaseAction, CaseStatus } from '../../contracts/service';

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

// SLA clocks as data: an append-only log of clock events per subject (a case, a milestone) and
// metric (first response, next response, resolution…), and the pure function that reads the log
// into the clock's state — business time used, due time, running or paused or stopped — on a
// business-hours calendar. Nothing about a clock is stored but its events.
import type { BusinessTime } from '../../platform/business-time';

export const CLOCK_EVENT_TYPES = ['start', 'pause', 'resume', 'fulfil', 'breach', 'warning', 'policy_change', 'restart'] as const;
export type ClockEventType = (typeof CLOCK_EVENT_TYPES)[number];

export interface ClockEvent {
  type: ClockEventType;
  at: Date;
  /** The target in business minutes: set by `start` and `policy_change`; null is "no SLA". */
  targetMinutes?: number | null;
}

export type ClockStatus = 'not_started' | 'running' | 'paused' | 'fulfilled';

export interface ClockState {
  status: ClockStatus;
  /** Business ms the clock has run, up to `now` (or its pause or fulfilment). */
  usedMs: number;
  /** Null for "no SLA" (and before the start). */
  targetMs: number | null;
  /** target − used (negative once past the target); null without a target. */
  remainingMs: number | null;
  /**
   * When the target is (or was) reached in business time: while running, when it will be if
   * nothing pauses it; once the target is passed, when it was passed; null while paused or
   * stopped short of the target, or without a target.
   */
  dueAt: Date | null;
  /** used > target. */
  breached: boolean;
  /** Whether the log holds a warning / breach event (the job records each once). */
  warningRecorded: boolean;
  breachRecorded: boolean;
  /** The instant the clock started (null before). */
  startedAt: Date | null;
}

export class ClockEventRejected extends Error {
  constructor(
    readonly type: ClockEventType,
    readonly status: ClockStatus,
  ) {
    super(`A ${type} event does not apply to a ${status.replace('_', ' ')} clock`);
  }
}

/** Which events a clock in each status takes (warning and breach are facts the job records while it runs or is paused). */
const ALLOWED: Record<ClockStatus, readonly ClockEventType[]> = {
  not_started: ['start'],
  running: ['pause', 'fulfil', 'breach', 'warning', 'policy_change'],
  paused: ['resume', 'fulfil', 'breach', 'warning', 'policy_change'],
  // A reopened case resumes its clock: the business time already used still counts. A next-response
  // clock restarts from zero on the customer's next contact (its warning and breach stay recorded once).
  fulfilled: ['resume', 'restart'],
};

/** Whether `event` may be appended to a clock whose log is `events` (the writer checks before appending). */
export function assertApplies(events: readonly ClockEvent[], event: ClockEvent): void {
  const status = statusOf(events);
  if (!ALLOWED[status].includes(event.type)) throw new ClockEventRejected(event.type, status);
  const last = events[events.length - 1];
  if (last && event.at < last.at) throw new RangeError('Clock events are appended in time order');
  if ((event.type === 'start' || event.type === 'policy_change') && event.targetMinutes === undefined) throw new RangeError(`A ${event.type} event says its target`);
}

function statusOf(events: readonly ClockEvent[]): ClockStatus {
  let status: ClockStatus = 'not_started';
  for (const e of events) {
    if (e.type === 'start' || e.type === 'resume' || e.type === 'restart') status = 'running';
    else if (e.type === 'pause') status = 'paused';
    else if (e.type === 'fulfil') status = 'fulfilled';
  }
  return status;
}

/** The clock's state at `now` from its events (in order), counting business time on `calendar`. */
export function clockState(events: readonly ClockEvent[], calendar: BusinessTime, now: Date): ClockState {
  let status: ClockStatus = 'not_started';
  let targetMinutes: number | null = null;
  let startedAt: Date | null = null;
  let warningRecorded = false;
  let breachRecorded = false;
  /** Running segments [from, to) — `to` null for the open one. */
  const segments: [Date, Date | null][] = [];
  for (const e of events) {
    if (e.at > now) break;
    switch (e.type) {
      case 'start':
        status = 'running';
        startedAt = e.at;
        targetMinutes = e.targetMinutes ?? null;
        segments.push([e.at, null]);
        break;
      case 'resume':
        status = 'running';
        segments.push([e.at, null]);
        break;
      case 'restart':
        // A new round: the time of the earlier rounds no longer counts.
        status = 'running';
        startedAt = e.at;
        segments.length = 0;
        segments.push([e.at, null]);
        break;
      case 'pause':
      case 'fulfil':
        if (status === 'running') segments[segments.length - 1]![1] = e.at;
        status = e.type === 'pause' ? 'paused' : 'fulfilled';
        break;
      case 'policy_change':
        targetMinutes = e.targetMinutes ?? null;
        break;
      case 'warning':
        warningRecorded = true;
        break;
      case 'breach':
        breachRecorded = true;
        break;
    }
  }
  const targetMs = targetMinutes === null ? null : targetMinutes * 60_000;
  let usedMs = 0;
  let dueAt: Date | null = null;
  for (const [from, to] of segments) {
    const segmentMs = calendar.msBetween(from, to ?? now);
    if (targetMs !== null && dueAt === null && usedMs + segmentMs >= targetMs && usedMs + segmentMs > 0) dueAt = calendar.addMs(from, targetMs - usedMs);
    usedMs += segmentMs;
  }
  // Running short of the target: when it will be reached if nothing pauses it.
  if (targetMs !== null && dueAt === null && status === 'running')
    dueAt = calendar.addMs(segments[segments.length - 1]![0], targetMs - (usedMs - calendar.msBetween(segments[segments.length - 1]![0], now)));
  return {
    status,
    usedMs,
    targetMs,
    remainingMs: targetMs === null ? null : targetMs - usedMs,
    dueAt,
    breached: targetMs !== null && usedMs > targetMs,
    warningRecorded,
    breachRecorded,
    startedAt,
  };
}

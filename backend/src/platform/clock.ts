// The server's notion of "now" and of the business date. Domain code asks the Clock, never `new Date()`,
// so tests can set or move time and check time-driven rules without waiting.

export class Clock {
  private fixed: Date | undefined;
  private offsetMs = 0;

  constructor(readonly businessTimeZone = 'UTC') {}

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date(Date.now() + this.offsetMs);
  }

  /** Today's date ('YYYY-MM-DD') in the business time zone: what due dates and SLAs count in. */
  businessDate(at: Date = this.now()): string {
    // en-CA formats as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: this.businessTimeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(at);
  }

  /** Freezes time at `at` (tests). */
  set(at: Date | string): void {
    this.fixed = new Date(at);
    if (Number.isNaN(this.fixed.getTime())) throw new RangeError(`Invalid clock time: ${String(at)}`);
  }

  /** Moves time forward (or back with a negative value), frozen or running. */
  advance(ms: number): void {
    if (this.fixed) this.fixed = new Date(this.fixed.getTime() + ms);
    else this.offsetMs += ms;
  }

  /** Back to real time. */
  reset(): void {
    this.fixed = undefined;
    this.offsetMs = 0;
  }
}

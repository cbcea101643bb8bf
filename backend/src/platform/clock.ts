// The server's notion of "now" and of the business date. Domain code asks the Clock, never `new Date()`,
// so tests can set or move time and check time-driven rules without waiting.

export class Clock {
  private fixed: Date | undefined;
  private offsetMs = 0;
  // Building a DateTimeFormat costs far more than formatting with one: made once per clock.
  private readonly dateFormat: Intl.DateTimeFormat;

  constructor(readonly businessTimeZone = 'UTC') {
    // en-CA formats as YYYY-MM-DD.
    this.dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: businessTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date(Date.now() + this.offsetMs);
  }

  /** Today's date ('YYYY-MM-DD') in the business time zone: what due dates and SLAs count in. */
  businessDate(at: Date = this.now()): string {
    return this.dateFormat.format(at);
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

// The SLA job skips, without business-time arithmetic, the clocks it has nothing left to record for.
import { settled } from '../sla-monitor.service';

const at = (minute: number) => new Date(Date.UTC(2027, 2, 1, 9, minute));
const now = at(50);

describe('settled', () => {
  it('a fulfilled clock, or one with its warning and breach recorded, is settled', () => {
    expect(
      settled(
        [
          { type: 'start', at: at(0) },
          { type: 'fulfil', at: at(10) },
        ],
        now,
      ),
    ).toBe(true);
    expect(
      settled(
        [
          { type: 'start', at: at(0) },
          { type: 'warning', at: at(20) },
          { type: 'breach', at: at(30) },
        ],
        now,
      ),
    ).toBe(true);
  });

  it('a running, paused, warned-only or restarted clock is not; nor one with an event after now', () => {
    expect(settled([{ type: 'start', at: at(0) }], now)).toBe(false);
    expect(
      settled(
        [
          { type: 'start', at: at(0) },
          { type: 'pause', at: at(5) },
        ],
        now,
      ),
    ).toBe(false);
    expect(
      settled(
        [
          { type: 'start', at: at(0) },
          { type: 'warning', at: at(20) },
        ],
        now,
      ),
    ).toBe(false);
    expect(
      settled(
        [
          { type: 'start', at: at(0) },
          { type: 'fulfil', at: at(10) },
          { type: 'restart', at: at(15) },
        ],
        now,
      ),
    ).toBe(false);
    expect(
      settled(
        [
          { type: 'start', at: at(0) },
          { type: 'fulfil', at: at(55) },
        ],
        now,
      ),
    ).toBe(false);
  });
});

// The summarised journal, property-tested: for any day's balanced movements, each day's lines
// balance, each account's line is its net, and the totals are the same on both sides.
import fc from 'fast-check';
import type { AccountKind } from '../../../contracts/billing';
import { CHART_OF_ACCOUNTS } from '../../billing/chart-of-accounts';
import { journalLines, renderJournal, totalsOf, type DailyMovement } from '../journal-export';

const KINDS = Object.keys(CHART_OF_ACCOUNTS) as AccountKind[];
const mapping = new Map(KINDS.map((k, i) => [k, { glCode: String(4000 + i), glName: `Account ${i}` }]));

/** A day's postings: random amounts between random accounts, so debits equal credits. */
const day = fc.record({
  date: fc.integer({ min: 1, max: 28 }).map((d) => `2027-01-${String(d).padStart(2, '0')}`),
  moves: fc.array(fc.record({ from: fc.constantFrom(...KINDS), to: fc.constantFrom(...KINDS), amount: fc.integer({ min: 1, max: 10_000_000 }) }), { minLength: 1, maxLength: 8 }),
});

function movementsOf(days: { date: string; moves: { from: AccountKind; to: AccountKind; amount: number }[] }[]): DailyMovement[] {
  const totals = new Map<string, DailyMovement>();
  const add = (date: string, kind: AccountKind, side: 'debits' | 'credits', amount: number) => {
    const key = `${date}|${kind}`;
    const m = totals.get(key) ?? { date, kind, currency: 'USD', debits: 0, credits: 0, entries: 0 };
    m[side] += amount;
    m.entries += 1;
    totals.set(key, m);
  };
  for (const d of days) {
    for (const m of d.moves) {
      add(d.date, m.from, 'debits', m.amount);
      add(d.date, m.to, 'credits', m.amount);
    }
  }
  return [...totals.values()];
}

describe('the summarised journal', () => {
  it('balances every day, nets each account, and totals both sides alike', () => {
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 10 }), (days) => {
        const movements = movementsOf(days);
        const lines = journalLines(movements, mapping);
        const byDay = new Map<string, number>();
        for (const l of lines) {
          expect(l.debit === 0 || l.credit === 0).toBe(true);
          byDay.set(l.date, (byDay.get(l.date) ?? 0) + l.debit - l.credit);
        }
        for (const net of byDay.values()) expect(net).toBe(0);
        for (const m of movements) {
          const line = lines.find((l) => l.date === m.date && l.kind === m.kind);
          expect(line ? line.debit - line.credit : 0).toBe(m.debits - m.credits);
        }
        const [usd] = totalsOf(lines);
        if (usd) expect(usd.debits).toBe(usd.credits);
      }),
    );
  });

  it('writes amounts in major units with two decimals, dates the QuickBooks way', () => {
    const lines = journalLines(
      [
        { date: '2027-01-05', kind: 'cash_clearing', currency: 'USD', debits: 12345, credits: 0, entries: 1 },
        { date: '2027-01-05', kind: 'customer_credit', currency: 'USD', debits: 0, credits: 12345, entries: 1 },
      ],
      mapping,
    );
    const { content } = renderJournal('quickbooks', '2027-01', lines);
    expect(content.split('\r\n')[1]).toBe(`PD-20270105-USD,01/05/2027,USD,${mapping.get('cash_clearing')!.glName},123.45,,Policydesk cash_clearing on 2027-01-05 (1 entry)`);
  });
});

import type { ApprovalLimit } from '@contracts/identity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellKey, errorKeyOf, newRow, rowOfItem, toRequestBody, toRows } from '../limit-grid';
import type { LimitRow } from '../limit-grid';

const limit = (role: ApprovalLimit['role'], kind: ApprovalLimit['kind'], maxAmount: number, currency = 'USD'): ApprovalLimit => ({ role, kind, currency, maxAmount });
const row = (role: LimitRow['role'], currency: string, amounts: Partial<LimitRow['amounts']>): LimitRow => {
  const r = newRow(role, currency);
  Object.assign(r.amounts, amounts);
  return r;
};
const sortKey = (l: ApprovalLimit) => `${l.role}/${l.kind}/${l.currency}`;

describe('toRows', () => {
  it('puts one row per role and currency, amounts in major units, empty where there is no limit', () => {
    const rows = toRows([limit('manager', 'order_sum_insured', 1_000_000_00), limit('manager', 'claim_amount', 50_000_50)]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: 'manager', currency: 'USD', amounts: { order_sum_insured: 1_000_000, claim_amount: 50_000.5, refund_amount: '', write_off_amount: '' } });
  });

  it('orders rows by role as the roles are listed, then by currency', () => {
    const rows = toRows([
      limit('agent', 'claim_amount', 1, 'USD'),
      limit('manager', 'claim_amount', 1, 'USD'),
      limit('agent', 'claim_amount', 1, 'EUR'),
      limit('admin', 'claim_amount', 1, 'USD'),
    ]);
    expect(rows.map((r) => `${r.role} ${r.currency}`)).toEqual(['admin USD', 'manager USD', 'agent EUR', 'agent USD']);
  });

  it('keeps a zero limit as 0, apart from an empty cell', () => {
    expect(toRows([limit('agent', 'refund_amount', 0)])[0]?.amounts.refund_amount).toBe(0);
  });

  it('gives every row its own id', () => {
    const rows = toRows([limit('agent', 'claim_amount', 1, 'USD'), limit('agent', 'claim_amount', 1, 'EUR')]);
    expect(rows[0]?.id).not.toBe(rows[1]?.id);
  });
});

describe('toRequestBody', () => {
  it('sends each filled cell in minor units, currency trimmed and upper-cased, empty cells left out', () => {
    const result = toRequestBody([row('manager', ' eur ', { order_sum_insured: 1_000_000, claim_amount: '12.34', refund_amount: 0.01 })]);
    expect(result).toEqual({
      ok: true,
      body: {
        items: [limit('manager', 'order_sum_insured', 1_000_000_00, 'EUR'), limit('manager', 'claim_amount', 12_34, 'EUR'), limit('manager', 'refund_amount', 1, 'EUR')],
      },
    });
  });

  it('refuses a negative, zero or unreadable amount on its own cell, all of them at once (−500 is not turned into 0)', () => {
    const bad = row('agent', 'USD', { claim_amount: -500, refund_amount: 0 });
    const text = row('agent', 'EUR', { claim_amount: 'lots', write_off_amount: 20 });
    expect(toRequestBody([bad, text])).toEqual({
      ok: false,
      errors: {
        [cellKey(bad.id, 'claim_amount')]: 'Must be more than 0',
        [cellKey(bad.id, 'refund_amount')]: 'Must be more than 0',
        [cellKey(text.id, 'claim_amount')]: 'Enter an amount',
      },
    });
  });

  it('refuses a second row for the same role and currency, however the currency is typed', () => {
    const first = row('agent', 'USD', { claim_amount: 1 });
    const second = row('agent', 'usd ', { refund_amount: 1 });
    expect(toRequestBody([first, second])).toEqual({ ok: false, errors: { [second.id]: 'Another row has the same role and currency' } });
  });

  it('puts the API schema’s objection (a currency that is not ISO 4217) on the row it is about', () => {
    const good = row('agent', 'USD', { claim_amount: 1 });
    const bad = row('manager', 'EURO', { claim_amount: 1 });
    expect(toRequestBody([good, bad])).toEqual({ ok: false, errors: { [`${bad.id}.currency`]: 'Use an ISO 4217 code such as EUR' } });
  });

  it('sends an empty list for an empty grid or rows without amounts', () => {
    expect(toRequestBody([])).toEqual({ ok: true, body: { items: [] } });
    expect(toRequestBody([newRow('agent')])).toEqual({ ok: true, body: { items: [] } });
  });

  it('sends back the limits it was loaded with, whatever they are', () => {
    const ROLE = fc.constantFrom<ApprovalLimit['role']>('admin', 'manager', 'senior_agent', 'agent', 'underwriter');
    const KIND = fc.constantFrom<ApprovalLimit['kind']>('order_sum_insured', 'claim_amount', 'refund_amount', 'write_off_amount');
    const limits = fc.uniqueArray(fc.record({ role: ROLE, kind: KIND, currency: fc.constantFrom('USD', 'EUR', 'GBP'), maxAmount: fc.integer({ min: 1, max: 1e15 }) }), {
      selector: sortKey,
      maxLength: 40,
    });
    fc.assert(
      fc.property(limits, (items) => {
        const result = toRequestBody(toRows(items));
        expect(result.ok).toBe(true);
        if (result.ok) expect([...result.body.items].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual([...items].sort((a, b) => sortKey(a).localeCompare(sortKey(b))));
      }),
    );
  });
});

describe('limits near the largest amount the API takes', () => {
  // ApprovalLimit allows maxAmount up to Number.MAX_SAFE_INTEGER. The grid's inputs hold major units as
  // numbers, so near that limit only amounts whose major value a double holds exactly come back whole
  // (…990 does; …991 would need the inputs to hold text).
  it('sends back a limit of 9007199254740990 minor units unchanged', () => {
    for (const maxAmount of [9_007_199_254_740_990, 123_456_789_012_34]) {
      const item = { role: 'manager', kind: 'order_sum_insured', currency: 'USD', maxAmount } as const;
      const result = toRequestBody(toRows([item]));
      expect(result.ok && result.body.items).toEqual([item]);
    }
  });
});

describe('rowOfItem', () => {
  it('finds the row a server error items.<index>… is about, from the body that was sent', () => {
    const usd = row('agent', 'USD', { claim_amount: 1 });
    const eur = row('agent', 'eur', { claim_amount: 1, refund_amount: 2 });
    const result = toRequestBody([usd, eur]);
    if (!result.ok) throw new Error('expected a body');
    expect(rowOfItem([usd, eur], result.body, 'items.2.maxAmount')).toBe(eur);
    expect(rowOfItem([usd, eur], result.body, 'items.0')).toBe(usd);
  });

  it('places a server error on the cell, the currency or the row it is about', () => {
    const usd = row('agent', 'USD', { claim_amount: 1, refund_amount: 2 });
    const result = toRequestBody([usd]);
    if (!result.ok) throw new Error('expected a body');
    expect(errorKeyOf([usd], result.body, 'items.1.maxAmount')).toBe(cellKey(usd.id, 'refund_amount'));
    expect(errorKeyOf([usd], result.body, 'items.0.currency')).toBe(`${usd.id}.currency`);
    expect(errorKeyOf([usd], result.body, 'items.0')).toBe(usd.id);
    expect(errorKeyOf([usd], result.body, 'revision')).toBeUndefined();
  });

  it('finds no row for another path or an index beyond the body', () => {
    const usd = row('agent', 'USD', { claim_amount: 1 });
    const body = { items: [limit('agent', 'claim_amount', 100)] };
    expect(rowOfItem([usd], body, 'items.5')).toBeUndefined();
    expect(rowOfItem([usd], body, 'revision')).toBeUndefined();
    expect(rowOfItem([], body, 'items.0')).toBeUndefined();
  });
});

import fc from 'fast-check';
import { allocatePayment, applyCredit, type OpenInvoice } from '../allocation';

const invoice = (n: number, dueDate: string, openAmount: number): OpenInvoice => ({ id: `inv-${n}`, invoiceNumber: `I-${String(n).padStart(6, '0')}`, dueDate, openAmount });

describe('allocatePayment', () => {
  it('pays the oldest due invoice first, then the next, and leaves the rest as credit', () => {
    const invoices = [invoice(3, '2027-03-01', 100_00), invoice(1, '2027-01-01', 100_00), invoice(2, '2027-02-01', 100_00)];
    expect(allocatePayment(250_00, invoices)).toEqual({
      lines: [
        { invoiceId: 'inv-1', invoiceNumber: 'I-000001', amount: 100_00 },
        { invoiceId: 'inv-2', invoiceNumber: 'I-000002', amount: 100_00 },
        { invoiceId: 'inv-3', invoiceNumber: 'I-000003', amount: 50_00 },
      ],
      credit: 0,
    });
    expect(allocatePayment(350_01, invoices).credit).toBe(50_01);
  });

  it('breaks a tie on the due date by invoice number, in number order (I-000009 before I-000010, I-999999 before I-1000000)', () => {
    const sameDay = [invoice(10, '2027-01-01', 10), invoice(9, '2027-01-01', 10)];
    expect(allocatePayment(10, sameDay).lines.map((l) => l.invoiceNumber)).toEqual(['I-000009']);
    const wide = [
      { id: 'b', invoiceNumber: 'I-1000000', dueDate: '2027-01-01', openAmount: 10 },
      { id: 'a', invoiceNumber: 'I-999999', dueDate: '2027-01-01', openAmount: 10 },
    ];
    expect(allocatePayment(10, wide).lines.map((l) => l.invoiceId)).toEqual(['a']);
  });

  it('skips invoices with nothing open and writes no line for a zero payment', () => {
    expect(allocatePayment(5_00, [invoice(1, '2027-01-01', 0), invoice(2, '2027-02-01', 3_00)])).toEqual({
      lines: [{ invoiceId: 'inv-2', invoiceNumber: 'I-000002', amount: 3_00 }],
      credit: 2_00,
    });
    expect(allocatePayment(0, [invoice(1, '2027-01-01', 3_00)])).toEqual({ lines: [], credit: 0 });
    expect(allocatePayment(7_00, [])).toEqual({ lines: [], credit: 7_00 });
  });

  it('refuses negative, fractional or unsafe amounts and an invoice listed twice', () => {
    expect(() => allocatePayment(-1, [])).toThrow(RangeError);
    expect(() => allocatePayment(1.5, [])).toThrow(RangeError);
    expect(() => allocatePayment(2 ** 53, [])).toThrow(RangeError);
    expect(() => allocatePayment(1, [invoice(1, '2027-01-01', -5)])).toThrow(RangeError);
    expect(() => allocatePayment(1, [invoice(1, '2027-01-01', 5), invoice(1, '2027-02-01', 5)])).toThrow(/twice/);
  });

  it('leaves the caller’s list as it was', () => {
    const invoices = [invoice(2, '2027-02-01', 1), invoice(1, '2027-01-01', 1)];
    const copy = structuredClone(invoices);
    allocatePayment(2, invoices);
    expect(invoices).toEqual(copy);
  });

  const invoicesArb = fc
    .uniqueArray(
      fc.record({
        n: fc.integer({ min: 1, max: 2_000_000 }),
        day: fc.integer({ min: 0, max: 60 }),
        openAmount: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500_000_00 })),
      }),
      { selector: (r) => r.n, maxLength: 25 },
    )
    .map((rows) => rows.map((r) => invoice(r.n, new Date(Date.UTC(2027, 0, 1 + r.day)).toISOString().slice(0, 10), r.openAmount)));

  it('lines + credit = the payment; no line above its invoice’s open amount; oldest first; a later invoice only once the earlier are paid (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000_00 }), invoicesArb, (amount, invoices) => {
        const { lines, credit } = allocatePayment(amount, invoices);
        expect(lines.reduce((s, l) => s + l.amount, 0) + credit).toBe(amount);
        expect(credit).toBeGreaterThanOrEqual(0);
        const byId = new Map(invoices.map((i) => [i.id, i]));
        expect(new Set(lines.map((l) => l.invoiceId)).size).toBe(lines.length);
        for (const line of lines) {
          const inv = byId.get(line.invoiceId)!;
          expect(line.amount).toBeGreaterThan(0);
          expect(line.amount).toBeLessThanOrEqual(inv.openAmount);
          expect(line.invoiceNumber).toBe(inv.invoiceNumber);
        }
        // Oldest first: (due date, number) strictly increasing along the lines.
        const key = (id: string) => {
          const inv = byId.get(id)!;
          return [inv.dueDate, Number(inv.invoiceNumber.slice(2))] as const;
        };
        for (let i = 1; i < lines.length; i++) {
          const [a, b] = [key(lines[i - 1]!.invoiceId), key(lines[i]!.invoiceId)];
          expect(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])).toBe(true);
        }
        // Every line but the last pays its invoice in full; an unpaid invoice is never older than a paid one.
        lines.slice(0, -1).forEach((l) => expect(l.amount).toBe(byId.get(l.invoiceId)!.openAmount));
        const paid = new Set(lines.map((l) => l.invoiceId));
        const last = lines.at(-1);
        for (const inv of invoices) {
          if (paid.has(inv.id) || inv.openAmount === 0) continue;
          if (last) {
            const [d, n] = key(last.invoiceId);
            expect(inv.dueDate > d || (inv.dueDate === d && Number(inv.invoiceNumber.slice(2)) > n)).toBe(true);
          }
          expect(credit).toBe(0); // money left over while an invoice is still open would be a bug
        }
      }),
    );
  });
});

describe('applyCredit', () => {
  it('applies a credit to a newly raised invoice up to its amount, the rest staying credit', () => {
    expect(applyCredit(500_00, invoice(7, '2027-05-01', 300_00))).toEqual({ lines: [{ invoiceId: 'inv-7', invoiceNumber: 'I-000007', amount: 300_00 }], credit: 200_00 });
    expect(applyCredit(100_00, invoice(7, '2027-05-01', 300_00))).toEqual({ lines: [{ invoiceId: 'inv-7', invoiceNumber: 'I-000007', amount: 100_00 }], credit: 0 });
    expect(applyCredit(0, invoice(7, '2027-05-01', 300_00))).toEqual({ lines: [], credit: 0 });
  });

  it('takes several invoices in the same order as a payment', () => {
    const result = applyCredit(150, [invoice(2, '2027-02-01', 100), invoice(1, '2027-01-01', 100)]);
    expect(result.lines.map((l) => [l.invoiceNumber, l.amount])).toEqual([
      ['I-000001', 100],
      ['I-000002', 50],
    ]);
  });
});

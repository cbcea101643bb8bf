import type { Installment, Invoice } from '@contracts/billing';
import { describe, expect, it } from 'vitest';
import { scheduleRows } from '../installment-schedule';

const inst = (policyYear: number, sequence: number, dueDate: string, invoiceId: string | null = null): Installment => ({
  id: `00000000-0000-4000-8000-${String(policyYear * 100 + sequence).padStart(12, '0')}`,
  policyYear,
  sequence,
  dueDate,
  amount: 100_00 + sequence,
  invoiceId,
});
const invoice = (id: string, status: Invoice['status'], openAmount: number): Invoice => ({
  id,
  invoiceNumber: `I-${id.slice(-6)}`,
  issueDate: '2027-01-01',
  dueDate: '2027-01-15',
  status,
  total: 100_01,
  openAmount,
  lines: [],
});

describe('the installment schedule on the Billing tab', () => {
  it('lists every installment in due order, numbered within its policy year, with its invoice once raised', () => {
    const raised = '11111111-1111-4111-8111-111111111111';
    const rows = scheduleRows(
      [inst(1, 2, '2027-02-28'), inst(2, 1, '2028-01-31'), inst(1, 1, '2027-01-31', raised), inst(1, 3, '2027-03-31')],
      [invoice(raised, 'overdue', 40_00)],
    );
    expect(rows.map((r) => [r.label, r.dueDate, r.amount])).toEqual([
      ['Year 1 · 1 of 3', '2027-01-31', 100_01],
      ['Year 1 · 2 of 3', '2027-02-28', 100_02],
      ['Year 1 · 3 of 3', '2027-03-31', 100_03],
      ['Year 2 · 1 of 1', '2028-01-31', 100_01],
    ]);
    expect(rows[0]!.invoice).toEqual({ id: raised, invoiceNumber: 'I-111111', status: 'overdue', openAmount: 40_00 });
    expect(rows.slice(1).map((r) => r.invoice)).toEqual([null, null, null]);
  });

  it('is empty without installments', () => {
    expect(scheduleRows([], [])).toEqual([]);
  });
});

import type { Installment, Invoice, InvoiceStatus } from '@contracts/billing';

/** One installment of the policy's schedule as the Billing tab lists it. */
export interface ScheduleRow {
  id: string;
  /** "Year 1 · 3 of 12". */
  label: string;
  dueDate: string;
  amount: number;
  /** Its invoice, once raised: number, status and what is still open on it. */
  invoice: { id: string; invoiceNumber: string; status: InvoiceStatus; openAmount: number } | null;
}

/** The installment schedule, in due order, each with its invoice when one has been raised. */
export function scheduleRows(installments: readonly Installment[], invoices: readonly Invoice[]): ScheduleRow[] {
  const byId = new Map(invoices.map((i) => [i.id, i]));
  const perYear = new Map<number, number>();
  for (const i of installments) perYear.set(i.policyYear, (perYear.get(i.policyYear) ?? 0) + 1);
  return [...installments]
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.policyYear - b.policyYear || a.sequence - b.sequence)
    .map((i) => {
      const invoice = i.invoiceId ? byId.get(i.invoiceId) : undefined;
      return {
        id: i.id,
        label: `Year ${i.policyYear} · ${i.sequence} of ${perYear.get(i.policyYear)}`,
        dueDate: i.dueDate,
        amount: i.amount,
        invoice: invoice ? { id: invoice.id, invoiceNumber: invoice.invoiceNumber, status: invoice.status, openAmount: invoice.openAmount } : null,
      };
    });
}

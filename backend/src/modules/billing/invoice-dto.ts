// An invoice as the API shows it: its lines (a waived late fee with who waived it, when and why) and
// its total, which counts only what is still charged (not waived lines).
import type { Invoice, InvoiceLine } from '../../contracts/billing';
import type { InvoiceLineView, OpenInvoiceRow } from './invoices.repository';

export function invoiceLineDto(l: InvoiceLineView): InvoiceLine {
  return {
    id: l.id,
    kind: l.kind,
    description: l.description,
    amount: l.amount,
    waived: l.waived_at ? { at: l.waived_at.toISOString(), by: { id: l.waived_by!, name: l.waived_by_name ?? '' }, reason: l.waiver_reason! } : null,
  };
}

/** `lines` may hold other invoices' lines: only this one's are taken. */
export function invoiceDto(i: Pick<OpenInvoiceRow, 'id' | 'invoice_number' | 'issue_date' | 'due_date' | 'status' | 'open_amount'>, lines: readonly InvoiceLineView[]): Invoice {
  const own = lines.filter((l) => l.invoice_id === i.id);
  return {
    id: i.id,
    invoiceNumber: i.invoice_number,
    issueDate: i.issue_date,
    dueDate: i.due_date,
    status: i.status,
    total: own.filter((l) => !l.waived_at).reduce((s, l) => s + l.amount, 0),
    openAmount: i.open_amount,
    lines: own.map(invoiceLineDto),
  };
}

// Allocation: how money on hand (a succeeded payment, or a customer's credit) pays open invoices.
// Oldest due date first, ties by invoice number; never more than an invoice's open amount; what is
// left over is credit. All amounts are integer minor units of one currency — the caller passes only
// the invoices in the payment's currency, with open amounts computed from the ledger.

export interface OpenInvoice {
  id: string;
  /** I-000123: the tie-break between invoices due the same day. */
  invoiceNumber: string;
  dueDate: string;
  /** Minor units still unpaid (charges minus payments), from the ledger. */
  openAmount: number;
}

export interface AllocationLine {
  invoiceId: string;
  invoiceNumber: string;
  /** Minor units applied to this invoice: one posting pair each. */
  amount: number;
}

export interface Allocation {
  lines: AllocationLine[];
  /** Minor units left over: becomes (or stays) the customer's unapplied credit. */
  credit: number;
}

function assertMinor(value: number, what: string) {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be whole, non-negative minor units: ${value}`);
}

/** Number order for I-000009 < I-000010 < I-1000000 (longer numbers are larger), text order otherwise. */
function compareInvoiceNumbers(a: string, b: string): number {
  const da = /\d+$/.exec(a)?.[0];
  const db = /\d+$/.exec(b)?.[0];
  if (da && db && a.slice(0, -da.length) === b.slice(0, -db.length)) {
    const [na, nb] = [da.replace(/^0+/, ''), db.replace(/^0+/, '')];
    if (na.length !== nb.length) return na.length - nb.length;
    if (na !== nb) return na < nb ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function payingOrder(a: OpenInvoice, b: OpenInvoice): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  return compareInvoiceNumbers(a.invoiceNumber, b.invoiceNumber);
}

/** Pays `openInvoices` oldest due first with `amount`; invoices with nothing open get no line. */
export function allocatePayment(amount: number, openInvoices: readonly OpenInvoice[]): Allocation {
  assertMinor(amount, 'The amount');
  const seen = new Set<string>();
  for (const invoice of openInvoices) {
    assertMinor(invoice.openAmount, `Invoice ${invoice.invoiceNumber}'s open amount`);
    if (seen.has(invoice.id)) throw new RangeError(`Invoice ${invoice.invoiceNumber} is listed twice`);
    seen.add(invoice.id);
  }
  const lines: AllocationLine[] = [];
  let left = amount;
  for (const invoice of [...openInvoices].sort(payingOrder)) {
    if (left === 0) break;
    const applied = Math.min(left, invoice.openAmount);
    if (applied === 0) continue;
    lines.push({ invoiceId: invoice.id, invoiceNumber: invoice.invoiceNumber, amount: applied });
    left -= applied;
  }
  return { lines, credit: left };
}

/**
 * A customer's credit applied to a newly raised invoice (or several): the same rule as a payment,
 * `credit` being what remains unapplied.
 */
export function applyCredit(credit: number, invoices: OpenInvoice | readonly OpenInvoice[]): Allocation {
  return allocatePayment(credit, Array.isArray(invoices) ? invoices : [invoices as OpenInvoice]);
}

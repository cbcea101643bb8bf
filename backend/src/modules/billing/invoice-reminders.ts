// The reminder before an invoice falls due: the daily `billing.remind-invoices` run queues one message
// per unpaid invoice due within INVOICE_REMINDER_DAYS days, once (the invoice remembers it, and the
// outbox's idempotency key holds too), each batch in one transaction with its messages. A run missed
// for a few days catches up on invoices not yet due; an invoice already due is for the dunning steps.
import type { Db } from '../../db';
import { addDays } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import { INVOICE_REMINDER_DAYS, type BillingMessages } from './billing-messages';
import * as repo from './invoices.repository';

const BATCH = 200;

export class InvoiceReminders {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly messages: BillingMessages,
  ) {}

  async remindDue(date: string = this.clock.businessDate()): Promise<{ reminded: number; withoutAddress: number }> {
    let reminded = 0;
    let withoutAddress = 0;
    for (;;) {
      const n = await this.db.transaction(async (trx) => {
        const invoices = await repo.claimInvoicesToRemind(trx, date, addDays(date, INVOICE_REMINDER_DAYS), BATCH, this.clock.now());
        for (const invoice of invoices) {
          if (invoice.open_amount <= 0) continue;
          const queued = await this.messages.invoiceReminder(trx, invoice);
          if (queued.queued) reminded++;
          else withoutAddress++;
        }
        return invoices.length;
      });
      if (n < BATCH) break;
    }
    return { reminded, withoutAddress };
  }
}

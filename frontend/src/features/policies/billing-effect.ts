import type { PolicyTransaction } from '@contracts/policies';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';

/** What issuing did to billing, in the console's words. */
export function billingText(tx: PolicyTransaction, currency: string): string {
  const effect = tx.billingEffect;
  if (!effect) return tx.status === 'quoted' ? 'When issued' : '—';
  if (effect.kind === 'invoice' && effect.invoice)
    return `Invoice ${effect.invoice.invoiceNumber}, ${formatMoney(effect.amount, currency)} due ${formatDate(effect.invoice.dueDate)}`;
  if (effect.kind === 'credit') return `${formatMoney(effect.amount, currency)} to the customer's credit`;
  return 'No premium change';
}

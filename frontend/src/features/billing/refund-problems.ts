// Why the server refused a refund or a write-off, in plain words.
import { ApiError, describeError } from '@/lib/api-error';
import { formatMoney } from '@/lib/money';

export interface RefundProblem {
  title: string;
  detail: string;
}

const money = (value: unknown, currency: string) => (typeof value === 'number' ? formatMoney(value, currency) : null);

export function refundProblem(error: unknown, currency: string): RefundProblem {
  const base = describeError(error);
  if (!(error instanceof ApiError)) return base;
  const ext = error.extensions;
  switch (error.code) {
    case 'FOUR_EYES':
      return { title: 'Someone else must approve this refund', detail: 'You requested it yourself. Under the four-eyes rule another person has to approve it.' };
    case 'APPROVAL_LIMIT_EXCEEDED': {
      const limit = typeof ext.limit === 'number' && ext.limit > 0 ? money(ext.limit, currency) : null;
      return {
        title: 'Above your limit',
        detail: limit
          ? `${money(ext.amount, currency) ?? 'This amount'} is more than you may approve (${limit}). Ask a colleague with a higher limit, such as a manager.`
          : base.detail,
      };
    }
    case 'REFUND_EXCEEDS_PAYMENT':
      return { title: 'More than can be refunded', detail: `At most ${money(ext.refundable, currency) ?? 'what is left'} of this payment can still be refunded.` };
    case 'REFUND_EXCEEDS_CREDIT':
      return { title: 'More than the customer’s credit', detail: `At most ${money(ext.available, currency) ?? 'the available credit'} can be refunded.` };
    case 'WRITE_OFF_EXCEEDS_OPEN':
      return { title: 'More than is open', detail: `Only ${money(ext.openAmount, currency) ?? 'the open amount'} is open on this invoice.` };
    default:
      return base;
  }
}

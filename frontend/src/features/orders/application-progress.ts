// What stands between a draft and its submission, read from the saved order the way the server
// checks it (ORDER_INCOMPLETE, DOCUMENTS_MISSING), so the agent sees the next step before trying.
import type { Order } from '@contracts/orders';
import type { DeclarationQuestion } from '@contracts/products';
import { paymentMethodText } from './order-labels';

export interface ProgressStep {
  key: 'beneficiaries' | 'declarations' | 'payment' | 'documents';
  label: string;
  done: boolean;
  /** What is there, or what is still needed. */
  detail: string;
}

export function applicationProgress(order: Order, questions: DeclarationQuestion[] | undefined): ProgressStep[] {
  const primary = order.beneficiaries.filter((b) => b.tier === 'primary').length;
  const contingent = order.beneficiaries.filter((b) => b.tier === 'contingent').length;
  const needsBeneficiary = order.product.category === 'life';
  const answered = (questions ?? []).filter((q) => {
    const a = order.declarations[q.code];
    return a !== undefined && !(q.detailsOnYes && a.answer === true && !a.details);
  }).length;
  const total = questions?.length ?? 0;
  const documentsDone = order.documents.filter((d) => d.status === 'uploaded' || d.status === 'verified' || d.status === 'waived').length;
  const rejected = order.documents.filter((d) => d.status === 'rejected').length;
  return [
    {
      key: 'beneficiaries',
      label: 'Beneficiaries',
      done: !needsBeneficiary || primary > 0,
      detail:
        primary > 0
          ? `${primary} primary${contingent ? `, ${contingent} contingent` : ''}`
          : needsBeneficiary
            ? 'Name at least one primary beneficiary'
            : 'None (optional for this product)',
    },
    {
      key: 'declarations',
      label: 'Declarations',
      done: questions !== undefined && answered === total,
      detail: questions === undefined ? 'Loading the questions…' : total === 0 ? 'No questions for this product' : `${answered} of ${total} answered`,
    },
    {
      key: 'payment',
      label: 'Payment method',
      done: order.paymentMethod !== null,
      detail: order.paymentMethod ? paymentMethodText(order.paymentMethod) : 'Add how the premium will be paid',
    },
    {
      key: 'documents',
      label: 'Documents',
      done: documentsDone === order.documents.length,
      detail: order.documents.length === 0 ? 'None needed' : `${documentsDone} of ${order.documents.length} uploaded${rejected ? ` · ${rejected} rejected: upload again` : ''}`,
    },
  ];
}

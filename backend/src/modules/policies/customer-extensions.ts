// What policies add to customers: the 360° policies section, lifetime value, and the merge move.
import type { ModuleContext } from '../../platform/module';
import { scoped } from '../../platform/scope';
import type { CustomerExtensionSet } from '../customers/customer-extensions';
import { remainingInstallments } from './policy-issuer';

export function policiesCustomerExtensions({ config, clock }: ModuleContext<never>): CustomerExtensionSet {
  return {
    // The customer's 360° view lists their policies; policies follow a customer merge.
    overviewSections: [
      {
        kind: 'policies',
        title: 'Policies',
        load: async (db, actor, customerId) => {
          const base = scoped(db('policies as pol'), actor, 'pol.branch_id').where('pol.customer_id', customerId);
          const [{ count }] = await base.clone().count<{ count: string }[]>('* as count');
          const items = await base
            .clone()
            .join('products as p', 'p.id', 'pol.product_id')
            .orderBy('pol.created_at', 'desc')
            .limit(5)
            .select('pol.id', 'pol.policy_number as policyNumber', 'pol.status', 'p.name as productName', 'pol.annual_premium as annualPremium', 'pol.currency', 'pol.start_date as startDate', 'pol.end_date as endDate');
          return { count: Number(count), items: items.map((i) => ({ ...i, annualPremium: Number(i.annualPremium) })) };
        },
      },
    ],
    // Lifetime value: the premiums active policies will still bring (in the base currency; billing
    // will add what has been paid).
    lifetimeValue: [
      {
        name: 'policies',
        load: async (db, customerId) => {
          const today = clock.businessDate();
          const active = await db('policies').where({ customer_id: customerId, status: 'active', currency: config.baseCurrency }).select('start_date', 'end_date', 'installment_count', 'installment_amount');
          const expectedFuturePremiums = active.reduce((sum, p) => sum + remainingInstallments(p.start_date, p.end_date, p.installment_count, today) * Number(p.installment_amount), 0);
          return { expectedFuturePremiums };
        },
      },
    ],
    mergeHandlers: [
      {
        name: 'policies',
        move: async (trx, { sourceId, targetId }) => void (await trx('policies').where({ customer_id: sourceId }).update({ customer_id: targetId })),
      },
    ],
  };
}

// What orders add to customers: the 360° applications section and the merge move.
import { scoped } from '../../platform/scope';
import type { CustomerExtensionSet } from '../customers/customer-extensions';

export function ordersCustomerExtensions(): CustomerExtensionSet {
  return {
    // The customer's 360° view lists their applications; applications follow a customer merge.
    overviewSections: [
      {
        kind: 'applications',
        title: 'Applications',
        load: async (db, actor, customerId) => {
          const base = scoped(db('orders as o'), actor, 'o.branch_id').where('o.customer_id', customerId);
          const [{ count }] = await base.clone().count<{ count: string }[]>('* as count');
          const items = await base.clone().join('products as p', 'p.id', 'o.product_id').orderBy('o.created_at', 'desc').limit(5).select('o.id', 'o.order_number as orderNumber', 'o.status', 'p.name as productName', db.raw('COALESCE(o.approved_annual_premium, o.annual_premium) AS "annualPremium"'), 'o.currency', 'o.created_at as createdAt');
          return { count: Number(count), items: items.map((i) => ({ ...i, annualPremium: Number(i.annualPremium) })) };
        },
      },
    ],
    mergeHandlers: [
      {
        name: 'orders',
        move: async (trx, { sourceId, targetId }) => void (await trx('orders').where({ customer_id: sourceId }).update({ customer_id: targetId })),
      },
    ],
  };
}

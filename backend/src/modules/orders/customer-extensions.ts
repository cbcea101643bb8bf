// What orders add to customers: the 360° applications section, the applications' status changes on
// the customer timeline and the merge move (the SQL is the
// orders repository's, behind OrdersService).
import type { CustomerExtensionSet } from '../customers/customer-extensions';
import type { OrdersService } from './orders.service';

export function ordersCustomerExtensions({ orders }: { orders: OrdersService }): CustomerExtensionSet {
  return {
    // The customer's 360° view lists their applications; applications follow a customer merge.
    overviewSections: [{ kind: 'applications', title: 'Applications', load: (db, actor, customerId) => orders.overviewSection(db, actor, customerId) }],
    timeline: [{ kind: 'order', load: (db, actor, customerId, window) => orders.statusChanges(db, actor, customerId, window) }],
    mergeHandlers: [{ name: 'orders', move: (trx, { sourceId, targetId }) => orders.moveCustomer(trx, sourceId, targetId) }],
  };
}

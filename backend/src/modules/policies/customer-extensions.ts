// What policies add to customers: the 360° policies section, lifetime value, and the merge move
// (the SQL is the policies repository's, behind PoliciesService).
import type { CustomerExtensionSet } from '../customers/customer-extensions';
import type { PoliciesService } from './policies.service';

export function policiesCustomerExtensions(policies: PoliciesService): CustomerExtensionSet {
  return {
    // The customer's 360° view lists their policies; policies follow a customer merge.
    overviewSections: [{ kind: 'policies', title: 'Policies', load: (db, actor, customerId) => policies.overviewSection(db, actor, customerId) }],
    // Lifetime value: the premiums active policies will still bring (in the base currency; billing
    // will add what has been paid).
    lifetimeValue: [{ name: 'policies', load: (db, customerId) => policies.lifetimeValue(db, customerId) }],
    mergeHandlers: [{ name: 'policies', move: (trx, { sourceId, targetId }) => policies.moveCustomer(trx, sourceId, targetId) }],
  };
}

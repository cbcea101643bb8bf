// What policies add to customers: the 360° policies section, lifetime value, the policies' status
// changes on the customer timeline, and the merge move
// (the SQL is the policies repository's, behind PoliciesService).
import type { CustomerExtensionSet } from '../customers/customer-extensions';
import { inForceOfCustomer } from './policies.repository';
import type { PoliciesService } from './policies.service';
import type { PolicyStandingService } from './policy-standing.service';

export function policiesCustomerExtensions(policies: PoliciesService, standing: PolicyStandingService): CustomerExtensionSet {
  return {
    // The customer's 360° view lists their policies; policies follow a customer merge.
    overviewSections: [
      { kind: 'policies', title: 'Policies', load: (db, actor, customerId) => policies.overviewSection(db, actor, customerId) },
      // Grace started, lapse warnings, lapses and reinstatements: a line each on the 360° view.
      { key: 'policyNotices', title: 'Policy notices', load: (db, _actor, customerId) => standing.overviewSection(db, customerId) },
    ],
    // The screen pop's caller card: the policies in force (or in grace), newest first.
    callerCard: [
      {
        key: 'policies',
        title: 'Policies',
        order: 20,
        load: async (db, customerId) => {
          const { count, rows } = await inForceOfCustomer(db, customerId, 5);
          return {
            count,
            items: rows.map((p) => ({ id: p.id, label: p.policy_number, detail: `${p.product_name} · ${p.status} · until ${p.end_date}`, href: `/policies/${p.id}` })),
          };
        },
      },
    ],
    // Lifetime value: the premiums active policies will still bring (in the base currency; billing
    // will add what has been paid).
    lifetimeValue: [{ name: 'policies', load: (db, customerId) => policies.lifetimeValue(db, customerId) }],
    timeline: [{ kind: 'policy', load: (db, actor, customerId, window) => policies.statusChanges(db, actor, customerId, window) }],
    mergeHandlers: [
      { name: 'policies', move: (trx, { sourceId, targetId }) => policies.moveCustomer(trx, sourceId, targetId) },
      { name: 'policy-notices', move: (trx, { sourceId, targetId }) => standing.moveCustomer(trx, sourceId, targetId) },
    ],
  };
}

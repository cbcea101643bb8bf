// What claims add to customers, through the customers module's registries (never its tables): the
// 360° claims section, claims paid in the lifetime value, the claims history as risk factors, the
// claims' status changes on the customer timeline, and the move of claims when two customers are merged.
import type { Actor } from '../../platform/actor';
import { addMonthsClamped } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import { formatMoney } from '../../platform/money';
import type { DbOrTrx } from '../../db';
import type { CustomerExtensionSet } from '../customers/customer-extensions';
import type { RiskFactor } from '../customers/risk-score';
import * as repo from './claims.repository';

/** Claims in the last 36 months: 1 → 5 points, 2 → 10, 3 or more → 20. */
export const claimsCountPoints = (count: number): number => (count <= 0 ? 0 : count === 1 ? 5 : count === 2 ? 10 : 20);
/** Paid on them (base currency): from 10,000.00 → 5 points, from 50,000.00 → 10, from 100,000.00 → 15. */
export const claimsAmountPoints = (paid: number): number => (paid >= 100_000_00 ? 15 : paid >= 50_000_00 ? 10 : paid >= 10_000_00 ? 5 : 0);
export const CLAIMS_HISTORY_MONTHS = 36;

export function claimsCustomerExtensions(clock: Clock, baseCurrency: string): CustomerExtensionSet {
  return {
    overviewSections: [{ key: 'claims', title: 'Claims', load: (db, actor, customerId) => overviewSection(db, actor, customerId) }],
    // The screen pop's caller card: the open claims, newest first.
    callerCard: [
      {
        key: 'openClaims',
        title: 'Open claims',
        order: 40,
        load: async (db, customerId) => {
          const { count, rows } = await repo.openClaimsOfCustomer(db, customerId, 5);
          return {
            count,
            items: rows.map((c) => ({
              id: c.id,
              label: c.claim_number,
              detail: `${c.loss_type.replace(/_/g, ' ')} on ${c.loss_date} · ${c.status.replace(/_/g, ' ')}`,
              href: `/claims/${c.id}`,
            })),
          };
        },
      },
    ],
    lifetimeValue: [{ name: 'claims', load: async (db, customerId) => ({ claimsPaid: await repo.claimsPaidTo(db, customerId, baseCurrency) }) }],
    riskFactors: [{ name: 'claims', load: (db, customerId) => riskFactors(db, customerId, addMonthsClamped(clock.businessDate(), -CLAIMS_HISTORY_MONTHS), baseCurrency) }],
    timeline: [
      {
        kind: 'claim',
        load: async (db, actor, customerId, window) => (actor.permissions.has('claims:read') ? repo.statusChangesOfCustomer(db, actor, customerId, window) : []),
      },
    ],
    mergeHandlers: [{ name: 'claims', move: (trx, { sourceId, targetId }) => repo.moveClaims(trx, sourceId, targetId, clock.now()) }],
  };
}

async function overviewSection(db: DbOrTrx, actor: Actor, customerId: string) {
  const { count, items } = await repo.newestClaimsOfCustomer(db, actor, customerId, 5);
  return {
    count,
    items: items.map((c) => ({
      id: c.id,
      claimNumber: c.claim_number,
      policyId: c.policy_id,
      status: c.status,
      lossDate: c.loss_date,
      lossType: c.loss_type,
      claimedAmount: c.claimed_amount === null ? null : Number(c.claimed_amount),
      paidAmount: Number(c.paid_amount),
      currency: c.currency.trim(),
    })),
  };
}

async function riskFactors(db: DbOrTrx, customerId: string, since: string, currency: string): Promise<RiskFactor[]> {
  const { count, paid } = await repo.claimsSince(db, customerId, since, currency);
  return [
    { code: 'claims_count', label: `Claims in the last ${CLAIMS_HISTORY_MONTHS} months`, value: String(count), points: claimsCountPoints(count) },
    { code: 'claims_amount', label: `Paid on claims in the last ${CLAIMS_HISTORY_MONTHS} months`, value: formatMoney(paid, currency), points: claimsAmountPoints(paid) },
  ];
}

// What other modules (claims) may know about a policy on a date, without reading the policies
// tables themselves: who holds it, where it is filed, whether it was in force that day and the
// terms in force then (coverages, exclusions). `services.policyFacts`.
import type { Policy, PolicyStatus } from '../../contracts/policies';
import type { DbOrTrx } from '../../db';
import * as repo from './policies.repository';
import { versionInForce } from './policy-transactions.repository';

export interface PolicyOnDate {
  id: string;
  policyNumber: string;
  status: PolicyStatus;
  customer: { id: string; customerNumber: string; name: string };
  branchId: string;
  productVersionId: string;
  productName: string;
  productCategory: string;
  currency: string;
  startDate: string;
  endDate: string;
  /** The first day no longer covered when the policy ended before its end date (a cancellation's effective date), else null. */
  endedOn: string | null;
  /** Whether the policy covered `date`: on or after the start, on or before the end, and before it ended. */
  inForce: boolean;
  /** The terms in force on `date` (null before the start: nothing was). */
  terms: { version: number; effectiveFrom: string; coverages: Policy['coverages']; exclusions: string[] } | null;
}

export class PolicyFacts {
  /** The policy as it stood on `date` (YYYY-MM-DD); undefined when there is no such policy. Branch scope is the caller's check. */
  async onDate(db: DbOrTrx, policyId: string, date: string): Promise<PolicyOnDate | undefined> {
    const r = await repo.findPolicy(db, policyId);
    if (!r) return undefined;
    const [endedOn, terms] = await Promise.all([repo.endedOn(db, r.id, r.status), date >= r.start_date ? versionInForce(db, r.id, date) : undefined]);
    return {
      id: r.id,
      policyNumber: r.policy_number,
      status: r.status,
      customer: { id: r.customer_id, customerNumber: r.customer_number, name: `${r.first_name} ${r.last_name}` },
      branchId: r.branch_id,
      productVersionId: r.product_version_id,
      productName: r.product_name,
      productCategory: r.product_category,
      currency: r.currency.trim(),
      startDate: r.start_date,
      endDate: r.end_date,
      endedOn,
      inForce: date >= r.start_date && date <= r.end_date && (endedOn === null || date < endedOn),
      terms: terms ? { version: terms.version_number, effectiveFrom: terms.effective_from, coverages: terms.coverages, exclusions: terms.exclusions } : null,
    };
  }
}

// What other modules (claims) may know about a policy on a date, without reading the policies
// tables themselves: who holds it, where it is filed, whether it was in force that day and the
// terms in force then (coverages, exclusions). `services.policyFacts`.
import type { Policy, PolicyStatus } from '../../contracts/policies';
import type { DbOrTrx } from '../../db';
import * as repo from './policies.repository';
import { lapsesOf } from './policy-standing.repository';
import { versionsOf } from './policy-transactions.repository';
import { latestScheduleOf } from './policy-schedules.repository';

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
  /** Whether the policy covered `date`: on or after the start, on or before the end, before it ended, and not in a lapse (a gap in cover). */
  inForce: boolean;
  /** Whether a premium was overdue on `date` within its grace period (still covered). */
  inGrace: boolean;
  /** The lapse `date` falls in (no cover), if any: from its date until its reinstatement (null: not reinstated). */
  lapse: { lapsedOn: string; reinstatedOn: string | null } | null;
  /** The terms in force on `date` (null before the start: nothing was). */
  terms: { version: number; effectiveFrom: string; coverages: Policy['coverages']; exclusions: string[]; beneficiaries: Policy['beneficiaries'] } | null;
}

/** A policy as its holder sees it in the portal (no agent, no internal fields). */
export interface HolderPolicy {
  id: string;
  policyNumber: string;
  status: PolicyStatus;
  productName: string;
  startDate: string;
  endDate: string;
  currency: string;
  sumInsured: number;
  annualPremium: number;
  paymentFrequency: string;
  installmentAmount: number;
  branchId: string;
}

export class PolicyFacts {
  /** The customer's policies, newest first (the portal's list: a customer reads only their own). */
  async ofHolder(db: DbOrTrx, customerId: string): Promise<HolderPolicy[]> {
    const rows = await repo.policiesOfHolder(db, customerId);
    return rows.map((r) => ({
      id: r.id,
      policyNumber: r.policy_number,
      status: r.status,
      productName: r.product_name,
      startDate: r.start_date,
      endDate: r.end_date,
      currency: r.currency.trim(),
      sumInsured: Number(r.sum_insured),
      annualPremium: Number(r.annual_premium),
      paymentFrequency: r.payment_frequency,
      installmentAmount: Number(r.installment_amount),
      branchId: r.branch_id,
    }));
  }

  /**
   * The holder of the policy numbered `policyNumber` (as printed, any case) when their date of birth
   * is `dateOfBirth`; undefined otherwise — the caller answers both alike (portal registration).
   */
  async holderByNumberAndBirthDate(db: DbOrTrx, policyNumber: string, dateOfBirth: string): Promise<{ customerId: string; branchId: string } | undefined> {
    const row = await repo.holderByNumberAndBirthDate(db, policyNumber.trim().toUpperCase(), dateOfBirth);
    return row ? { customerId: row.customer_id, branchId: row.branch_id } : undefined;
  }

  /** The newest version of the policy's schedule (its document), if one was made. */
  async latestSchedule(db: DbOrTrx, policyId: string): Promise<{ version: number; effectiveDate: string; documentId: string } | undefined> {
    const row = await latestScheduleOf(db, policyId);
    return row ? { version: row.version, effectiveDate: row.effective_date, documentId: row.document_id } : undefined;
  }

  /** The policy as it stood on `date` (YYYY-MM-DD); undefined when there is no such policy. Branch scope is the caller's check. */
  async onDate(db: DbOrTrx, policyId: string, date: string): Promise<PolicyOnDate | undefined> {
    const r = await repo.findPolicyOnDate(db, policyId, date);
    if (!r) return undefined;
    const endedOn = await repo.endedOn(db, r.id, r.status);
    const terms = date >= r.start_date ? r.terms_in_force : null;
    const { lapses } = r;
    // A lapse is a gap in cover from its date until its reinstatement (open: until now).
    const gap = lapses.find((l) => date >= l.lapsed_on && (l.reinstated_on === null || date < l.reinstated_on));
    const inGrace = (r.status === 'grace' && r.grace_since !== null && date > r.grace_since) || lapses.some((l) => date > l.grace_since && date < l.lapsed_on);
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
      inForce: date >= r.start_date && date <= r.end_date && (endedOn === null || date < endedOn) && !gap,
      inGrace,
      lapse: gap ? { lapsedOn: gap.lapsed_on, reinstatedOn: gap.reinstated_on } : null,
      terms: terms
        ? { version: terms.version_number, effectiveFrom: terms.effective_from, coverages: terms.coverages, exclusions: terms.exclusions, beneficiaries: terms.beneficiaries }
        : null,
    };
  }

  /**
   * What (re)started or widened the policy's cover up to `date`: its reinstatements and the versions
   * of its terms that raised a coverage's sum insured (for the claims' fraud rules).
   */
  async coverChangesUpTo(
    db: DbOrTrx,
    policyId: string,
    date: string,
  ): Promise<{ reinstatedOn: string[]; sumInsuredIncreases: { effectiveFrom: string; coverage: string; from: number; to: number }[] }> {
    const [lapses, versions] = await Promise.all([lapsesOf(db, policyId), versionsOf(db, policyId)]);
    const reinstatedOn = lapses.flatMap((l) => (l.reinstated_on !== null && l.reinstated_on <= date ? [l.reinstated_on] : []));
    const ordered = [...versions].filter((v) => v.effective_from <= date).sort((a, b) => a.version_number - b.version_number);
    const sumInsuredIncreases = ordered.slice(1).flatMap((v, i) => {
      const before = new Map(ordered[i]!.coverages.map((c) => [c.code, c.sumInsured]));
      return v.coverages.flatMap((c) => {
        const from = before.get(c.code) ?? 0;
        return c.sumInsured > from ? [{ effectiveFrom: v.effective_from, coverage: c.code, from, to: c.sumInsured }] : [];
      });
    });
    return { reinstatedOn, sumInsuredIncreases };
  }

  /**
   * Active policies with an anniversary on `date` (same month and day, a later year): for the service
   * desk's NPS relationship survey. At most `limit`, by id after `afterId` (batches).
   */
  async anniversariesOn(
    db: DbOrTrx,
    date: string,
    limit = 1000,
    afterId?: string,
  ): Promise<{ id: string; policyNumber: string; customerId: string; branchId: string; agentId: string }[]> {
    const rows = await repo.activeWithAnniversary(db, date, limit, afterId);
    return rows.map((r) => ({ id: r.id, policyNumber: r.policy_number, customerId: r.customer_id, branchId: r.branch_id, agentId: r.agent_id }));
  }

  /**
   * Which of these customers holds a policy whose number, read as digits (P-000123 → 123), is
   * `digits` — a caller keying their policy number on the phone. Undefined when none does.
   */
  async holderByNumberDigits(db: DbOrTrx, customerIds: readonly string[], digits: string): Promise<{ customerId: string; policyId: string; policyNumber: string } | undefined> {
    if (!/^[0-9]{1,18}$/.test(digits) || customerIds.length === 0) return undefined;
    const row = await repo.byCustomersAndNumberDigits(db, customerIds, digits);
    return row ? { customerId: row.customer_id, policyId: row.id, policyNumber: row.policy_number } : undefined;
  }
}

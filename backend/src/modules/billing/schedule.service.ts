// Installments: the first policy year's schedule is written at issuance (in its transaction); a
// daily job adds each next policy year when it begins and back-fills policies issued before billing
// existed. Idempotent: (policy, year, sequence) is unique and inserts ignore what exists.
import type { Db, DbOrTrx } from '../../db';
import type { Clock } from '../../platform/clock';
import type { PaymentFrequency } from '../../contracts/products';
import { installmentSchedule, policyYearStart } from './installment-schedule';
import type { BillingPolicyRow } from './ledger.repository';
import * as repo from './invoices.repository';

type SchedulablePolicy = Pick<
  BillingPolicyRow,
  'policy_id' | 'currency' | 'payment_frequency' | 'installment_count' | 'installment_amount' | 'first_installment_amount' | 'start_date' | 'end_date'
>;

/** The policy year in force on `date` (1 before the start), never a year that starts on or after the end date. */
export function policyYearOn(policy: Pick<BillingPolicyRow, 'start_date' | 'end_date'>, date: string): number {
  let year = 1;
  while (policyYearStart(policy.start_date, year + 1) <= date && policyYearStart(policy.start_date, year + 1) < policy.end_date) year++;
  return year;
}

/**
 * One policy year's installments as rows: only those due before the end date (and the very first,
 * due on the start date: a one-day trip starts and ends the same day), and only amounts above zero.
 * A trip's single premium is one installment due on the departure date.
 */
export function installmentRows(policy: SchedulablePolicy, policyYear: number, now: Date) {
  return installmentSchedule({
    startDate: policy.start_date,
    policyYear,
    frequency: policy.payment_frequency as PaymentFrequency,
    count: policy.installment_count,
    amount: Number(policy.installment_amount),
    firstAmount: Number(policy.first_installment_amount),
  })
    .filter((i) => (i.dueDate < policy.end_date || i.dueDate === policy.start_date) && i.amount > 0)
    .map((i) => ({
      policy_id: policy.policy_id,
      policy_year: policyYear,
      sequence: i.sequence,
      due_date: i.dueDate,
      amount: i.amount,
      currency: policy.currency,
      created_at: now,
    }));
}

/** Writes policy years 1…throughYear that are missing; returns how many installments it added. */
export async function ensureSchedule(trx: DbOrTrx, policy: SchedulablePolicy, fromYear: number, throughYear: number, now: Date): Promise<number> {
  let added = 0;
  for (let year = Math.max(1, fromYear); year <= throughYear; year++) added += await repo.insertInstallments(trx, installmentRows(policy, year, now));
  return added;
}

const BATCH = 500;

export class ScheduleService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * The daily job: every policy whose year in force (on the business date) has no installments yet
   * gets them, with any years missed in between (downtime, policies issued before billing). Safe to
   * run twice or concurrently: inserts of existing installments are ignored.
   */
  async scheduleDue(date: string = this.clock.businessDate()): Promise<{ policies: number; installments: number }> {
    let after: string | null = null;
    let policies = 0;
    let installments = 0;
    for (;;) {
      const batch = await repo.policiesToSchedule(this.db, date, after, BATCH);
      if (!batch.length) break;
      after = batch[batch.length - 1]!.policy_id;
      const scheduled = await repo.scheduledYears(
        this.db,
        batch.map((p) => p.policy_id),
      );
      for (const policy of batch) {
        const have = scheduled.get(policy.policy_id) ?? 0;
        const need = policyYearOn(policy, date);
        if (need <= have) continue;
        const added = await this.db.transaction((trx) => ensureSchedule(trx, policy, have + 1, need, this.clock.now()));
        policies++;
        installments += added;
      }
    }
    return { policies, installments };
  }
}

// The daily earning job (`finance.earn-premium`): moves each day's earned premium from the unearned
// premium reserve to premium income (POSTING_SCHEME.premiumEarned), one entry per day, branch,
// product version and currency (`earning:<day>:<branch>:<product version>:<currency>`, source
// `earning`, the entry's branch the policies').
//
// A day's entry posts what its writings have earned by the end of the day (earning.ts) less what the
// earning entries have already moved, so a writing that covers days already earned (a backdated
// endorsement) is caught up on the next day, and premium returned that was already earned moves
// back. Each day is one transaction under an advisory lock and is recorded in
// `premium_earning_days`: run twice, or by two workers at once, a day posts once. After downtime the
// job catches up day by day from the day after the last one earned; a day in a closed month is
// dated by the ledger on the first open day.
import { withTransaction, type Db, type Trx } from '../../db';
import { addDays } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import type { BillingHooks } from '../billing/billing-policies';
import { POSTING_SCHEME, type AccountRef } from '../billing/chart-of-accounts';
import type { LedgerService } from '../billing/ledger.service';
import { earnedBy } from './earning';
import * as repo from './earning.repository';

const key = (r: { branch_id: string; product_version_id: string; currency: string }) => `${r.branch_id}|${r.product_version_id}|${r.currency}`;

export class EarningService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly billing: BillingHooks,
  ) {}

  /** The last day earned (null before the first run). */
  earnedThrough(db: Db | Trx = this.db): Promise<string | null> {
    return repo.lastEarnedDay(db);
  }

  /** Earns every day from the day after the last one earned (or the first day any premium covers) through `through` (today). */
  async earnDue(through: string = this.clock.businessDate()): Promise<{ days: number; entries: number }> {
    const last = await repo.lastEarnedDay(this.db);
    if (last !== null && last >= through) return { days: 0, entries: 0 };
    const first = last !== null ? addDays(last, 1) : ((await this.billing.firstCoveredDay(this.db)) ?? through);
    let days = 0;
    let entries = 0;
    for (let day = first < through ? first : through; day <= through; day = addDays(day, 1)) {
      const posted = await this.earnDay(day);
      if (posted !== null) {
        days++;
        entries += posted;
      }
    }
    return { days, entries };
  }

  /** Earns one day, once: returns the entries posted, or null when the day had been earned already. */
  async earnDay(day: string): Promise<number | null> {
    return withTransaction(this.db, async (trx) => {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', ['finance:earn-premium']);
      if (await repo.isEarned(trx, day)) return null;
      const target = new Map<string, number>();
      const add = (k: string, amount: number) => target.set(k, (target.get(k) ?? 0) + amount);
      const writings = await this.billing.writingsOnDay(trx, day);
      for (const w of writings.earnedInFull) add(key(w), w.amount);
      for (const w of writings.inProgress) add(key(w), earnedBy({ amount: w.amount, from: w.covered_from, to: w.covered_to }, day));
      const done = new Map((await this.billing.earnedSoFar(trx)).map((r) => [key(r), r.amount]));
      let entries = 0;
      for (const k of [...new Set([...target.keys(), ...done.keys()])].sort()) {
        const delta = (target.get(k) ?? 0) - (done.get(k) ?? 0);
        if (delta === 0) continue;
        const [branchId, productVersionId, currency] = k.split('|') as [string, string, string];
        const amount = Math.abs(delta);
        const { debit, credit } = POSTING_SCHEME.premiumEarned;
        await this.ledger.post(trx, {
          externalId: `earning:${day}:${branchId}:${productVersionId}:${currency}`,
          effectiveDate: day,
          sourceType: 'earning',
          sourceId: productVersionId,
          branchId,
          description: delta > 0 ? `Premium earned on ${day}` : `Premium returned and already earned, on ${day}`,
          createdBy: null,
          postings: [
            { account: { kind: delta > 0 ? debit : credit, currency } as AccountRef, direction: 'debit', amount },
            { account: { kind: delta > 0 ? credit : debit, currency } as AccountRef, direction: 'credit', amount },
          ],
        });
        entries++;
      }
      await repo.insertEarnedDay(trx, { day, entries, run_at: this.clock.now() });
      return entries;
    });
  }
}

// Keeps each customer's risk score current: recomputed (with its factors) whenever an input
// changes, history kept when the score moves.
import type { CustomerRisk } from '../../contracts/customers';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Clock } from '../../platform/clock';
import type { CustomerExtensions } from './customer-extensions';
import * as repo from './customers.repository';
import type { CustomerRow } from './customers.repository';
import { AGE_BAND_STARTS, computeRisk, type RiskScore } from './risk-score';

export class RiskService {
  constructor(
    private readonly clock: Clock,
    private readonly extensions: CustomerExtensions,
  ) {}

  async compute(db: DbOrTrx, c: Pick<CustomerRow, 'id' | 'date_of_birth' | 'occupation_class' | 'smoker' | 'country' | 'kyc_status'>): Promise<RiskScore> {
    const extra = (await Promise.all(this.extensions.riskFactors.map((p) => p.load(db, c.id)))).flat();
    return computeRisk(
      { dateOfBirth: c.date_of_birth, today: this.clock.businessDate(), occupationClass: c.occupation_class, smoker: c.smoker, country: c.country, kycStatus: c.kyc_status },
      extra,
    );
  }

  /**
   * Recomputes the score of `c` as it is about to be stored. When the score or level moved, a
   * history row is written and `changes` holds the columns to store with the customer's own update.
   */
  async rescore(trx: Trx, c: CustomerRow, reason: string): Promise<{ risk: RiskScore; changes: Partial<Pick<CustomerRow, 'risk_score' | 'risk_level'>> }> {
    const risk = await this.compute(trx, c);
    if (risk.score === c.risk_score && risk.level === c.risk_level) return { risk, changes: {} };
    await repo.insertRiskHistory(trx, {
      customer_id: c.id,
      score: risk.score,
      level: risk.level,
      formula_version: risk.formulaVersion,
      factors: JSON.stringify(risk.factors),
      reason,
      computed_at: this.clock.now(),
    });
    return { risk, changes: { risk_score: risk.score, risk_level: risk.level } };
  }

  /** Recomputes and stores the score; a history row is written when the score or level moved. */
  async refresh(trx: Trx, c: CustomerRow, reason: string): Promise<RiskScore> {
    const { risk, changes } = await this.rescore(trx, c, reason);
    if (changes.risk_score !== undefined) await repo.setRisk(trx, c.id, { risk_score: risk.score, risk_level: risk.level });
    return risk;
  }

  /** The current score with its factors (computed now) and the stored history, newest first. */
  async describe(db: DbOrTrx, c: CustomerRow): Promise<CustomerRisk> {
    const risk = await this.compute(db, c);
    const history = await repo.riskHistory(db, c.id, 50);
    return {
      ...risk,
      computedAt: this.clock.now().toISOString(),
      history: history.map((h) => ({ score: h.score, level: h.level, reason: h.reason, computedAt: h.computed_at.toISOString() })),
    };
  }

  /**
   * The nightly re-score: customers who entered a new age band recently (birthdays in the last
   * `days` days — a missed night is caught up the next) get their score recomputed; a history row
   * is written only where the score moved, so running it twice changes nothing.
   */
  async rescoreAgeBands(db: Db, days = 7): Promise<number> {
    const today = this.clock.businessDate();
    const monthDays = Array.from({ length: days }, (_, k) => new Date(Date.parse(`${today}T00:00:00Z`) - k * 86_400_000).toISOString().slice(5, 10));
    // Someone born on 29 February has their birthday on 28 February in other years.
    if (monthDays.includes('02-28') && !monthDays.includes('02-29')) monthDays.push('02-29');
    const ids = await repo.enteredAgeBand(db, monthDays, today, AGE_BAND_STARTS);
    let moved = 0;
    for (const id of ids) {
      await withTransaction(db, async (trx) => {
        const c = await repo.findCustomer(trx, id, { forUpdate: true });
        if (!c) return;
        const before = c.risk_score;
        const risk = await this.refresh(trx, c, 'Entered a new age band');
        if (risk.score !== before) moved++;
      });
    }
    return moved;
  }
}

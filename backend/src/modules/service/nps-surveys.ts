// The daily NPS job: a relationship survey for each active policy whose anniversary is today (the
// policies module answers which, through `policyFacts`), once per policy and year.
import { withTransaction, type Db } from '../../db';
import type { Clock } from '../../platform/clock';
import type { PolicyFacts } from '../policies/policy-facts';
import type { SurveysService } from './surveys.service';

export const NPS_JOB = 'service.nps-surveys';

export class NpsSurveys {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly policies: PolicyFacts,
    private readonly surveys: SurveysService,
  ) {}

  async run(): Promise<{ created: number }> {
    const today = this.clock.businessDate();
    let created = 0;
    let after: string | undefined;
    for (;;) {
      const batch = await this.policies.anniversariesOn(this.db, today, 1000, after);
      for (const p of batch) {
        const made = await withTransaction(this.db, (trx) =>
          this.surveys.npsFor(trx, { policyId: p.id, policyNumber: p.policyNumber, anniversary: today, customerId: p.customerId, branchId: p.branchId, agentId: p.agentId }),
        );
        if (made) created++;
      }
      if (batch.length < 1000) return { created };
      after = batch[batch.length - 1]!.id;
    }
  }
}

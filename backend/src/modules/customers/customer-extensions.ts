// How later modules add to customers without editing this module: 360° sections, risk factors,
// lifetime-value figures, and what to move when two customers are merged.
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { RiskFactor } from './risk-score';

export interface OverviewSection {
  count: number;
  /** A short list (the newest few) of what the section holds. */
  items: Record<string, unknown>[];
}

export interface OverviewContributor {
  /** Section key in the overview, e.g. `policies`. */
  key: string;
  title: string;
  load(db: DbOrTrx, actor: Actor, customerId: string): Promise<OverviewSection>;
}

/** Amounts in minor units of the customer's currency. */
export interface LifetimeValueParts {
  premiumsPaid: number;
  claimsPaid: number;
  expectedFuturePremiums: number;
}

export interface LifetimeValueContributor {
  name: string;
  load(db: DbOrTrx, customerId: string): Promise<Partial<LifetimeValueParts>>;
}

export interface RiskFactorContributor {
  name: string;
  load(db: DbOrTrx, customerId: string): Promise<RiskFactor[]>;
}

/** Moves a module's records from `sourceId` to `targetId` inside the merge transaction. */
export interface MergeHandler {
  name: string;
  move(trx: Trx, merge: { sourceId: string; targetId: string; actor: Actor }): Promise<void>;
}

export class CustomerExtensions {
  readonly overviewSections: OverviewContributor[] = [];
  readonly lifetimeValue: LifetimeValueContributor[] = [];
  readonly riskFactors: RiskFactorContributor[] = [];
  readonly mergeHandlers: MergeHandler[] = [];

  addOverviewSection(c: OverviewContributor) {
    if (this.overviewSections.some((s) => s.key === c.key)) throw new Error(`Overview section ${c.key} registered twice`);
    this.overviewSections.push(c);
  }

  addLifetimeValue(c: LifetimeValueContributor) {
    this.lifetimeValue.push(c);
  }

  addRiskFactors(c: RiskFactorContributor) {
    this.riskFactors.push(c);
  }

  addMergeHandler(h: MergeHandler) {
    this.mergeHandlers.push(h);
  }
}

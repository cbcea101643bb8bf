// Dunning plans: one per product version, its ordered steps as data. Finance managers (and admins)
// replace a version's steps under If-Match on the plan's version ("0" while it has none); each save
// is kept in the plan's history and audited in the same transaction.
import type { DunningPlan, DunningPlanHistory, DunningPlanList, DunningStep, PutDunningPlanBody } from '../../contracts/collections';
import type { FieldError } from '../../contracts/common';
import { withTransaction, type Db, type DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import type { NotificationService } from '../notifications/notifications.service';
import type { QuoteBook } from '../products/quote-book';
import * as repo from './collections.repository';
import { DEFAULT_GRACE_DAYS, DUNNING_VARIABLES, planProblems } from './dunning-plan';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Steps as stored: a message step's channel defaults to the customer's preferred one. */
const normalised = (steps: readonly DunningStep[]): DunningStep[] =>
  steps.map((s) =>
    s.action === 'call_task'
      ? { key: s.key, days: s.days, action: s.action }
      : { key: s.key, days: s.days, action: s.action, channel: s.channel ?? 'preferred', template: s.template! },
  );

export class DunningPlansService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly quotes: QuoteBook,
    private readonly notifications: NotificationService,
  ) {}

  /** Every product version that has a plan, and the published versions that have none yet (to make one). */
  async list(): Promise<DunningPlanList> {
    const rows = await repo.plans(this.db);
    const products = await this.quotes.productsOfVersions(
      this.db,
      rows.map((r) => r.product_version_id),
    );
    const planned = new Set(rows.map((r) => r.product_version_id));
    const published = await this.quotes.publishedVersions(this.db);
    return {
      items: rows.filter((r) => products.has(r.product_version_id)).map((r) => this.toPlan(r.product_version_id, products.get(r.product_version_id)!, r)),
      withoutPlan: published
        .filter((v) => !planned.has(v.versionId))
        .map((v) => ({ productVersionId: v.versionId, versionNumber: v.versionNumber, product: { id: v.productId, code: v.code, name: v.name } })),
    };
  }

  /** The version's plan; a version without one has no steps (version 0). Unknown version: 404. */
  async get(productVersionId: string): Promise<DunningPlan> {
    const product = await this.productOf(this.db, productVersionId);
    return this.toPlan(productVersionId, product, await repo.plan(this.db, productVersionId));
  }

  /** The plans of these versions (the dunning job reads them once per run). */
  async stepsOf(db: DbOrTrx, productVersionIds: readonly string[]): Promise<Map<string, { steps: DunningStep[]; version: number }>> {
    return new Map((await repo.plans(db, productVersionIds)).map((r) => [r.product_version_id, { steps: r.steps, version: r.version }]));
  }

  async history(productVersionId: string): Promise<DunningPlanHistory> {
    await this.productOf(this.db, productVersionId);
    const rows = await repo.planHistory(this.db, productVersionId);
    return { items: rows.map((r) => ({ version: r.version, steps: r.steps, by: { id: r.changed_by, name: r.changed_by_name ?? '' }, at: r.changed_at.toISOString() })) };
  }

  async replace(actor: Actor, productVersionId: string, version: number, body: PutDunningPlanBody): Promise<DunningPlan> {
    const product = await this.productOf(this.db, productVersionId);
    const definition = await this.quotes.definitionOf(this.db, productVersionId);
    const graceDays = definition.servicing?.graceDays ?? DEFAULT_GRACE_DAYS;
    const errors = [...planProblems(body.steps, graceDays), ...(await this.templateProblems(body.steps))];
    if (errors.length) throw new ValidationError(errors, 'The dunning plan breaks a rule.', 'DUNNING_PLAN_INVALID');
    const steps = normalised(body.steps);

    return withTransaction(this.db, async (trx) => {
      const before = await repo.plan(trx, productVersionId, { lock: true });
      const current = before?.version ?? 0;
      if (current !== version) throw new PreconditionFailedError(current);
      const now = this.clock.now();
      if (!before) {
        // Nothing to lock yet: two first saves meet at the insert, and the second is stale.
        const made = await repo.insertPlan(trx, {
          product_version_id: productVersionId,
          steps,
          version: 1,
          created_at: now,
          updated_at: now,
          created_by: actor.userId,
          updated_by: actor.userId,
        });
        if (!made) throw new PreconditionFailedError(1);
      } else if (!(await repo.updatePlanIfVersion(trx, productVersionId, version, { steps, updated_at: now, updated_by: actor.userId }))) {
        throw new PreconditionFailedError(current + 1);
      }
      await repo.insertPlanHistory(trx, { product_version_id: productVersionId, version: current + 1, steps, changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'dunning_plan.update',
        entity: { type: 'dunning_plan', id: productVersionId },
        before: { steps: before?.steps ?? [] },
        after: { steps },
      });
      return this.toPlan(productVersionId, product, await repo.plan(trx, productVersionId));
    });
  }

  /** A message step's template must exist and use only what the job fills in. */
  private async templateProblems(steps: readonly DunningStep[]): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const [i, step] of steps.entries()) {
      if (step.action === 'call_task' || !step.template) continue;
      const variables = await this.notifications.templateVariables(this.db, step.template);
      if (!variables) errors.push({ path: `steps.${i}.template`, message: 'No such message template' });
      else if (variables.some((v) => !(DUNNING_VARIABLES as readonly string[]).includes(v)))
        errors.push({ path: `steps.${i}.template`, message: `This template needs values a dunning step cannot give (it fills ${DUNNING_VARIABLES.join(', ')})` });
    }
    return errors;
  }

  private async productOf(db: DbOrTrx, productVersionId: string) {
    const product = (await this.quotes.productsOfVersions(db, [productVersionId])).get(productVersionId);
    if (!product) throw new NotFoundError('product version');
    return product;
  }

  private toPlan(productVersionId: string, product: { productId: string; code: string; name: string }, row: repo.PlanRow | undefined): DunningPlan {
    return {
      productVersionId,
      product: { id: product.productId, code: product.code, name: product.name },
      steps: row?.steps ?? [],
      version: row?.version ?? 0,
      updatedAt: iso(row?.updated_at),
      updatedBy: row ? { id: row.updated_by, name: row.updated_by_name ?? '' } : null,
    };
  }
}

// Custom reports (issue 18): the report builder's datasets and preview, and saved reports — private
// to their owner or shared with a role — which run (as whoever runs them: their branches, their
// datasets) and export through the report export jobs as the registry's hidden `reports.custom`.
import { z } from 'zod';
import type { CustomReport, CustomReportDataset, CustomReportDefinition, CustomReportResult, UpdateCustomReportBody } from '../../contracts/custom-reports';
import { CUSTOM_REPORT_KEY, CUSTOM_REPORT_PREVIEW_ROWS, CustomReportDefinition as DefinitionSchema } from '../../contracts/custom-reports';
import type { Role } from '../../contracts/auth';
import { withTransaction, type Db, type DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { ReadRouter } from '../../platform/read-router';
import type { Clock } from '../../platform/clock';
import { ForbiddenError, NotFoundError, PreconditionFailedError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import * as repo from './custom-reports.repository';
import type { CustomReportRow } from './custom-reports.repository';
import { describeDataset, planColumns, planReport, previewRows, reportRows } from './report-builder';
import type { DatasetRegistry } from './report-datasets';
import type { ReportDefinition } from './report-registry';

export interface SaveInput {
  name: string;
  description: string;
  definition: CustomReportDefinition;
  sharedWithRole: Role | null;
}

const snapshot = (r: Pick<CustomReportRow, 'name' | 'description' | 'dataset' | 'definition' | 'shared_with_role'>) => ({
  name: r.name,
  description: r.description,
  dataset: r.dataset,
  definition: r.definition,
  sharedWithRole: r.shared_with_role,
});

export class CustomReportsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly datasets: DatasetRegistry,
    private readonly audit: AuditService,
    /** The report's rows are read where reads may go (the replica when it may serve). */
    private readonly reads: ReadRouter = new ReadRouter(db),
  ) {}

  /** The datasets the actor may report on, with their fields. */
  datasetsFor(actor: Actor): CustomReportDataset[] {
    return this.datasets.available(actor).map(describeDataset);
  }

  /** The first rows of a definition (not saved), checked against the allow-list. */
  async preview(actor: Actor, definition: CustomReportDefinition): Promise<CustomReportResult> {
    const plan = planReport(this.datasets, actor, definition);
    return this.reads.run(actor, (db) => previewRows(db, actor, plan, CUSTOM_REPORT_PREVIEW_ROWS));
  }

  /** The reports the actor sees (their own, and those shared with their role, on datasets they may use), newest first. */
  async list(actor: Actor, page: { limit: number; cursor?: string }): Promise<{ items: CustomReport[]; nextCursor: string | null }> {
    const datasets = this.datasets.available(actor).map((d) => d.key);
    const { items, nextCursor } = await repo.listVisible(this.db, actor.userId, actor.role, datasets, page);
    return { items: items.map((r) => toDto(r, actor)), nextCursor };
  }

  async get(actor: Actor, id: string): Promise<CustomReport> {
    return toDto(await this.visible(this.db, actor, id), actor);
  }

  /** A saved report's first rows, run as the actor (their branches). */
  async run(actor: Actor, id: string): Promise<CustomReportResult> {
    const row = await this.visible(this.db, actor, id);
    const plan = planReport(this.datasets, actor, row.definition);
    return this.reads.run(actor, (db) => previewRows(db, actor, plan, CUSTOM_REPORT_PREVIEW_ROWS));
  }

  async create(actor: Actor, input: SaveInput): Promise<CustomReport> {
    planReport(this.datasets, actor, input.definition);
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const fields = { name: input.name, description: input.description, dataset: input.definition.dataset, definition: input.definition, shared_with_role: input.sharedWithRole };
      const { id } = await repo.insertReport(trx, { ...fields, owner_id: actor.userId, branch_id: actor.branchId, created_at: now, updated_at: now });
      await repo.insertHistory(trx, { report_id: id, version: 1, change: 'create', report: snapshot(fields), changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, { actor, action: 'custom_report.create', entity: { type: 'custom_report', id }, branchId: actor.branchId, after: snapshot(fields) });
      return toDto((await repo.findReport(trx, id))!, actor);
    });
  }

  /** Changes the actor's own report (If-Match): its name, definition or sharing. */
  async update(actor: Actor, id: string, version: number, body: UpdateCustomReportBody): Promise<CustomReport> {
    const current = await this.owned(this.db, actor, id);
    const definition = body.definition ? DefinitionSchema.parse(body.definition) : current.definition;
    if (body.definition) planReport(this.datasets, actor, definition);
    return withTransaction(this.db, async (trx) => {
      const locked = await this.owned(trx, actor, id, true);
      if (locked.version !== version) throw new PreconditionFailedError(locked.version);
      const fields = {
        name: body.name ?? locked.name,
        description: body.description ?? locked.description,
        dataset: definition.dataset,
        definition,
        shared_with_role: body.sharedWithRole === undefined ? locked.shared_with_role : body.sharedWithRole,
      };
      const now = this.clock.now();
      await repo.updateIfVersion(trx, id, version, fields, now);
      await repo.insertHistory(trx, { report_id: id, version: version + 1, change: 'update', report: snapshot(fields), changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'custom_report.update',
        entity: { type: 'custom_report', id },
        branchId: locked.branch_id,
        before: snapshot(locked),
        after: snapshot(fields),
      });
      return toDto((await repo.findReport(trx, id))!, actor);
    });
  }

  /** Deletes the actor's own report (If-Match); its exports stay. */
  async remove(actor: Actor, id: string, version: number): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      const locked = await this.owned(trx, actor, id, true);
      if (locked.version !== version) throw new PreconditionFailedError(locked.version);
      const now = this.clock.now();
      await repo.updateIfVersion(trx, id, version, { deleted_at: now }, now);
      await repo.insertHistory(trx, { report_id: id, version: version + 1, change: 'delete', report: snapshot(locked), changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, { actor, action: 'custom_report.delete', entity: { type: 'custom_report', id }, branchId: locked.branch_id, before: snapshot(locked) });
    });
  }

  /** Seen by the actor: theirs, or shared with their role, on a dataset they may use; else 404. */
  private async visible(db: DbOrTrx, actor: Actor, id: string, forUpdate = false): Promise<CustomReportRow> {
    const row = await repo.findReport(db, id, forUpdate);
    if (!row || (row.owner_id !== actor.userId && row.shared_with_role !== actor.role) || !this.datasets.forActor(actor, row.dataset)) throw new NotFoundError('report');
    return row;
  }

  /** The actor's own report: another's they see → 403, one they do not see → 404. */
  private async owned(db: DbOrTrx, actor: Actor, id: string, forUpdate = false): Promise<CustomReportRow> {
    const row = await this.visible(db, actor, id, forUpdate);
    if (row.owner_id !== actor.userId) throw new ForbiddenError('CUSTOM_REPORT_NOT_OWNER', 'Only its owner changes, shares or deletes a report.');
    return row;
  }

  /** `reports.custom` for the registry: a saved report exported (or scheduled) as whoever runs it. */
  registryReport(): ReportDefinition<{ reportId: string }> {
    const heading = async (db: DbOrTrx, actor: Actor, params: { reportId: string }) => {
      const row = await this.visible(db, actor, params.reportId);
      return { title: row.name, columns: planColumns(planReport(this.datasets, actor, row.definition)) };
    };
    return {
      key: CUSTOM_REPORT_KEY,
      title: 'Custom report',
      description: 'A report saved from the report builder, run as whoever runs it (their branches; masked fields stay masked).',
      permission: 'authenticated',
      hidden: true,
      params: z.strictObject({ reportId: z.uuid('Not a valid id') }),
      columns: [{ key: 'report', header: 'Report', type: 'string' }],
      personalData: true,
      heading,
      rows: (db, actor, params) => {
        const datasets = this.datasets;
        const visible = (id: string) => this.visible(db, actor, id);
        return (async function* () {
          const row = await visible(params.reportId);
          yield* reportRows(db, actor, planReport(datasets, actor, row.definition));
        })();
      },
    };
  }
}

function toDto(r: CustomReportRow, actor: Actor): CustomReport {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    definition: r.definition,
    sharedWithRole: r.shared_with_role,
    owner: { id: r.owner_id, name: r.owner_name },
    mine: r.owner_id === actor.userId,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

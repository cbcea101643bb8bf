// `services.reports`: the report registry. Modules that own data register their reports here (they
// require `reports`; this module requires none of them) and keep their tables to themselves: a
// report's rows come from the registering module's own queries, scoped to the actor exactly as that
// module's API scopes them.
import { z } from 'zod';
import type { Permission } from '../../contracts/permissions';
import { REPORT_EXPORT_FORMATS, type ExportFileFormat, type ReportColumn, type ReportExport, type ReportSummary } from '../../contracts/reports';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { DatasetRegistry } from './report-datasets';

export type ReportRow = Record<string, unknown>;

/** A parameter's name: one of the report's own (any string once the report's type is erased). */
type ParamName<P> = unknown extends P ? string : keyof P & string;

/** Thrown by a report's rows when the whole report cannot be written (its message says why and what to change): the export fails, nothing is written. */
export class ReportTooLarge extends Error {}

export interface ReportDefinition<P = unknown> {
  /** `<module>.<name>`, lower case with dashes: stable, used in URLs and schedules. */
  key: string;
  title: string;
  description: string;
  /**
   * Who may run it: the owning module's read permission for the data; `authenticated` when the report
   * decides per row source itself (a saved custom report: its dataset's permission and who may see it).
   */
  permission: Permission | 'authenticated';
  /** Not listed among the reports (run from elsewhere: a saved custom report from the report builder). */
  hidden?: boolean;
  /**
   * The title and columns for these params, when they depend on them (a saved custom report's name and
   * columns); throws NotFoundError when the actor may not run it with them.
   */
  heading?(db: DbOrTrx, actor: Actor, params: P): Promise<{ title: string; columns: readonly ReportColumn[] }>;
  /** Validates and defaults the parameters (strict: an unknown parameter is refused). */
  params: z.ZodType<P>;
  columns: readonly ReportColumn[];
  /** The rows name or identify people (customers, their contact data): exports are audited. */
  personalData: boolean;
  /** The formats it is exported in (default CSV, Excel and PDF; a customer's data only as a ZIP, whose rows are `{ area, table, record }`). */
  formats?: readonly ExportFileFormat[];
  /**
   * Its date-range parameters (on or after, on or before), when it has them: a schedule can fill them
   * with a rolling period (the previous day, week or month) at each run.
   */
  period?: { from: ParamName<P>; to: ParamName<P> };
  /**
   * The rows in batches, keyset-paged by the module (never the whole report in memory), scoped to
   * the actor's branches exactly as the module's API scopes them.
   */
  rows(db: DbOrTrx, actor: Actor, params: P): AsyncIterable<ReportRow[]>;
}

const KEY = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

/** Queues an export for the actor (the reports module's exports service; report-exports.service.ts). */
export type ExportRequester = (actor: Actor, key: string, body: { format: ExportFileFormat; params: Record<string, unknown> }) => Promise<ReportExport>;

export class ReportRegistry {
  /** The datasets of the custom report builder: `services.reports.datasets.register({ … })` (report-datasets.ts). */
  readonly datasets = new DatasetRegistry();
  private exporter?: ExportRequester;

  /** Set once by the reports module when it builds its exports service. */
  attachExporter(exporter: ExportRequester): void {
    this.exporter = exporter;
  }

  /**
   * Queues an export of a report the actor may run — for a module that offers an export from its own
   * page (a customer's data, from the customer): the same job, file, 7 days and download as any export.
   */
  requestExport(actor: Actor, key: string, body: { format: ExportFileFormat; params: Record<string, unknown> }): Promise<ReportExport> {
    if (!this.exporter) throw new Error('The reports module has not attached its exports service');
    return this.exporter(actor, key, body);
  }
  // Stored with their parameters' type erased: a report's own schema checks its parameters before its rows see them.
  private readonly reports = new Map<string, ReportDefinition<unknown>>();

  register<P>(definition: ReportDefinition<P>): void {
    const { key, columns } = definition;
    if (!KEY.test(key)) throw new Error(`Report key ${JSON.stringify(key)} is not <module>.<name> in lower case`);
    if (this.reports.has(key)) throw new Error(`Report ${key} is registered twice`);
    if (columns.length === 0) throw new Error(`Report ${key} has no columns`);
    const keys = columns.map((c) => c.key);
    if (new Set(keys).size !== keys.length) throw new Error(`Report ${key} has a column twice`);
    this.reports.set(key, definition as unknown as ReportDefinition<unknown>);
  }

  /** A report by key whoever asks (a scheduled run, which then runs it as each recipient). */
  byKey(key: string): ReportDefinition<unknown> | undefined {
    return this.reports.get(key);
  }

  /** The reports the actor may run, by title (hidden ones left out). */
  available(actor: Actor): ReportDefinition<unknown>[] {
    return [...this.reports.values()].filter((r) => !r.hidden && mayRun(actor, r)).sort((a, b) => a.title.localeCompare(b.title));
  }

  /** A report the actor may run; any other key (unknown, or not theirs) → 404. */
  forActor(actor: Actor, key: string): ReportDefinition<unknown> {
    const report = this.reports.get(key);
    if (!report || !mayRun(actor, report)) throw new NotFoundError('report');
    return report;
  }
}

/** The report is exported in this format, or 400 REPORT_FORMAT_NOT_OFFERED at `path`. */
export function assertFormatOffered(report: ReportDefinition<unknown>, format: ExportFileFormat, path = 'format'): void {
  const offered = report.formats ?? REPORT_EXPORT_FORMATS;
  if (!offered.includes(format)) {
    throw new ValidationError(
      [{ path, message: `This report is exported as ${offered.join(', ')}` }],
      `${report.title} is not exported as ${format}.`,
      'REPORT_FORMAT_NOT_OFFERED',
    );
  }
}

function mayRun(actor: Actor, report: ReportDefinition<unknown>): boolean {
  return report.permission === 'authenticated' || actor.permissions.has(report.permission);
}

export function describeReport(report: ReportDefinition<unknown>): ReportSummary {
  const { $schema: _ignored, ...params } = z.toJSONSchema(report.params, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    key: report.key,
    title: report.title,
    description: report.description,
    permission: report.permission,
    params,
    columns: report.columns.map(({ key, header, type }) => ({ key, header, type })),
    personalData: report.personalData,
    period: report.period ?? null,
  };
}

/**
 * Keyset paging for a report's rows: `page(after)` returns up to `size` rows after the cursor (null
 * for the first page), in the order `cursorOf` follows; stops at the first short page.
 */
export async function* keysetBatches<R, C>(page: (after: C | null, size: number) => Promise<R[]>, cursorOf: (row: R) => C, size = 1000): AsyncGenerator<R[]> {
  let after: C | null = null;
  for (;;) {
    const rows = await page(after, size);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    after = cursorOf(rows[rows.length - 1]!);
  }
}

/**
 * A report's `rows` from keyset pages: `keysetBatches`, each batch turned into the report's rows by
 * `toRows` (which may read more for the batch, e.g. record numbers, or leave rows out); an empty
 * result yields nothing.
 */
export async function* keysetReportRows<R, C>(
  page: (after: C | null, size: number) => Promise<R[]>,
  cursorOf: (row: R) => C,
  toRows: (batch: R[]) => ReportRow[] | Promise<ReportRow[]>,
  size = 1000,
): AsyncGenerator<ReportRow[]> {
  for await (const batch of keysetBatches(page, cursorOf, size)) {
    const rows = await toRows(batch);
    if (rows.length) yield rows;
  }
}

// Medical exams (lab orders) of an application. Created with the order from the product rules'
// requirements; each step is its own endpoint with state (409), version (412), an event row and an
// audit entry in one transaction. `due_on` moves with each step; past it, the exam is overdue.
import type { Exam, ExamExportQuery, ExamListQuery, ExamStatus } from '../../contracts/orders';
import type { QuoteRequirements } from '../../contracts/products';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { ReadRouter } from '../../platform/read-router';
import type { Clock } from '../../platform/clock';
import { csvExport, type CsvExport } from '../../platform/export';
import { PreconditionFailedError, ValidationError } from '../../platform/errors';
import { visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { DocumentsService } from '../documents/documents.service';
import * as repo from './exams.repository';
import type { ExamRow, ExamWithNamesRow } from './exams.repository';
import { ordersConflict } from './orders.errors';
import { addDays } from '../../platform/calendar';

export type ExamStep = 'order' | 'schedule' | 'complete' | 'record_results' | 'waive' | 'cancel';

/** From which states each step may be taken, and where it leads. A cancelled exam may be ordered again. */
export const EXAM_STEPS: Record<ExamStep, { from: readonly ExamStatus[]; to: ExamStatus }> = {
  order: { from: ['required', 'cancelled'], to: 'ordered' },
  schedule: { from: ['ordered', 'scheduled'], to: 'scheduled' },
  complete: { from: ['scheduled'], to: 'completed' },
  record_results: { from: ['completed'], to: 'results_received' },
  waive: { from: ['required', 'ordered', 'scheduled', 'completed', 'cancelled'], to: 'waived' },
  cancel: { from: ['ordered', 'scheduled'], to: 'cancelled' },
};

/** Exams that let an application be approved. */
export const EXAM_SATISFIED: readonly ExamStatus[] = ['results_received', 'waived'];
const FINISHED: readonly ExamStatus[] = ['results_received', 'waived'];

/** Days allowed for the next step: to order a required exam, to book an ordered one, for results after the visit. */
const DAYS_TO_ORDER = 5;
const DAYS_TO_SCHEDULE = 10;
const DAYS_FOR_RESULTS = 7;

export class ExamsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    readonly labPartners: string[],
    private readonly documents: DocumentsService,
    /** CSV exports read through it (the replica when it may serve). */
    private readonly reads: ReadRouter = new ReadRouter(db),
  ) {}

  private toExam(r: ExamWithNamesRow, today: string): Exam {
    return {
      id: r.id,
      orderId: r.order_id,
      orderNumber: r.order_number,
      customer: { id: r.customer_id, name: `${r.first_name} ${r.last_name}` },
      examType: r.exam_type,
      rule: r.rule_code,
      reason: r.reason,
      status: r.status,
      labPartner: r.lab_partner,
      labOrderReference: r.lab_order_reference,
      scheduledAt: r.scheduled_at?.toISOString() ?? null,
      location: r.location,
      completedOn: r.completed_on,
      keyResults: r.key_results,
      resultDocumentId: r.result_document_id,
      waiveReason: r.waive_reason,
      cancelReason: r.cancel_reason,
      dueOn: r.due_on,
      overdue: !FINISHED.includes(r.status) && r.due_on < today,
      branchId: r.branch_id,
      version: r.version,
    };
  }

  /** The exams the requirements list, each `required` and due to be ordered within a few days. */
  async createForOrder(trx: Trx, actor: Actor, order: { id: string; branchId: string }, required: QuoteRequirements['medicalExams']) {
    if (!required.length) return;
    const now = this.clock.now();
    const dueOn = addDays(this.clock.businessDate(now), DAYS_TO_ORDER);
    const rows = await repo.insertExams(
      trx,
      required.map((e) => ({
        order_id: order.id,
        branch_id: order.branchId,
        exam_type: e.exam,
        rule_code: e.rule,
        reason: e.description,
        due_on: dueOn,
        created_at: now,
        updated_at: now,
      })),
    );
    await repo.insertEvents(
      trx,
      rows.map((r) => ({ exam_id: r.id, from_status: null, to_status: 'required', note: null, changed_by: actor.userId, changed_at: now })),
    );
  }

  async forOrder(db: DbOrTrx, orderId: string): Promise<Exam[]> {
    const today = this.clock.businessDate();
    return (await repo.ofOrder(db, orderId)).map((r) => this.toExam(r, today));
  }

  /** Exams of the order that are neither results_received nor waived. */
  async outstanding(trx: DbOrTrx, orderId: string): Promise<{ id: string; examType: string; status: ExamStatus }[]> {
    const rows = await repo.notIn(trx, orderId, EXAM_SATISFIED);
    return rows.map((r) => ({ id: r.id, examType: r.exam_type, status: r.status }));
  }

  async get(actor: Actor, id: string): Promise<Exam> {
    const r = visibleOr404(actor, await repo.findExam(this.db, id), 'exam');
    return this.toExam(r, this.clock.businessDate());
  }

  /** The worklist: the most urgent first (overdue by due date, then by due date, finished last) unless sorted otherwise; `overdue` keeps only those past their due date. */
  async list(actor: Actor, filter: ExamListQuery) {
    const today = this.clock.businessDate();
    const page = await repo.listPage(this.db, actor, filter, today, FINISHED);
    return { items: page.items.map((r) => this.toExam(r, today)), nextCursor: page.nextCursor, total: page.total };
  }

  /** The worklist (same filters and order) as CSV, at most `cap` rows; audited with the filter and the row count. */
  async exportCsv(actor: Actor, filter: ExamExportQuery, cap: number): Promise<CsvExport> {
    const today = this.clock.businessDate();
    const rows = await this.reads.run(actor, (db) => repo.exportRows(db, actor, filter, today, FINISHED, cap));
    const result = csvExport(rows, cap, [
      ['orderNumber', (r) => r.order_number],
      ['customerNumber', (r) => r.customer_number],
      ['customerName', (r) => `${r.first_name} ${r.last_name}`],
      ['examType', (r) => r.exam_type],
      ['status', (r) => r.status],
      ['dueOn', (r) => r.due_on],
      ['overdue', (r) => !FINISHED.includes(r.status) && r.due_on < today],
      ['labPartner', (r) => r.lab_partner],
      ['labOrderReference', (r) => r.lab_order_reference],
      ['scheduledAt', (r) => r.scheduled_at?.toISOString()],
      ['location', (r) => r.location],
      ['completedOn', (r) => r.completed_on],
      ['reason', (r) => r.reason],
      ['branchId', (r) => r.branch_id],
      ['examId', (r) => r.id],
    ]);
    await this.audit.record(this.db, { actor, action: 'exam.export', branchId: actor.branchId, metadata: { filter, rows: result.rows, truncated: result.truncated } });
    return result;
  }

  private async step(
    actor: Actor,
    id: string,
    version: number,
    step: ExamStep,
    note: string | null,
    apply: (trx: Trx, row: ExamRow, today: string) => Promise<Record<string, unknown>> | Record<string, unknown>,
  ): Promise<Exam> {
    const now = this.clock.now();
    const today = this.clock.businessDate(now);
    await withTransaction(this.db, async (trx) => {
      const row = visibleOr404(actor, await repo.lockWithOrderStatus(trx, id), 'exam');
      if (['approved', 'declined', 'withdrawn'].includes(row.order_status))
        throw ordersConflict('ORDER_CLOSED', `The order is ${row.order_status}: its exams are closed.`, { orderStatus: row.order_status });
      const rule = EXAM_STEPS[step];
      if (!rule.from.includes(row.status))
        throw ordersConflict('ILLEGAL_EXAM_TRANSITION', `An exam that is ${row.status.replace('_', ' ')} cannot be ${step.replace('_', ' ')}${step.endsWith('e') ? 'd' : 'ed'}.`, {
          currentStatus: row.status,
        });
      if (row.version !== version) throw new PreconditionFailedError(row.version);
      const changes = await apply(trx, row, today);
      await repo.updateExam(trx, id, { ...changes, status: rule.to, version: row.version + 1, updated_at: now });
      await repo.insertEvents(trx, [{ exam_id: id, from_status: row.status, to_status: rule.to, note, changed_by: actor.userId, changed_at: now }]);
      await this.audit.record(trx, {
        actor,
        action: `exam.${step}`,
        entity: { type: 'exam', id },
        branchId: row.branch_id,
        before: { status: row.status },
        after: { status: rule.to, ...(note ? { note } : {}) },
        metadata: { orderId: row.order_id, examType: row.exam_type },
      });
    });
    return this.get(actor, id);
  }

  orderFromLab(actor: Actor, id: string, version: number, labPartner: string, reference: string) {
    if (!this.labPartners.includes(labPartner)) throw new ValidationError([{ path: 'labPartner', message: `Choose one of: ${this.labPartners.join(', ')}` }]);
    return this.step(actor, id, version, 'order', `${labPartner} ${reference}`, (_trx, _row, today) => ({
      lab_partner: labPartner,
      lab_order_reference: reference,
      cancel_reason: null,
      due_on: addDays(today, DAYS_TO_SCHEDULE),
    }));
  }

  schedule(actor: Actor, id: string, version: number, scheduledAt: string, location: string) {
    const at = new Date(scheduledAt);
    if (at.getTime() < this.clock.now().getTime()) throw new ValidationError([{ path: 'scheduledAt', message: 'Choose a time in the future' }]);
    return this.step(actor, id, version, 'schedule', `${at.toISOString()} at ${location}`, () => ({ scheduled_at: at, location, due_on: this.clock.businessDate(at) }));
  }

  complete(actor: Actor, id: string, version: number, completedOn: string) {
    return this.step(actor, id, version, 'complete', null, (_trx, _row, today) => {
      if (completedOn > today) throw new ValidationError([{ path: 'completedOn', message: 'An exam cannot be completed in the future' }]);
      return { completed_on: completedOn, due_on: addDays(completedOn, DAYS_FOR_RESULTS) };
    });
  }

  recordResults(actor: Actor, id: string, version: number, keyResults: NonNullable<Exam['keyResults']>, resultDocumentId?: string) {
    return this.step(actor, id, version, 'record_results', null, async (trx, row) => {
      if (resultDocumentId && !(await this.documents.belongsTo(trx, { type: 'order', id: row.order_id }, resultDocumentId))) {
        throw new ValidationError([{ path: 'resultDocumentId', message: 'Upload the result document to this order first' }]);
      }
      return { key_results: JSON.stringify(keyResults), result_document_id: resultDocumentId ?? null };
    });
  }

  waive(actor: Actor, id: string, version: number, reason: string) {
    return this.step(actor, id, version, 'waive', reason, () => ({ waived_by: actor.userId, waive_reason: reason }));
  }

  cancel(actor: Actor, id: string, version: number, reason: string) {
    return this.step(actor, id, version, 'cancel', reason, (_trx, _row, today) => ({ cancel_reason: reason, due_on: addDays(today, DAYS_TO_ORDER) }));
  }
}

// Orders (applications): created from a saved, unexpired quote for its customer; edited while a
// draft (or while information is requested); submitted or withdrawn by the agent; documents
// uploaded and reviewed. The underwriter's steps are in underwriting.service.ts, through
// `transition` here: every change locks the row, checks branch scope, the current state (409) and
// the version (412), and writes the status history and the audit entry in the same transaction.
import type { Order, OrderExportQuery, OrderListQuery, OrderStatus, OrderSummary, OrderWeekFigures, UpdateOrderBody } from '../../contracts/orders';
import type { DeclarationQuestion, Quote } from '../../contracts/products';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { ReadRouter } from '../../platform/read-router';
import type { Clock } from '../../platform/clock';
import { csvExport, type CsvExport } from '../../platform/export';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import { contractSummaryFields, readStatusHistory } from '../../platform/records';
import { assertInScope, visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { ChecklistItem, DocumentMeta } from '../../contracts/documents';
import type { UploadedFile } from '../../platform/http';
import type { TimelineEntry, TimelineWindow } from '../../platform/timeline';
import type { OverviewSectionItem } from '../../contracts/customers';
import type { OverviewSectionContent } from '../customers/customer-extensions';
import type { DocumentsService } from '../documents/documents.service';
import type { ExamsService } from './exams.service';
import type { QuoteBook } from '../products/quote-book';
import { beneficiaryErrors, declarationErrors, incompleteness, tokenisePaymentMethod } from './application-checks';
import { canTake, ORDER_TRANSITIONS, type OrderAction } from './order-status';
import * as repo from './orders.repository';
import type { OrderListRow, OrderRow } from './orders.repository';
import { ordersConflict } from './orders.errors';

export type { OrderRow } from './orders.repository';

/** A trip insured from its departure: once that day has passed there is nothing left to submit or approve as applied for (409 TRIP_STARTED). */
export function assertTripNotStarted(row: Pick<OrderRow, 'trip'>, today: string): void {
  if (row.trip && row.trip.departureDate < today) {
    throw ordersConflict('TRIP_STARTED', `The trip started on ${row.trip.departureDate}: quote the trip again with new dates.`, { departureDate: row.trip.departureDate });
  }
}

const illegal = (action: OrderAction, status: OrderStatus) =>
  ordersConflict(
    'ILLEGAL_TRANSITION',
    `An order that is ${status.replace('_', ' ')} cannot be ${action === 'start_review' ? 'taken for review' : `${action.replace('_', ' ')}ed`}.`,
    { currentStatus: status },
  );

export class OrdersService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly quotes: QuoteBook,
    private readonly documents: DocumentsService,
    private readonly exams: ExamsService,
    /** CSV exports read through it (the replica when it may serve). */
    private readonly reads: ReadRouter = new ReadRouter(db),
  ) {}

  /** Each required document with its latest upload: missing, uploaded, verified or rejected — or waived by an underwriter. */
  private async checklist(db: DbOrTrx, orderId: string, required: { code: string; name: string }[]): Promise<ChecklistItem[]> {
    const [uploads, waivers] = await Promise.all([this.documents.forOwner(db, 'order', orderId), repo.documentWaivers(db, orderId)]);
    return required.map((r) => {
      const latest = uploads.find((d) => d.code === r.code) ?? null;
      const w = waivers.find((x) => x.code === r.code);
      const waiver = w ? { reason: w.reason, waivedBy: { id: w.waived_by, name: w.waived_by_name }, waivedAt: w.waived_at.toISOString() } : null;
      return { code: r.code, name: r.name, status: waiver ? 'waived' : (latest?.status ?? 'missing'), document: latest, waiver };
    });
  }

  /** The required documents an approval still waits for: neither verified nor waived (in the transaction of the approval). */
  async unverifiedDocuments(trx: Trx, actor: Actor, row: OrderRow): Promise<{ code: string; name: string; status: ChecklistItem['status'] }[]> {
    const quote = await this.quotes.saved(trx, actor, row.quote_id);
    const documents = await this.checklist(trx, row.id, quote.requirements.documents);
    return documents.filter((d) => d.status !== 'verified' && d.status !== 'waived').map((d) => ({ code: d.code, name: d.name, status: d.status }));
  }

  /** The order with its names resolved (customer, agent, product, quote) and its status history. */
  async load(db: DbOrTrx, id: string): Promise<Order | undefined> {
    const r = await repo.findWithNames(db, id);
    if (!r) return undefined;
    const requirements = (r.quote_result as Pick<Quote, 'requirements'>).requirements ?? { medicalExams: [], referrals: [], documents: [] };

    return {
      ...this.summary(r),
      quoteId: r.quote_id,
      quoteNumber: r.quote_number,
      insured: r.insured,
      coverages: r.coverages,
      termYears: r.term_years,
      trip: r.trip,
      paymentFrequency: r.payment_frequency,
      beneficiaries: r.beneficiaries,
      declarations: r.declarations,
      paymentMethod: r.payment_method,
      requestedStartDate: r.requested_start_date,
      requirements,
      documents: await this.checklist(db, id, requirements.documents),
      exams: await this.exams.forOrder(db, id),
      extraPremiumPercent: r.extra_premium_percent,
      exclusions: r.exclusions,
      approvedAnnualPremium: r.approved_annual_premium === null ? null : Number(r.approved_annual_premium),
      policyId: r.policy_id,
      infoRequest: r.info_request,
      underwriter: r.underwriter_id ? { id: r.underwriter_id, name: r.underwriter_name } : null,
      decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name } : null,
      decisionNote: r.decision_note,
      declineReason: r.decline_reason_code,
      decidedAt: r.decided_at?.toISOString() ?? null,
      processingBusinessDays: r.processing_business_days,
      history: await readStatusHistory<OrderStatus>(db, 'order_status_history', 'order_id', id),
      version: r.version,
      updatedAt: r.updated_at.toISOString(),
    };
  }

  summary(r: OrderListRow): OrderSummary {
    return {
      ...contractSummaryFields(r),
      orderNumber: r.order_number,
      agent: { id: r.agent_id, name: r.agent_name },
      submittedAt: r.submitted_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
      version: r.version,
    };
  }

  async get(actor: Actor, id: string): Promise<Order> {
    const order = await this.load(this.db, id);
    if (!order) throw new NotFoundError('order');
    assertInScope(actor, order.branchId, 'order');
    return order;
  }

  async list(actor: Actor, filter: OrderListQuery) {
    const page = await repo.listPage(this.db, actor, filter);
    return { items: page.items.map((r) => this.summary(r)), nextCursor: page.nextCursor, total: page.total };
  }

  /** The list (same filters and order) as CSV, at most `cap` rows; audited with the filter and the row count. */
  async exportCsv(actor: Actor, filter: OrderExportQuery, cap: number): Promise<CsvExport> {
    const rows = await this.reads.run(actor, (db) => repo.exportRows(db, actor, filter, cap));
    const result = csvExport(rows, cap, [
      ['orderNumber', (r) => r.order_number],
      ['status', (r) => r.status],
      ['customerNumber', (r) => r.customer_number],
      ['customerName', (r) => `${r.first_name} ${r.last_name}`],
      ['product', (r) => r.product_name],
      ['productVersion', (r) => r.version_number],
      ['agent', (r) => r.agent_name],
      ['sumInsuredMinorUnits', (r) => Number(r.sum_insured)],
      ['annualPremiumMinorUnits', (r) => Number(r.annual_premium)],
      ['currency', (r) => r.currency.trim()],
      ['paymentFrequency', (r) => r.payment_frequency],
      ['createdAt', (r) => r.created_at.toISOString()],
      ['submittedAt', (r) => r.submitted_at?.toISOString()],
      ['decidedAt', (r) => r.decided_at?.toISOString()],
      ['branchId', (r) => r.branch_id],
      ['orderId', (r) => r.id],
    ]);
    await this.audit.record(this.db, { actor, action: 'order.export', branchId: actor.branchId, metadata: { filter, rows: result.rows, truncated: result.truncated } });
    return result;
  }

  /** This week's figures (Monday to Sunday of today's business date, in UTC) in the actor's branches. */
  async weekFigures(actor: Actor): Promise<OrderWeekFigures> {
    const DAY_MS = 86_400_000;
    const today = new Date(`${this.clock.businessDate()}T00:00:00Z`);
    const start = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * DAY_MS);
    const end = new Date(start.getTime() + 7 * DAY_MS);
    const counts = await repo.weekFigures(this.db, actor, start, end);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return { weekStart: day(start), weekEnd: day(new Date(end.getTime() - DAY_MS)), submitted: counts.submitted, decided: counts.decided, policiesIssued: counts.approved };
  }

  async create(actor: Actor, quoteId: string): Promise<Order> {
    const now = this.clock.now();
    const today = this.clock.businessDate(now);
    const id = await withTransaction(this.db, async (trx) => {
      const quote = await this.quotes.saved(trx, actor, quoteId);
      if (!quote.customerId) throw ordersConflict('QUOTE_WITHOUT_CUSTOMER', 'This quote is for someone not on file: create the customer and quote for them first.');
      if (quote.validUntil < today) throw ordersConflict('QUOTE_EXPIRED', `The quote expired on ${quote.validUntil}: quote again.`, { validUntil: quote.validUntil });
      const existing = await repo.liveOrderOfQuote(trx, quoteId);
      if (existing) throw ordersConflict('ORDER_EXISTS', `Quote ${quote.quoteNumber} already has application ${existing.order_number}.`, { orderId: existing.id });
      const row = await repo.insertOrder(trx, {
        quote_id: quote.id,
        customer_id: quote.customerId,
        branch_id: quote.branchId,
        agent_id: actor.userId,
        product_id: quote.product.id,
        product_version_id: quote.productVersion.id,
        coverages: JSON.stringify(quote.coverages),
        sum_insured: quote.coverages.reduce((sum, c) => sum + c.sumInsured, 0),
        term_years: quote.termYears,
        trip: quote.trip ? JSON.stringify(quote.trip) : null,
        payment_frequency: quote.paymentFrequency,
        currency: quote.currency,
        annual_premium: quote.annualPremium,
        created_at: now,
        updated_at: now,
      });
      await repo.insertStatusHistory(trx, {
        order_id: row.id,
        from_status: null,
        to_status: 'draft',
        reason: `From quote ${quote.quoteNumber}`,
        changed_by: actor.userId,
        changed_at: now,
      });
      await this.exams.createForOrder(trx, actor, { id: row.id, branchId: quote.branchId }, quote.requirements.medicalExams);
      await this.audit.record(trx, {
        actor,
        action: 'order.create',
        entity: { type: 'order', id: row.id },
        branchId: quote.branchId,
        metadata: { orderNumber: row.order_number, quoteId: quote.id, customerId: quote.customerId },
      });
      return row.id;
    });
    return (await this.load(this.db, id))!;
  }

  /** Locks a visible order at `version` (404 out of scope, 412 stale — after the state check, so a lost race reads 409). */
  async lock(trx: Trx, actor: Actor, id: string): Promise<OrderRow> {
    return visibleOr404(actor, await repo.lockOrder(trx, id), 'order');
  }

  /** The declaration questions of the version that priced the order's quote. */
  private async questionsOf(trx: Trx, actor: Actor, row: OrderRow): Promise<DeclarationQuestion[]> {
    return (await this.quotes.saved(trx, actor, row.quote_id)).productVersion.definition.declarationQuestions;
  }

  async update(actor: Actor, id: string, version: number, input: UpdateOrderBody): Promise<Order> {
    const now = this.clock.now();
    await withTransaction(this.db, async (trx) => {
      const row = await this.lock(trx, actor, id);
      if (row.status !== 'draft' && row.status !== 'info_requested')
        throw ordersConflict('ORDER_NOT_EDITABLE', `An order that is ${row.status.replace('_', ' ')} can no longer be changed.`, { currentStatus: row.status });
      if (row.version !== version) throw new PreconditionFailedError(row.version);
      const errors = [];
      const today = this.clock.businessDate(now);
      if (input.beneficiaries) {
        errors.push(...beneficiaryErrors(input.beneficiaries));
        input.beneficiaries.forEach((b, i) => {
          if (b.dateOfBirth && b.dateOfBirth > today) errors.push({ path: `beneficiaries.${i}.dateOfBirth`, message: 'A date of birth cannot be in the future' });
        });
      }
      if (input.insured && input.insured.dateOfBirth > today) errors.push({ path: 'insured.dateOfBirth', message: 'A date of birth cannot be in the future' });
      if (row.trip && input.requestedStartDate) errors.push({ path: 'requestedStartDate', message: 'A trip policy starts on the departure date' });
      else if (input.requestedStartDate && input.requestedStartDate < today) errors.push({ path: 'requestedStartDate', message: 'Ask for today or a later date' });
      if (input.declarations) errors.push(...declarationErrors(await this.questionsOf(trx, actor, row), input.declarations));
      const payment = input.paymentMethod ? tokenisePaymentMethod(input.paymentMethod, today) : undefined;
      if (payment) errors.push(...payment.errors);
      if (errors.length) throw new ValidationError(errors);
      const changes: Record<string, unknown> = {};
      if (input.insured !== undefined) changes.insured = input.insured === null ? null : JSON.stringify(input.insured);
      if (input.beneficiaries) changes.beneficiaries = JSON.stringify(input.beneficiaries);
      if (input.declarations) changes.declarations = JSON.stringify({ ...row.declarations, ...input.declarations });
      if (payment?.method) changes.payment_method = JSON.stringify(payment.method);
      if (input.requestedStartDate !== undefined) changes.requested_start_date = input.requestedStartDate;
      const after = await repo.updateApplication(trx, id, { ...changes, version: row.version + 1, updated_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'order.update',
        entity: { type: 'order', id },
        branchId: row.branch_id,
        before: {
          insured: row.insured,
          beneficiaries: row.beneficiaries,
          declarations: row.declarations,
          payment_method: row.payment_method,
          requested_start_date: row.requested_start_date,
        },
        after,
      });
    });
    return (await this.load(this.db, id))!;
  }

  /** One transition: state, version, the action's own checks and changes, history and audit. */
  async transition(
    actor: Actor,
    id: string,
    version: number,
    action: OrderAction,
    reason: string | null,
    apply: (trx: Trx, row: OrderRow, now: Date) => Promise<Record<string, unknown>> | Record<string, unknown> = () => ({}),
  ): Promise<Order> {
    const now = this.clock.now();
    await withTransaction(this.db, async (trx) => {
      const row = await this.lock(trx, actor, id);
      if (!canTake(action, row.status)) throw illegal(action, row.status);
      if (row.version !== version) throw new PreconditionFailedError(row.version);
      const to = ORDER_TRANSITIONS[action].to;
      const changes = await apply(trx, row, now);
      await repo.updateOrder(trx, id, { ...changes, status: to, version: row.version + 1, updated_at: now });
      await repo.insertStatusHistory(trx, { order_id: id, from_status: row.status, to_status: to, reason, changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, {
        actor,
        action: `order.${action}`,
        entity: { type: 'order', id },
        branchId: row.branch_id,
        before: { status: row.status },
        after: { status: to },
        metadata: reason ? { reason } : undefined,
      });
    });
    return (await this.load(this.db, id))!;
  }

  /** Draft or information requested → submitted: complete, quote unexpired, customer still eligible. */
  submit(actor: Actor, id: string, version: number, response?: string): Promise<Order> {
    return this.transition(actor, id, version, 'submit', response ?? null, async (trx, row, now) => {
      const quote = await this.quotes.saved(trx, actor, row.quote_id);
      const missing = incompleteness(
        { category: quote.product.category, beneficiaries: row.beneficiaries, declarations: row.declarations, paymentMethod: row.payment_method },
        quote.productVersion.definition.declarationQuestions,
      );
      if (missing.length) throw ordersConflict('ORDER_INCOMPLETE', 'The application is not complete yet.', { errors: missing });
      const documents = await this.checklist(trx, row.id, quote.requirements.documents);
      const absent = documents.filter((d) => d.status === 'missing' || d.status === 'rejected').map((d) => ({ code: d.code, name: d.name, status: d.status }));
      if (absent.length) throw ordersConflict('DOCUMENTS_MISSING', `Upload first: ${absent.map((d) => d.name).join('; ')}.`, { missing: absent });
      assertTripNotStarted(row, this.clock.businessDate(now));
      if (quote.validUntil < this.clock.businessDate(now))
        throw ordersConflict('QUOTE_EXPIRED', `The quote expired on ${quote.validUntil}: quote again and start a new application.`, { validUntil: quote.validUntil });
      const reasons = await this.quotes.eligibilityToday(trx, actor, quote, row.customer_id);
      if (reasons.length) throw ordersConflict('NOT_ELIGIBLE', 'The customer is no longer eligible for this product.', { reasons });
      return { submitted_by: actor.userId, submitted_at: now, first_submitted_at: row.first_submitted_at ?? now, info_request: null };
    });
  }

  withdraw(actor: Actor, id: string, version: number, reason: string) {
    return this.transition(actor, id, version, 'withdraw', reason);
  }

  /** Adds a required document to an open application (a new upload supersedes earlier ones of that document). */
  async uploadDocument(actor: Actor, id: string, code: string, file: UploadedFile): Promise<DocumentMeta> {
    return withTransaction(this.db, async (trx) => {
      const row = await this.lock(trx, actor, id);
      if (['approved', 'declined', 'withdrawn'].includes(row.status))
        throw ordersConflict('ORDER_CLOSED', `The order is ${row.status}: no more documents.`, { currentStatus: row.status });
      const quote = await this.quotes.saved(trx, actor, row.quote_id);
      if (!quote.requirements.documents.some((d) => d.code === code)) {
        throw new ValidationError([{ path: 'code', message: `Not a document this application needs (${quote.requirements.documents.map((d) => d.code).join(', ')})` }]);
      }
      return this.documents.store(trx, actor, { type: 'order', id: row.id, branchId: row.branch_id }, code, file);
    });
  }

  /** An underwriter verifies or rejects an uploaded document of an application under review. */
  async reviewDocument(actor: Actor, id: string, documentId: string, decision: { verified: true } | { verified: false; reason: string }): Promise<Order> {
    await withTransaction(this.db, async (trx) => {
      const row = await this.lock(trx, actor, id);
      if (!['submitted', 'in_underwriting'].includes(row.status))
        throw ordersConflict('ORDER_NOT_IN_REVIEW', `Documents are reviewed while the order is submitted or in underwriting; it is ${row.status.replace('_', ' ')}.`, {
          currentStatus: row.status,
        });
      await this.documents.review(trx, actor, { type: 'order', id }, documentId, decision);
    });
    return (await this.load(this.db, id))!;
  }

  /**
   * An underwriter waives a required document, saying why (approval needs each one verified or
   * waived): while the order is submitted or in underwriting, not once the document is verified or
   * already waived. The waiver row is its record (who, when, why), audited in the same transaction.
   */
  async waiveDocument(actor: Actor, id: string, code: string, reason: string): Promise<Order> {
    const now = this.clock.now();
    await withTransaction(this.db, async (trx) => {
      const row = await this.lock(trx, actor, id);
      if (!['submitted', 'in_underwriting'].includes(row.status))
        throw ordersConflict('ORDER_NOT_IN_REVIEW', `Documents are waived while the order is submitted or in underwriting; it is ${row.status.replace('_', ' ')}.`, {
          currentStatus: row.status,
        });
      const quote = await this.quotes.saved(trx, actor, row.quote_id);
      const item = (await this.checklist(trx, row.id, quote.requirements.documents)).find((d) => d.code === code);
      if (!item) throw new ValidationError([{ path: 'code', message: `Not a document this application needs (${quote.requirements.documents.map((d) => d.code).join(', ')})` }]);
      if (item.status === 'verified' || item.status === 'waived')
        throw ordersConflict('DOCUMENT_ALREADY_SETTLED', `${item.name} is already ${item.status}: there is nothing to waive.`, { currentStatus: item.status });
      await repo.insertDocumentWaiver(trx, { order_id: row.id, code, reason, waived_by: actor.userId, waived_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'order.waive_document',
        entity: { type: 'order', id: row.id },
        branchId: row.branch_id,
        before: { documentStatus: item.status },
        after: { documentStatus: 'waived' },
        metadata: { code, reason, documentId: item.document?.id ?? null },
      });
    });
    return (await this.load(this.db, id))!;
  }

  /** The customer's 360° section: the count and the newest five. */
  async overviewSection(db: DbOrTrx, actor: Actor, customerId: string): Promise<OverviewSectionContent<OverviewSectionItem<'applications'>>> {
    const { count, items } = await repo.newestOfCustomer(db, actor, customerId, 5);
    return { count, items: items.map((i) => ({ ...i, annualPremium: Number(i.annualPremium) })) };
  }

  /** The customer timeline's status changes of applications (none without `orders:read`). */
  async statusChanges(db: DbOrTrx, actor: Actor, customerId: string, window: TimelineWindow): Promise<TimelineEntry[]> {
    if (!actor.permissions.has('orders:read')) return [];
    return repo.statusChangesOfCustomer(db, actor, customerId, window);
  }

  /** Orders follow a customer merge. */
  moveCustomer(trx: Trx, sourceId: string, targetId: string): Promise<void> {
    return repo.moveToCustomer(trx, sourceId, targetId);
  }
}

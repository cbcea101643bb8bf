// Orders (applications): created from a saved, unexpired quote for its customer; edited while a
// draft (or while information is requested); moved through the status machine one endpoint per
// transition. Every change locks the row, checks branch scope, the current state (409) and the
// version (412), and writes the status history and the audit entry in the same transaction.
import type { ApproveOrderBody, Beneficiary, DeclarationAnswer, Order, OrderListQuery, OrderStatus, OrderSummary, PaymentMethod, UnderwritingQueueItem, UnderwritingQueueQuery, UpdateOrderBody } from '../../contracts/orders';
import type { PriceBreakdown, Quote } from '../../contracts/products';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import { keysetPage, type SortKey } from '../../platform/pagination';
import { nextRecordNumber, readStatusHistory } from '../../platform/records';
import { assertInScope, scoped } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { ChecklistItem, DocumentMeta } from '../../contracts/documents';
import type { UploadedFile } from '../../platform/http';
import type { DocumentsService } from '../documents/documents.service';
import type { ApprovalLimitsService } from '../identity/approval-limits.service';
import type { PolicyIssuer } from '../policies/policy-issuer';
import type { ExamsService } from './exams.service';
import type { QuoteBook } from '../products/quote-book';
import { beneficiaryErrors, declarationErrors, incompleteness, tokenisePaymentMethod } from './application-checks';
import { businessDaysBetween, canTake, ORDER_TRANSITIONS, type OrderAction } from './order-status';

export interface OrderRow {
  id: string;
  order_number: string;
  quote_id: string;
  customer_id: string;
  branch_id: string;
  agent_id: string;
  product_id: string;
  product_version_id: string;
  insured: Order['insured'];
  coverages: Order['coverages'];
  sum_insured: string | number;
  term_years: number;
  payment_frequency: Order['paymentFrequency'];
  currency: string;
  annual_premium: string | number;
  beneficiaries: Beneficiary[];
  declarations: Record<string, DeclarationAnswer>;
  payment_method: PaymentMethod | null;
  requested_start_date: string | null;
  status: OrderStatus;
  submitted_by: string | null;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  underwriter_id: string | null;
  info_request: string | null;
  decided_at: Date | null;
  processing_business_days: number | null;
  extra_premium_percent: number | null;
  exclusions: string[];
  approved_annual_premium: string | number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** Sums insured from which an application is high priority in the underwriting queue (minor units). */
const HIGH_PRIORITY_SUM_INSURED = 1_000_000_00;

const ORDER_LIST_ORDER: SortKey[] = [
  { column: 'o.created_at', field: 'created_at', dir: 'desc' },
  { column: 'o.id', field: 'id', dir: 'desc' },
];

const illegal = (action: OrderAction, status: OrderStatus) =>
  new ConflictError('ILLEGAL_TRANSITION', `An order that is ${status.replace('_', ' ')} cannot be ${action === 'start_review' ? 'taken for review' : `${action.replace('_', ' ')}ed`}.`, { currentStatus: status });

export class OrdersService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly quotes: QuoteBook,
    private readonly approvalLimits: ApprovalLimitsService,
    private readonly policies: PolicyIssuer,
    private readonly documents: DocumentsService,
    private readonly exams: ExamsService,
  ) {}

  /** Each required document with its latest upload: missing, uploaded, verified or rejected. */
  private async checklist(db: DbOrTrx, orderId: string, required: { code: string; name: string }[]): Promise<ChecklistItem[]> {
    const uploads = await this.documents.forOwner(db, 'order', orderId);
    return required.map((r) => {
      const latest = uploads.find((d) => d.code === r.code) ?? null;
      return { code: r.code, name: r.name, status: latest?.status ?? 'missing', document: latest };
    });
  }

  /** The order with its names resolved (customer, agent, product, quote) and its status history. */
  private async load(db: DbOrTrx, id: string): Promise<Order | undefined> {
    const r = await this.listQuery(db)
      .leftJoin('policies as pol', 'pol.order_id', 'o.id')
      .leftJoin('users as uw', 'uw.id', 'o.underwriter_id')
      .leftJoin('users as dec', 'dec.id', 'o.decided_by')
      .where('o.id', id)
      .first('o.*', 'pol.id as policy_id', 'uw.name as underwriter_name', 'dec.name as decided_by_name', 'c.customer_number', 'c.first_name', 'c.last_name', 'a.name as agent_name', 'p.name as product_name', 'p.category as product_category', 'v.version_number', 'v.definition', 'q.quote_number', 'q.result as quote_result');
    if (!r) return undefined;
    const requirements = (r.quote_result as Pick<Quote, 'requirements'>).requirements ?? { medicalExams: [], referrals: [], documents: [] };

    return {
      ...this.summary(r),
      quoteId: r.quote_id,
      quoteNumber: r.quote_number,
      insured: r.insured,
      coverages: r.coverages,
      termYears: r.term_years,
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

  private listQuery(db: DbOrTrx) {
    return db('orders as o')
      .join('customers as c', 'c.id', 'o.customer_id')
      .join('users as a', 'a.id', 'o.agent_id')
      .join('products as p', 'p.id', 'o.product_id')
      .join('product_versions as v', 'v.id', 'o.product_version_id')
      .join('quotes as q', 'q.id', 'o.quote_id');
  }

  private summary(r: OrderRow & Record<string, any>): OrderSummary {
    return {
      id: r.id,
      orderNumber: r.order_number,
      status: r.status,
      customer: { id: r.customer_id, customerNumber: r.customer_number, name: `${r.first_name} ${r.last_name}` },
      product: { id: r.product_id, name: r.product_name, category: r.product_category, versionId: r.product_version_id, versionNumber: r.version_number },
      sumInsured: Number(r.sum_insured),
      currency: r.currency,
      annualPremium: Number(r.annual_premium),
      branchId: r.branch_id,
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
    const q = scoped(this.listQuery(this.db), actor, 'o.branch_id').select('o.*', 'c.customer_number', 'c.first_name', 'c.last_name', 'a.name as agent_name', 'p.name as product_name', 'p.category as product_category', 'v.version_number');
    if (filter.status) q.where('o.status', filter.status);
    if (filter.productId) q.where('o.product_id', filter.productId);
    if (filter.agentId) q.where('o.agent_id', filter.agentId);
    if (filter.branchId) q.where('o.branch_id', filter.branchId);
    if (filter.customerId) q.where('o.customer_id', filter.customerId);
    if (filter.createdFrom) q.where('o.created_at', '>=', filter.createdFrom);
    if (filter.createdTo) q.whereRaw(`o.created_at < (?::date + 1)`, [filter.createdTo]);
    const page = await keysetPage<OrderRow & Record<string, unknown>>(q, ORDER_LIST_ORDER, filter);
    return { items: page.items.map((r) => this.summary(r)), nextCursor: page.nextCursor };
  }

  async create(actor: Actor, quoteId: string): Promise<Order> {
    const now = this.clock.now();
    const today = this.clock.businessDate(now);
    const id = await withTransaction(this.db, async (trx) => {
      const quote = await this.quotes.saved(trx, actor, quoteId);
      if (!quote.customerId) throw new ConflictError('QUOTE_WITHOUT_CUSTOMER', 'This quote is for someone not on file: create the customer and quote for them first.');
      if (quote.validUntil < today) throw new ConflictError('QUOTE_EXPIRED', `The quote expired on ${quote.validUntil}: quote again.`, { validUntil: quote.validUntil });
      const existing = await trx('orders').where({ quote_id: quoteId }).whereNot('status', 'withdrawn').first('id', 'order_number');
      if (existing) throw new ConflictError('ORDER_EXISTS', `Quote ${quote.quoteNumber} already has application ${existing.order_number}.`, { orderId: existing.id });
      const [row] = await trx('orders')
        .insert({
          order_number: nextRecordNumber(trx, 'O', 'order_number_seq'),
          quote_id: quote.id,
          customer_id: quote.customerId,
          branch_id: quote.branchId,
          agent_id: actor.userId,
          product_id: quote.product.id,
          product_version_id: quote.productVersion.id,
          coverages: JSON.stringify(quote.coverages),
          sum_insured: quote.coverages.reduce((sum, c) => sum + c.sumInsured, 0),
          term_years: quote.termYears,
          payment_frequency: quote.paymentFrequency,
          currency: quote.currency,
          annual_premium: quote.annualPremium,
          created_at: now,
          updated_at: now,
        })
        .returning(['id', 'order_number']);
      await trx('order_status_history').insert({ order_id: row.id, from_status: null, to_status: 'draft', reason: `From quote ${quote.quoteNumber}`, changed_by: actor.userId, changed_at: now });
      await this.exams.createForOrder(trx, actor, { id: row.id, branchId: quote.branchId }, quote.requirements.medicalExams);
      await this.audit.record(trx, { actor, action: 'order.create', entity: { type: 'order', id: row.id }, branchId: quote.branchId, metadata: { orderNumber: row.order_number, quoteId: quote.id, customerId: quote.customerId } });
      return row.id as string;
    });
    return (await this.load(this.db, id))!;
  }

  /** Locks a visible order at `version` (404 out of scope, 412 stale — after the state check, so a lost race reads 409). */
  private async lock(trx: Trx, actor: Actor, id: string): Promise<OrderRow> {
    const row: OrderRow | undefined = await trx('orders').where({ id }).forUpdate().first();
    if (!row) throw new NotFoundError('order');
    assertInScope(actor, row.branch_id, 'order');
    return row;
  }

  private questionsOf(trx: DbOrTrx, versionId: string) {
    return trx('product_versions').where({ id: versionId }).first('definition').then((v) => v.definition.declarationQuestions as import('../../contracts/products').DeclarationQuestion[]);
  }

  async update(actor: Actor, id: string, version: number, input: UpdateOrderBody): Promise<Order> {
    const now = this.clock.now();
    await withTransaction(this.db, async (trx) => {
      const row = await this.lock(trx, actor, id);
      if (row.status !== 'draft' && row.status !== 'info_requested') throw new ConflictError('ORDER_NOT_EDITABLE', `An order that is ${row.status.replace('_', ' ')} can no longer be changed.`, { currentStatus: row.status });
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
      if (input.requestedStartDate && input.requestedStartDate < today) errors.push({ path: 'requestedStartDate', message: 'Ask for today or a later date' });
      if (input.declarations) errors.push(...declarationErrors(await this.questionsOf(trx, row.product_version_id), input.declarations));
      const payment = input.paymentMethod ? tokenisePaymentMethod(input.paymentMethod, today) : undefined;
      if (payment) errors.push(...payment.errors);
      if (errors.length) throw new ValidationError(errors);
      const changes: Record<string, unknown> = {};
      if (input.insured !== undefined) changes.insured = input.insured === null ? null : JSON.stringify(input.insured);
      if (input.beneficiaries) changes.beneficiaries = JSON.stringify(input.beneficiaries);
      if (input.declarations) changes.declarations = JSON.stringify({ ...row.declarations, ...input.declarations });
      if (payment?.method) changes.payment_method = JSON.stringify(payment.method);
      if (input.requestedStartDate !== undefined) changes.requested_start_date = input.requestedStartDate;
      await trx('orders').where({ id }).update({ ...changes, version: row.version + 1, updated_at: now });
      const after = await trx('orders').where({ id }).first('insured', 'beneficiaries', 'declarations', 'payment_method', 'requested_start_date');
      await this.audit.record(trx, {
        actor,
        action: 'order.update',
        entity: { type: 'order', id },
        branchId: row.branch_id,
        before: { insured: row.insured, beneficiaries: row.beneficiaries, declarations: row.declarations, payment_method: row.payment_method, requested_start_date: row.requested_start_date },
        after,
      });
    });
    return (await this.load(this.db, id))!;
  }

  /** One transition: state, version, the action's own checks and changes, history and audit. */
  private async transition(actor: Actor, id: string, version: number, action: OrderAction, reason: string | null, apply: (trx: Trx, row: OrderRow, now: Date) => Promise<Record<string, unknown>> | Record<string, unknown> = () => ({})): Promise<Order> {
    const now = this.clock.now();
    await withTransaction(this.db, async (trx) => {
      const row = await this.lock(trx, actor, id);
      if (!canTake(action, row.status)) throw illegal(action, row.status);
      if (row.version !== version) throw new PreconditionFailedError(row.version);
      const to = ORDER_TRANSITIONS[action].to;
      const changes = await apply(trx, row, now);
      await trx('orders').where({ id }).update({ ...changes, status: to, version: row.version + 1, updated_at: now });
      await trx('order_status_history').insert({ order_id: id, from_status: row.status, to_status: to, reason, changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, { actor, action: `order.${action}`, entity: { type: 'order', id }, branchId: row.branch_id, before: { status: row.status }, after: { status: to }, metadata: reason ? { reason } : undefined });
    });
    return (await this.load(this.db, id))!;
  }

  /** Draft or information requested → submitted: complete, quote unexpired, customer still eligible. */
  submit(actor: Actor, id: string, version: number, response?: string): Promise<Order> {
    return this.transition(actor, id, version, 'submit', response ?? null, async (trx, row, now) => {
      const quote = await this.quotes.saved(trx, actor, row.quote_id);
      const missing = incompleteness({ category: quote.product.category, beneficiaries: row.beneficiaries, declarations: row.declarations, paymentMethod: row.payment_method }, quote.productVersion.definition.declarationQuestions);
      if (missing.length) throw new ConflictError('ORDER_INCOMPLETE', 'The application is not complete yet.', { errors: missing });
      const documents = await this.checklist(trx, row.id, quote.requirements.documents);
      const absent = documents.filter((d) => d.status === 'missing' || d.status === 'rejected').map((d) => ({ code: d.code, name: d.name, status: d.status }));
      if (absent.length) throw new ConflictError('DOCUMENTS_MISSING', `Upload first: ${absent.map((d) => d.name).join('; ')}.`, { missing: absent });
      if (quote.validUntil < this.clock.businessDate(now)) throw new ConflictError('QUOTE_EXPIRED', `The quote expired on ${quote.validUntil}: quote again and start a new application.`, { validUntil: quote.validUntil });
      const reasons = await this.quotes.eligibilityToday(trx, actor, quote, row.customer_id);
      if (reasons.length) throw new ConflictError('NOT_ELIGIBLE', 'The customer is no longer eligible for this product.', { reasons });
      return { submitted_by: actor.userId, submitted_at: now, first_submitted_at: row.first_submitted_at ?? now, info_request: null };
    });
  }

  withdraw(actor: Actor, id: string, version: number, reason: string) {
    return this.transition(actor, id, version, 'withdraw', reason);
  }

  /** The underwriter who takes it becomes its underwriter. */
  startReview(actor: Actor, id: string, version: number) {
    return this.transition(actor, id, version, 'start_review', null, () => ({ underwriter_id: actor.userId }));
  }

  requestInfo(actor: Actor, id: string, version: number, what: string) {
    return this.transition(actor, id, version, 'request_info', what, () => ({ info_request: what }));
  }

  decline(actor: Actor, id: string, version: number, reasonCode: string, note: string) {
    return this.transition(actor, id, version, 'decline', `${reasonCode}: ${note}`, (_trx, row, now) => ({
      decided_at: now,
      decided_by: actor.userId,
      decision_note: note,
      decline_reason_code: reasonCode,
      processing_business_days: businessDaysBetween(this.clock.businessDate(row.first_submitted_at!), this.clock.businessDate(now)),
    }));
  }

  /** What the premium would be with an extra premium, before the underwriter confirms (no change). */
  async ratingPreview(actor: Actor, id: string, extraPercent: number): Promise<PriceBreakdown> {
    const row: OrderRow | undefined = await this.db('orders').where({ id }).first();
    if (!row) throw new NotFoundError('order');
    assertInScope(actor, row.branch_id, 'order');
    return this.quotes.ratedPrice(await this.quotes.saved(this.db, actor, row.quote_id), extraPercent);
  }

  /**
   * In underwriting → approved, as quoted or with a rating, and the policy issued in the same
   * transaction. The approver may not be who submitted it (four-eyes) and their order_sum_insured
   * limit must cover the sum insured.
   */
  approve(actor: Actor, id: string, version: number, input: ApproveOrderBody): Promise<Order> {
    return this.transition(actor, id, version, 'approve', input.note ?? null, async (trx, row, now) => {
      this.approvalLimits.assertFourEyes(actor, row.submitted_by);
      const outstanding = await this.exams.outstanding(trx, row.id);
      if (outstanding.length) {
        throw new ConflictError('EXAMS_OUTSTANDING', `Exams still open: ${outstanding.map((e) => `${e.examType.replace('_', ' ')} (${e.status.replace('_', ' ')})`).join(', ')}. Receive their results or waive them first.`, { exams: outstanding });
      }
      await this.approvalLimits.assertWithinLimit(trx, actor, 'order_sum_insured', Number(row.sum_insured), row.currency);
      const quote = await this.quotes.saved(trx, actor, row.quote_id);
      const price = this.quotes.ratedPrice(quote, input.extraPremiumPercent);
      const exclusions = input.exclusions ?? [];
      await this.policies.issue(trx, actor, {
        orderId: row.id,
        orderNumber: row.order_number,
        customerId: row.customer_id,
        branchId: row.branch_id,
        agentId: row.agent_id,
        insured: row.insured,
        productId: row.product_id,
        productVersionId: row.product_version_id,
        coverages: row.coverages,
        sumInsured: Number(row.sum_insured),
        currency: row.currency,
        price,
        extraPremiumPercent: input.extraPremiumPercent ?? null,
        exclusions,
        paymentFrequency: row.payment_frequency,
        termYears: row.term_years,
        requestedStartDate: row.requested_start_date,
        beneficiaries: row.beneficiaries,
        paymentMethod: row.payment_method,
      });
      return {
        decided_at: now,
        decided_by: actor.userId,
        decision_note: input.note ?? null,
        extra_premium_percent: input.extraPremiumPercent ?? null,
        exclusions: JSON.stringify(exclusions),
        approved_annual_premium: price.annualPremium,
        processing_business_days: businessDaysBetween(this.clock.businessDate(row.first_submitted_at!), this.clock.businessDate(now)),
      };
    });
  }

  /** Adds a required document to an open application (a new upload supersedes earlier ones of that document). */
  async uploadDocument(actor: Actor, id: string, code: string, file: UploadedFile): Promise<DocumentMeta> {
    return withTransaction(this.db, async (trx) => {
      const row = await this.lock(trx, actor, id);
      if (['approved', 'declined', 'withdrawn'].includes(row.status)) throw new ConflictError('ORDER_CLOSED', `The order is ${row.status}: no more documents.`, { currentStatus: row.status });
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
      if (!['submitted', 'in_underwriting'].includes(row.status)) throw new ConflictError('ORDER_NOT_IN_REVIEW', `Documents are reviewed while the order is submitted or in underwriting; it is ${row.status.replace('_', ' ')}.`, { currentStatus: row.status });
      await this.documents.review(trx, actor, { type: 'order', id }, documentId, decision);
    });
    return (await this.load(this.db, id))!;
  }

  /**
   * Orders awaiting a decision (submitted, or in underwriting), high priority first (a referral
   * reason, or a sum insured of 1,000,000 or more), then the longest waiting. A bounded list, not
   * paged: it is a work queue, and the filters narrow it.
   */
  async queue(actor: Actor, filter: UnderwritingQueueQuery): Promise<{ items: UnderwritingQueueItem[] }> {
    const q = scoped(this.listQuery(this.db), actor, 'o.branch_id')
      .leftJoin('users as uw', 'uw.id', 'o.underwriter_id')
      .whereIn('o.status', filter.status ? [filter.status] : ['submitted', 'in_underwriting'])
      .select('o.*', 'c.customer_number', 'c.first_name', 'c.last_name', 'a.name as agent_name', 'p.name as product_name', 'p.category as product_category', 'v.version_number', 'uw.name as underwriter_name')
      .select(this.db.raw(`COALESCE(q.result->'requirements'->'referrals', '[]'::jsonb) AS referrals`))
      .select(this.db.raw(`(jsonb_array_length(COALESCE(q.result->'requirements'->'referrals', '[]'::jsonb)) > 0 OR o.sum_insured >= ?) AS high_priority`, [HIGH_PRIORITY_SUM_INSURED]))
      .orderBy('high_priority', 'desc')
      .orderBy('o.submitted_at', 'asc')
      .orderBy('o.id', 'asc')
      .limit(filter.limit);
    if (filter.productId) q.where('o.product_id', filter.productId);
    if (filter.branchId) q.where('o.branch_id', filter.branchId);
    if (filter.referralReason) q.whereRaw(`q.result->'requirements'->'referrals' @> ?::jsonb`, [JSON.stringify([{ code: filter.referralReason }])]);
    const today = this.clock.businessDate();
    const rows = await q;
    return {
      items: rows.map((r) => ({
        ...this.summary(r),
        priority: r.high_priority ? 'high' : 'normal',
        referrals: r.referrals,
        ageBusinessDays: businessDaysBetween(this.clock.businessDate(r.submitted_at), today),
        underwriter: r.underwriter_id ? { id: r.underwriter_id, name: r.underwriter_name } : null,
      })),
    };
  }
}

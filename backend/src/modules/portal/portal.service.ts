// What a customer reads in the portal: only their own records, through the owning modules' services
// (policyFacts, customerBilling, customerClaims, customerCases, documents). Every id in a path is
// looked up among the customer's own records — another customer's id is a 404, never a 403. Every
// read is audited with the customer as actor, filed under their customer record (the staff's
// history of that customer shows it).
import type { PortalPaymentResult, PortalDocument, PortalHome, PortalInvoice, PortalPayment, PortalPolicy, PortalPolicySummary } from '../../contracts/portal';
import type { Db } from '../../db';
import type { CustomerActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import type { IdempotencyRequest } from '../../platform/idempotency';
import type { AuditService } from '../audit/audit.service';
import type { CustomerBilling, HolderInvoice } from '../billing/customer-billing';
import type { CustomerClaims } from '../claims/customer-claims';
import type { DocumentsService } from '../documents/documents.service';
import type { HolderPolicy, PolicyFacts } from '../policies/policy-facts';
import { POLICY_DOCUMENT_OWNER } from '../policies/policy-schedules.service';
import type { CustomerCases } from '../service/customer-cases';
import { asAuditActor, type PortalAuthService } from './portal-auth.service';

const toSummary = ({ branchId: _branch, ...p }: HolderPolicy): PortalPolicySummary => p;

export class PortalService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly auth: PortalAuthService,
    private readonly policyFacts: PolicyFacts,
    private readonly billing: CustomerBilling,
    private readonly claims: CustomerClaims,
    private readonly cases: CustomerCases,
    private readonly documents: DocumentsService,
  ) {}

  /** One audit row for what the customer did, filed under their record. */
  private record(customer: CustomerActor, kind: 'view' | 'download', what: string, extra: Record<string, unknown> = {}) {
    return this.audit.record(this.db, {
      actor: asAuditActor(customer.accountId),
      action: `portal.${kind === 'download' ? 'download' : 'view'}`,
      entity: { type: 'customer', id: customer.customerId },
      branchId: customer.branchId,
      metadata: { what, ...extra },
    });
  }

  private async policiesOf(customer: CustomerActor) {
    return this.policyFacts.ofHolder(this.db, customer.customerId);
  }

  private async ownPolicy(customer: CustomerActor, policyId: string): Promise<HolderPolicy> {
    const policy = (await this.policiesOf(customer)).find((p) => p.id === policyId);
    if (!policy) throw new NotFoundError('policy');
    return policy;
  }

  private invoiceDto(i: HolderInvoice, numbers: ReadonlyMap<string, string>): PortalInvoice {
    return { ...i, policyNumber: numbers.get(i.policyId) ?? null };
  }

  async home(customer: CustomerActor): Promise<PortalHome> {
    const [me, policies, unpaid, claims, requests] = await Promise.all([
      this.auth.me(customer),
      this.policiesOf(customer),
      this.billing.invoicesOf(this.db, customer.customerId, { unpaidOnly: true }),
      this.claims.openOf(this.db, customer.customerId),
      this.cases.openOf(this.db, customer.customerId),
    ]);
    const numbers = new Map(policies.map((p) => [p.id, p.policyNumber]));
    const next = unpaid.filter((i) => i.openAmount > 0).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.invoiceNumber.localeCompare(b.invoiceNumber))[0];
    await this.record(customer, 'view', 'home');
    return {
      customer: me,
      policies: policies.map(toSummary),
      nextInvoice: next ? this.invoiceDto(next, numbers) : null,
      openClaims: claims.map(({ policyId, ...c }) => ({ ...c, policyNumber: numbers.get(policyId) ?? null })),
      openRequests: requests,
    };
  }

  async policies(customer: CustomerActor): Promise<PortalPolicySummary[]> {
    const policies = await this.policiesOf(customer);
    await this.record(customer, 'view', 'policies');
    return policies.map(toSummary);
  }

  /** A policy with the terms in force today and its newest schedule. */
  async policy(customer: CustomerActor, policyId: string): Promise<PortalPolicy> {
    const policy = await this.ownPolicy(customer, policyId);
    const [facts, schedule] = await Promise.all([this.policyFacts.onDate(this.db, policy.id, this.clock.businessDate()), this.policyFacts.latestSchedule(this.db, policy.id)]);
    await this.record(customer, 'view', 'policy', { policyId: policy.id });
    const terms = facts?.terms;
    return {
      ...toSummary(policy),
      terms: terms
        ? {
            version: terms.version,
            effectiveFrom: terms.effectiveFrom,
            coverages: terms.coverages.map((c) => ({ ...c, sumInsured: Number(c.sumInsured) })),
            exclusions: terms.exclusions,
          }
        : null,
      schedule: schedule ?? null,
    };
  }

  /** The newest schedule PDF of one of the customer's policies. */
  async schedule(customer: CustomerActor, policyId: string) {
    const policy = await this.ownPolicy(customer, policyId);
    const schedule = await this.policyFacts.latestSchedule(this.db, policy.id);
    if (!schedule) throw new NotFoundError('schedule');
    const file = await this.documents.openOwned(this.db, POLICY_DOCUMENT_OWNER, [policy.id], schedule.documentId);
    await this.record(customer, 'download', 'schedule', { policyId: policy.id, documentId: schedule.documentId, version: schedule.version });
    return file;
  }

  /** The documents of the customer's policies (schedules and the policy's other files), newest first. */
  async documentsList(customer: CustomerActor): Promise<PortalDocument[]> {
    const policies = await this.policiesOf(customer);
    const perPolicy = await Promise.all(
      policies.map(async (p) => (await this.documents.forOwner(this.db, POLICY_DOCUMENT_OWNER, p.id)).map((d) => ({ d, policyNumber: p.policyNumber }))),
    );
    await this.record(customer, 'view', 'documents');
    return perPolicy
      .flat()
      .sort((a, b) => b.d.uploadedAt.localeCompare(a.d.uploadedAt) || a.d.id.localeCompare(b.d.id))
      .map(({ d, policyNumber }) => ({ id: d.id, filename: d.filename, contentType: d.contentType, sizeBytes: d.sizeBytes, uploadedAt: d.uploadedAt, policyNumber, code: d.code }));
  }

  async document(customer: CustomerActor, documentId: string) {
    const policies = await this.policiesOf(customer);
    const file = await this.documents.openOwned(
      this.db,
      POLICY_DOCUMENT_OWNER,
      policies.map((p) => p.id),
      documentId,
    );
    await this.record(customer, 'download', 'document', { documentId });
    return file;
  }

  async invoices(customer: CustomerActor): Promise<PortalInvoice[]> {
    const [policies, invoices] = await Promise.all([this.policiesOf(customer), this.billing.invoicesOf(this.db, customer.customerId)]);
    const numbers = new Map(policies.map((p) => [p.id, p.policyNumber]));
    await this.record(customer, 'view', 'invoices');
    return invoices.map((i) => this.invoiceDto(i, numbers));
  }

  async invoice(customer: CustomerActor, invoiceId: string): Promise<PortalInvoice> {
    const [policies, [invoice]] = await Promise.all([this.policiesOf(customer), this.billing.invoicesOf(this.db, customer.customerId, { invoiceId })]);
    if (!invoice) throw new NotFoundError('invoice');
    await this.record(customer, 'view', 'invoice', { invoiceId });
    return this.invoiceDto(invoice, new Map(policies.map((p) => [p.id, p.policyNumber])));
  }

  /** Pays one of the customer's open invoices by the card on file (billing does it; one payment per key). */
  async payInvoice(customer: CustomerActor, idem: IdempotencyRequest, invoiceId: string) {
    const [policies, outcome] = await Promise.all([this.policiesOf(customer), this.billing.payInvoice(customer, idem, invoiceId)]);
    const p = outcome.body;
    const policyNumber = p.policyId ? (policies.find((x) => x.id === p.policyId)?.policyNumber ?? null) : null;
    const body: PortalPaymentResult = {
      id: p.id,
      paymentNumber: p.paymentNumber,
      policyNumber,
      method: p.method,
      amount: p.amount,
      currency: p.currency,
      status: p.status,
      receivedOn: p.receivedOn,
      cardLast4: p.cardLast4,
      failureMessage: p.failureMessage,
    };
    return { ...outcome, body, location: undefined };
  }

  async payments(customer: CustomerActor): Promise<PortalPayment[]> {
    const [policies, payments] = await Promise.all([this.policiesOf(customer), this.billing.paymentsOf(this.db, customer.customerId)]);
    const numbers = new Map(policies.map((p) => [p.id, p.policyNumber]));
    await this.record(customer, 'view', 'payments');
    return payments.map(({ policyId, ...p }) => ({ ...p, policyNumber: policyId ? (numbers.get(policyId) ?? null) : null }));
  }
}

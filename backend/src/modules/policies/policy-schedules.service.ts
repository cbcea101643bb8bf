// The policy schedule's versions: `issue` renders the policy's terms as a PDF (schedule-pdf.ts) and
// stores it through the documents service (bytes by SHA-256, a `document.upload` audit entry) with a
// policy_schedules row naming its version — all inside the caller's transaction, so an issuance or a
// policy transaction whose schedule cannot be made fails whole. Reads are branch-scoped; a download
// is the documents service's (read permission of the owner, scope, sensitive-read audit).
import { POLICY_SCHEDULE_DOCUMENT_CODE, type PolicySchedule } from '../../contracts/policy-schedules';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import { visibleOr404 } from '../../platform/scope';
import type { BillingHooks } from '../billing/billing-policies';
import type { DocumentsService } from '../documents/documents.service';
import * as repo from './policy-schedules.repository';
import { renderSchedulePdf, scheduleFilename, type ScheduleContent } from './schedule-pdf';

/** The documents' owner type of a policy's files (read with policies:read). */
export const POLICY_DOCUMENT_OWNER = 'policy';

export interface ScheduleIssue {
  policyId: string;
  /** 1 at issue; a policy transaction passes the policy's new terms version. */
  version: number;
  /** Why this version exists ("Issued from order O-000123", "Endorsement T-000045"). */
  reason: string;
  /** The date this version's terms take effect from. */
  effectiveDate: string;
}

const toDto = (r: repo.ScheduleRow): PolicySchedule => ({
  version: r.version,
  effectiveDate: r.effective_date,
  reason: r.reason,
  documentId: r.document_id,
  filename: r.filename ?? '',
  sizeBytes: Number(r.size_bytes ?? 0),
  sha256: r.sha256,
  createdBy: { id: r.created_by, name: r.created_by_name ?? '' },
  createdAt: r.created_at.toISOString(),
});

const PAYMENT_METHOD_TYPES: Record<string, string> = { card: 'Card', bank_account: 'Bank account' };

export class PolicySchedules {
  constructor(
    private readonly clock: Clock,
    private readonly documents: DocumentsService,
    private readonly billing: BillingHooks,
    private readonly insurerName: string,
  ) {}

  /** What the schedule shows: the policy's terms as they are in `db` (the caller's transaction sees its own changes). */
  async content(db: DbOrTrx, issue: ScheduleIssue): Promise<ScheduleContent & { branchId: string }> {
    const p = await repo.scheduleSource(db, issue.policyId);
    if (!p) throw new NotFoundError('policy');
    const names = new Map(p.coverage_definitions.map((d) => [d.code, d.name]));
    const pm = p.payment_method;
    return {
      branchId: p.branch_id,
      insurerName: this.insurerName,
      branch: { code: p.branch_code, name: p.branch_name },
      policyNumber: p.policy_number,
      version: issue.version,
      reason: issue.reason,
      effectiveDate: issue.effectiveDate,
      generatedAt: this.clock.now(),
      status: p.status,
      product: { name: p.product_name, versionNumber: p.version_number },
      agentName: p.agent_name,
      holder: {
        name: `${p.first_name} ${p.last_name}`,
        customerNumber: p.customer_number,
        dateOfBirth: p.date_of_birth,
        address: [p.address_line1, p.address_line2, [p.postal_code, p.city, p.region].filter(Boolean).join(' '), p.country].filter((l): l is string => !!l),
      },
      insured: p.insured ? { name: `${p.insured.firstName} ${p.insured.lastName}`, dateOfBirth: p.insured.dateOfBirth, relationship: p.insured.relationship } : null,
      coverages: p.coverages.map((c) => ({ code: c.code, name: names.get(c.code) ?? c.code, sumInsured: Number(c.sumInsured), deductible: c.deductible })),
      sumInsured: Number(p.sum_insured),
      currency: p.currency.trim(),
      extraPremiumPercent: p.extra_premium_percent,
      exclusions: p.exclusions,
      annualPremium: Number(p.annual_premium),
      paymentFrequency: p.payment_frequency,
      installments: { count: p.installment_count, amount: Number(p.installment_amount), firstAmount: Number(p.first_installment_amount) },
      installmentSchedule: await this.billing.installmentsOf(db, p.id),
      paymentMethod: pm ? `${PAYMENT_METHOD_TYPES[pm.type] ?? pm.type}${pm.brand ? ` (${pm.brand})` : ''} ending ${pm.last4}` : null,
      beneficiaries: p.beneficiaries.map((b) => ({ name: b.name, relationship: b.relationship, tier: b.tier, share: Number(b.share), dateOfBirth: b.dateOfBirth })),
      termYears: p.term_years,
      startDate: p.start_date,
      endDate: p.end_date,
      issuedAt: p.issued_at,
    };
  }

  /**
   * Makes and keeps version `issue.version` of the policy's schedule, in `trx`. Throws (and so undoes
   * the caller's transaction) when the PDF cannot be made or stored; a version that exists already
   * is a 409 (unique policy and version).
   */
  async issue(trx: Trx, actor: Actor, issue: ScheduleIssue): Promise<PolicySchedule> {
    const { branchId, ...content } = await this.content(trx, issue);
    const bytes = await renderSchedulePdf(content);
    const filename = scheduleFilename(content.policyNumber, issue.version);
    const document = await this.documents.store(trx, actor, { type: POLICY_DOCUMENT_OWNER, id: issue.policyId, branchId }, POLICY_SCHEDULE_DOCUMENT_CODE, {
      originalName: filename,
      declaredType: 'application/pdf',
      bytes,
    });
    const row = await repo.insertSchedule(trx, {
      policy_id: issue.policyId,
      version: issue.version,
      document_id: document.id,
      sha256: document.sha256,
      reason: issue.reason,
      effective_date: issue.effectiveDate,
      created_by: actor.userId,
      created_at: this.clock.now(),
    });
    return toDto({ ...row, filename: document.filename, size_bytes: document.sizeBytes, created_by_name: document.uploadedBy.name });
  }

  /** The next version number of the policy's schedule (1 when it has none). */
  async nextVersion(db: DbOrTrx, policyId: string): Promise<number> {
    return (await repo.latestVersion(db, policyId)) + 1;
  }

  private async visiblePolicy(db: DbOrTrx, actor: Actor, policyId: string) {
    return visibleOr404(actor, await repo.policyBranch(db, policyId), 'policy');
  }

  /** Every version of a policy's schedule, newest first (404 for a policy out of scope). */
  async list(db: DbOrTrx, actor: Actor, policyId: string): Promise<PolicySchedule[]> {
    await this.visiblePolicy(db, actor, policyId);
    return (await repo.schedulesOf(db, policyId)).map(toDto);
  }

  /** One version's file for download: the documents service checks the read permission and scope again and records the sensitive read. */
  async open(db: DbOrTrx, actor: Actor, policyId: string, version: number) {
    await this.visiblePolicy(db, actor, policyId);
    const row = await repo.scheduleOf(db, policyId, version);
    if (!row) throw new NotFoundError('policy schedule version');
    const file = await this.documents.open(db, actor, row.document_id);
    return { schedule: toDto(row), path: file.path };
  }

  /**
   * Back-fill for policies issued before schedules existed: version 1 of each, as at issue (the
   * policy's start date, by its issuer) — only of policies issued by `issuedBy` when given (the demo
   * seed passes the demo users, so a volume book beside the demo data is left alone). Answers how
   * many it made.
   */
  async backfill(trx: Trx, actorOf: (userId: string) => Promise<Actor>, options: { issuedBy?: readonly string[]; batch?: number } = {}): Promise<number> {
    let made = 0;
    for (;;) {
      const missing = await repo.policiesWithoutSchedule(trx, options.batch ?? 500, options.issuedBy);
      if (!missing.length) return made;
      for (const p of missing) {
        await this.issue(trx, await actorOf(p.issued_by), { policyId: p.id, version: 1, reason: `Issued from order ${p.order_number}`, effectiveDate: p.start_date });
        made++;
      }
    }
  }
}

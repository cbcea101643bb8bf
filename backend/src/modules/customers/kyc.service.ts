// KYC: verification records and the customer's KYC status.
//   not_started → pending → verified | rejected;  rejected | expired → pending;  verified → expired (daily job)
// A verification is checked by someone other than the person who recorded it; an expired
// identity document, or a utility bill alone, cannot make a customer verified.
import type { KycOverview, KycVerification, SubmitKycVerificationBody } from '../../contracts/customers';
import { withTransaction, type Db, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import { kycConflict } from './customers.errors';
import type { FieldCrypto } from '../../platform/field-crypto';
import { maskTail } from '../../platform/masking';
import type { AuditService } from '../audit/audit.service';
import type { ApprovalLimitsService } from '../identity/approval-limits.service';
import * as customersRepo from './customers.repository';
import type { CustomerRow } from './customers.repository';
import * as repo from './kyc.repository';
import type { VerificationRow } from './kyc.repository';
import type { CustomersService } from './customers.service';
import { isIsoCountry } from './personal-data';
import type { RiskService } from './risk.service';

const DOCUMENT_NUMBER = 'kyc_verifications.document_number';

const toVerification = (v: VerificationRow): KycVerification => ({
  id: v.id,
  documentType: v.document_type,
  documentNumberMasked: v.document_number_masked,
  issuingCountry: v.issuing_country,
  expiryDate: v.expiry_date,
  result: v.result,
  resultReason: v.result_reason,
  notes: v.notes,
  checkedBy: v.checked_by,
  checkedByName: v.checked_by_name ?? null,
  checkedAt: v.checked_at?.toISOString() ?? null,
  createdBy: v.created_by,
  createdAt: v.created_at.toISOString(),
  version: v.version,
});

/** `date` plus `months`, clamped to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export class KycService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly crypto: FieldCrypto,
    private readonly customers: CustomersService,
    private readonly risk: RiskService,
    private readonly approvals: ApprovalLimitsService,
    private readonly validityMonths: number,
  ) {}

  async overview(actor: Actor, customerId: string): Promise<KycOverview> {
    const customer = await this.customers.findVisible(this.db, actor, customerId);
    const rows = await repo.ofCustomer(this.db, customerId);
    return {
      status: customer.kyc_status,
      verifiedAt: customer.kyc_verified_at?.toISOString() ?? null,
      expiresOn: customer.kyc_expires_on,
      verifications: rows.map(toVerification),
    };
  }

  private async setStatus(trx: Trx, actor: Actor | null, customer: CustomerRow, status: CustomerRow['kyc_status'], reason: string, extra: Partial<CustomerRow> = {}) {
    if (status === customer.kyc_status && !Object.keys(extra).length) return;
    await customersRepo.updateCustomer(trx, customer.id, { kyc_status: status, ...extra, updated_at: this.clock.now() });
    await this.audit.record(trx, {
      actor,
      action: 'customer.kyc_status_change',
      entity: { type: 'customer', id: customer.id },
      branchId: customer.branch_id,
      before: { kycStatus: customer.kyc_status },
      after: { kycStatus: status },
      metadata: { reason },
    });
    await this.risk.refresh(trx, { ...customer, kyc_status: status }, `KYC ${status}`);
  }

  /** Records a document to check; the customer's KYC becomes pending (kept verified during a renewal). */
  async submit(actor: Actor, customerId: string, customerVersion: number, input: SubmitKycVerificationBody): Promise<KycVerification> {
    if (!isIsoCountry(input.issuingCountry)) throw new ValidationError([{ path: 'issuingCountry', message: 'Unknown country code' }]);
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const customer = await this.customers.lockForChange(trx, actor, customerId, customerVersion);
      const encrypted = this.crypto.encrypt(input.documentNumber, DOCUMENT_NUMBER);
      const row = await repo.insertVerification(trx, {
        customer_id: customerId,
        document_type: input.documentType,
        document_number_ciphertext: encrypted.ciphertext,
        document_number_key_id: encrypted.keyId,
        document_number_masked: maskTail(input.documentNumber),
        issuing_country: input.issuingCountry,
        expiry_date: input.expiryDate ?? null,
        notes: input.notes ?? null,
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
      });
      await this.audit.record(trx, {
        actor,
        action: 'kyc.submit',
        entity: { type: 'customer', id: customerId },
        branchId: customer.branch_id,
        after: {
          verificationId: row.id,
          documentType: input.documentType,
          documentNumber: row.document_number_masked,
          issuingCountry: input.issuingCountry,
          expiryDate: input.expiryDate ?? null,
        },
      });
      if (customer.kyc_status !== 'verified') await this.setStatus(trx, actor, customer, 'pending', 'Document submitted');
      else await customersRepo.updateCustomer(trx, customerId, { updated_at: now });
      return toVerification(row);
    });
  }

  private async lockVerification(trx: Trx, actor: Actor, customerId: string, verificationId: string, version: number) {
    const customer = await this.customers.findVisible(trx, actor, customerId, { forUpdate: true });
    const v = await repo.lockVerification(trx, customerId, verificationId);
    if (!v) throw new NotFoundError('KYC verification');
    if (v.version !== version) throw new PreconditionFailedError(v.version);
    if (v.result !== 'pending') throw kycConflict('ILLEGAL_KYC_TRANSITION', `This verification is already ${v.result}.`, { currentResult: v.result });
    this.approvals.assertFourEyes(actor, v.created_by);
    return { customer, v };
  }

  async verify(actor: Actor, customerId: string, verificationId: string, version: number, notes?: string): Promise<KycVerification> {
    const now = this.clock.now();
    const today = this.clock.businessDate(now);
    return withTransaction(this.db, async (trx) => {
      const { customer, v } = await this.lockVerification(trx, actor, customerId, verificationId, version);
      if (v.document_type === 'utility_bill') throw kycConflict('NOT_AN_IDENTITY_DOCUMENT', 'A utility bill proves an address, not an identity; verify an identity document.');
      if (v.expiry_date && v.expiry_date < today)
        throw kycConflict('DOCUMENT_EXPIRED', `The document expired on ${v.expiry_date}; it cannot verify the customer.`, { expiryDate: v.expiry_date });
      if (!['pending', 'verified'].includes(customer.kyc_status))
        throw kycConflict('ILLEGAL_KYC_TRANSITION', `KYC cannot become verified from ${customer.kyc_status}.`, { currentStatus: customer.kyc_status });
      await repo.recordCheck(trx, v.id, { result: 'verified', notes: notes ?? v.notes, checked_by: actor.userId, checked_at: now, updated_at: now });
      const validUntil = addMonths(today, this.validityMonths);
      const expiresOn = v.expiry_date && v.expiry_date < validUntil ? v.expiry_date : validUntil;
      await this.audit.record(trx, {
        actor,
        action: 'kyc.verify',
        entity: { type: 'customer', id: customerId },
        branchId: customer.branch_id,
        after: { verificationId: v.id, result: 'verified', expiresOn },
      });
      await this.setStatus(trx, actor, customer, 'verified', 'Identity document verified', { kyc_verified_at: now, kyc_expires_on: expiresOn });
      return toVerification(await repo.findVerification(trx, v.id));
    });
  }

  async reject(actor: Actor, customerId: string, verificationId: string, version: number, reason: string, notes?: string): Promise<KycVerification> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const { customer, v } = await this.lockVerification(trx, actor, customerId, verificationId, version);
      await repo.recordCheck(trx, v.id, { result: 'rejected', result_reason: reason, notes: notes ?? v.notes, checked_by: actor.userId, checked_at: now, updated_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'kyc.reject',
        entity: { type: 'customer', id: customerId },
        branchId: customer.branch_id,
        after: { verificationId: v.id, result: 'rejected' },
        metadata: { reason },
      });
      // A rejected renewal leaves a still-valid verification in place.
      if (customer.kyc_status === 'pending') await this.setStatus(trx, actor, customer, 'rejected', reason);
      return toVerification(await repo.findVerification(trx, v.id));
    });
  }

  /** Daily: verified customers whose KYC lapsed before today become expired. Idempotent. */
  async expireLapsed(): Promise<number> {
    const today = this.clock.businessDate();
    return withTransaction(this.db, async (trx) => {
      const lapsed = await customersRepo.lockLapsedKyc(trx, today);
      for (const customer of lapsed) await this.setStatus(trx, null, customer, 'expired', `KYC lapsed on ${customer.kyc_expires_on}`);
      return lapsed.length;
    });
  }
}

// What other modules may read about a customer to price and qualify cover (rating inputs), through
// this module rather than its tables. Branch scoping applies: out of scope is "not found".
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import { assertInScope, visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import * as repo from './customers.repository';

export interface RatingProfile {
  id: string;
  customerNumber: string;
  branchId: string;
  dateOfBirth: string;
  gender: 'female' | 'male' | 'non_binary' | 'unspecified';
  smoker: boolean;
  /** Address region (state) when known, else the country code. */
  region: string;
  occupationClass: number;
  riskLevel: 'low' | 'medium' | 'high' | null;
  kycVerified: boolean;
}

/** How to reach a customer, for the messages other modules send (notifications). */
export interface CustomerContact {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  preferredChannel: 'phone' | 'email' | 'sms' | 'mail';
  consentMarketing: boolean;
}

export class CustomerProfiles {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** A prospect who takes out a policy becomes an active customer: status, history and audit in the caller's transaction. */
  async activateProspect(trx: Trx, actor: Actor, customerId: string, reason: string): Promise<void> {
    const c = await repo.findCustomer(trx, customerId, { forUpdate: true });
    if (!c || c.status !== 'prospect') return;
    const now = this.clock.now();
    await repo.updateCustomerIfVersion(trx, customerId, c.version, { status: 'active', status_reason: reason, updated_at: now });
    await repo.insertStatusHistory(trx, { customer_id: customerId, from_status: 'prospect', to_status: 'active', reason, changed_by: actor.userId, changed_at: now });
    await this.audit.record(trx, {
      actor,
      action: 'customer.status_change',
      entity: { type: 'customer', id: customerId },
      branchId: c.branch_id,
      before: { status: 'prospect' },
      after: { status: 'active' },
      metadata: { reason },
    });
  }

  async ratingProfile(db: DbOrTrx, actor: Actor, customerId: string): Promise<RatingProfile> {
    const c = visibleOr404(actor, await repo.findRatingFields(db, customerId), 'customer');
    return {
      id: c.id,
      customerNumber: c.customer_number,
      branchId: c.branch_id,
      dateOfBirth: c.date_of_birth,
      gender: c.gender,
      smoker: c.smoker,
      region: c.region ?? c.country,
      occupationClass: c.occupation_class,
      riskLevel: c.risk_level,
      kycVerified: c.kyc_status === 'verified',
    };
  }

  /** Whether the customer's identity (KYC) is verified. The caller has scoped its record (a claim) already. */
  async kycVerified(db: DbOrTrx, customerId: string): Promise<boolean> {
    const c = await repo.findRatingFields(db, customerId);
    return c?.kyc_status === 'verified';
  }

  /**
   * Number and name of each of these customers, for lists of records that hang off customers (a
   * page of them: one query on primary keys). The caller has scoped its records already.
   */
  async summaries(db: DbOrTrx, customerIds: readonly string[]): Promise<Map<string, { id: string; customerNumber: string; name: string }>> {
    const rows = await repo.namesOf(db, customerIds);
    return new Map(rows.map((r) => [r.id, { id: r.id, customerNumber: r.customer_number, name: `${r.first_name} ${r.last_name}` }]));
  }

  /**
   * Living customers (not merged away) whose phone is exactly this E.164 number — an incoming call's
   * `From` (index customers_phone). At most `limit`, by customer number. No branch scope: telephony
   * files the call in the customer's branch.
   */
  async byPhone(db: DbOrTrx, e164: string, limit = 10): Promise<{ id: string; customerNumber: string; name: string; branchId: string }[]> {
    const rows = await repo.livingByPhone(db, e164, limit);
    return rows.map((r) => ({ id: r.id, customerNumber: r.customer_number, name: `${r.first_name} ${r.last_name}`, branchId: r.branch_id }));
  }

  /** What an agent sees first about a caller: number, name, status, KYC status and branch (the caller scopes the customer). */
  async header(db: DbOrTrx, customerId: string): Promise<{ id: string; customerNumber: string; name: string; status: string; kycStatus: string; branchId: string } | undefined> {
    const c = await repo.findCustomer(db, customerId);
    if (!c) return undefined;
    return { id: c.id, customerNumber: c.customer_number, name: `${c.first_name} ${c.last_name}`, status: c.status, kycStatus: c.kyc_status, branchId: c.branch_id };
  }

  /** The customer's branch, for records that hang off a customer (404 when out of scope). */
  async branchOf(db: DbOrTrx, actor: Actor, customerId: string): Promise<string> {
    const branchId = await repo.branchOf(db, customerId);
    if (!branchId) throw new NotFoundError('customer');
    assertInScope(actor, branchId, 'customer');
    return branchId;
  }

  /**
   * The customer's contact details, for a message written in the transaction of a change to one of
   * the customer's records (the caller has scoped that record already). Undefined when there is none.
   */
  async contactOf(db: DbOrTrx, customerId: string): Promise<CustomerContact | undefined> {
    const c = await repo.findCustomer(db, customerId);
    if (!c) return undefined;
    return {
      id: c.id,
      name: `${c.first_name} ${c.last_name}`,
      email: c.email,
      phone: c.phone,
      preferredChannel: c.preferred_channel,
      consentMarketing: c.consent_marketing,
    };
  }
}

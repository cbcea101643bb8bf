// A customer's own open claims, as the customer portal shows them (number, status, loss date and
// type, policy). `services.customerClaims`; scoped by customer id only (the portal knows who asks).
import { OPEN_CLAIM_STATUSES } from '../../contracts/claims';
import type { DbOrTrx } from '../../db';
import { openClaimsOfHolder } from './claims.repository';

export interface HolderClaim {
  id: string;
  claimNumber: string;
  policyId: string;
  status: string;
  lossDate: string;
  lossType: string;
}

export class CustomerClaims {
  /** Open claims (not drafts: a draft is the staff's, not yet the customer's business), newest first. */
  async openOf(db: DbOrTrx, customerId: string, limit = 50): Promise<HolderClaim[]> {
    const rows = await openClaimsOfHolder(
      db,
      customerId,
      OPEN_CLAIM_STATUSES.filter((s) => s !== 'draft'),
      limit,
    );
    return rows.map((r) => ({ id: r.id, claimNumber: r.claim_number, policyId: r.policy_id, status: r.status, lossDate: r.loss_date, lossType: r.loss_type }));
  }
}

// What other modules may read about a customer to price and qualify cover (rating inputs), through
// this module rather than its tables. Branch scoping applies: out of scope is "not found".
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { NotFoundError } from '../../platform/errors';
import { assertInScope } from '../../platform/scope';

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

export class CustomerProfiles {
  async ratingProfile(db: DbOrTrx, actor: Actor, customerId: string): Promise<RatingProfile> {
    const c = await db('customers')
      .where({ id: customerId })
      .whereNot('status', 'merged')
      .first('id', 'customer_number', 'branch_id', 'date_of_birth', 'gender', 'smoker', 'region', 'country', 'occupation_class', 'risk_level', 'kyc_status');
    if (!c) throw new NotFoundError('customer');
    assertInScope(actor, c.branch_id, 'customer');
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

  /** The customer's branch, for records that hang off a customer (404 when out of scope). */
  async branchOf(db: DbOrTrx, actor: Actor, customerId: string): Promise<string> {
    const c = await db('customers').where({ id: customerId }).first('branch_id');
    if (!c) throw new NotFoundError('customer');
    assertInScope(actor, c.branch_id, 'customer');
    return c.branch_id;
  }
}

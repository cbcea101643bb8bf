// A customer's own open requests (service cases), as the customer portal shows them.
// `services.customerCases`; scoped by customer id only (the portal knows who asks).
import type { DbOrTrx } from '../../db';
import { openCasesOfCustomer } from './cases.repository';

export interface HolderCase {
  id: string;
  caseNumber: string;
  subject: string;
  status: string;
}

export class CustomerCases {
  /** Cases new, open or pending, newest first. */
  async openOf(db: DbOrTrx, customerId: string, limit = 50): Promise<HolderCase[]> {
    const { rows } = await openCasesOfCustomer(db, customerId, limit);
    return rows.map((r) => ({ id: r.id, caseNumber: r.case_number, subject: r.subject, status: r.status }));
  }
}

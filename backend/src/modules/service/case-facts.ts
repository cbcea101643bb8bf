// What other modules (the knowledge base) may know about a case without reading the service
// desk's tables: its subject, customer, branch and the policies it is about. `services.caseFacts`.
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { visibleOr404 } from '../../platform/scope';
import { findCase } from './cases.repository';

export interface CaseFact {
  id: string;
  caseNumber: string;
  status: string;
  subject: string;
  description: string | null;
  customerId: string | null;
  branchId: string;
  /** The policies the case is linked to. */
  policyIds: string[];
}

export class CaseFacts {
  /** The case when it exists in the actor's branches; else 404 (the same answer for both). */
  async visible(db: DbOrTrx, actor: Actor, caseId: string): Promise<CaseFact> {
    const row = visibleOr404(actor, await findCase(db, caseId), 'case');
    return {
      id: row.id,
      caseNumber: row.case_number,
      status: row.status,
      subject: row.subject,
      description: row.description,
      customerId: row.customer_id,
      branchId: row.branch_id,
      policyIds: row.links.filter((l) => l.kind === 'policy').map((l) => l.id),
    };
  }
}

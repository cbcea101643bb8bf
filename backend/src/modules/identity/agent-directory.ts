// Who may be assigned customers in a branch: the identity module answers this for other modules,
// which never read the users table themselves.
import type { DbOrTrx } from '../../db';
import * as repo from './identity.repository';

export const ASSIGNABLE_ROLES = ['agent', 'senior_agent', 'manager'] as const;

export interface AssignableAgent {
  id: string;
  name: string;
  role: (typeof ASSIGNABLE_ROLES)[number];
}

/** Who may handle a claim of a branch: its adjusters first; senior agents and managers may too. */
export const CLAIM_HANDLER_ROLES = ['claims_adjuster', 'senior_agent', 'manager'] as const;

export class AgentDirectory {
  /** Active claims adjusters whose home branch is `branchId`, by name. */
  adjusters(db: DbOrTrx, branchId: string): Promise<{ id: string; name: string }[]> {
    return repo.listActiveBranchUsers(db, branchId, ['claims_adjuster']);
  }

  /** Whether `userId` is an active adjuster, senior agent or manager of `branchId`. */
  canHandleClaims(db: DbOrTrx, userId: string, branchId: string): Promise<boolean> {
    return repo.isActiveBranchUser(db, userId, branchId, CLAIM_HANDLER_ROLES);
  }

  /** Active agents, senior agents and managers whose home branch is `branchId`, by name. */
  list(db: DbOrTrx, branchId: string): Promise<AssignableAgent[]> {
    return repo.listActiveBranchUsers(db, branchId, ASSIGNABLE_ROLES);
  }

  /** The users whose work the KPIs count (agents, senior agents, managers, underwriters, claims adjusters) with their home branch among `branchIds` (`'all'`: any), by name — active or not: their past work still counts. */
  staff(db: DbOrTrx, branchIds: readonly string[] | 'all'): Promise<{ id: string; name: string }[]> {
    return repo.listBranchStaff(db, branchIds, ['agent', 'senior_agent', 'manager', 'underwriter', 'claims_adjuster']);
  }

  isAssignable(db: DbOrTrx, userId: string, branchId: string): Promise<boolean> {
    return repo.isActiveBranchUser(db, userId, branchId, ASSIGNABLE_ROLES);
  }
}

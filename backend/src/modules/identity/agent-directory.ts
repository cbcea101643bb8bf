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

export class AgentDirectory {
  /** Active agents, senior agents and managers whose home branch is `branchId`, by name. */
  list(db: DbOrTrx, branchId: string): Promise<AssignableAgent[]> {
    return repo.listActiveBranchUsers(db, branchId, ASSIGNABLE_ROLES);
  }

  isAssignable(db: DbOrTrx, userId: string, branchId: string): Promise<boolean> {
    return repo.isActiveBranchUser(db, userId, branchId, ASSIGNABLE_ROLES);
  }
}

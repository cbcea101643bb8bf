// Who may be assigned customers in a branch: the identity module answers this for other modules,
// which never read the users table themselves.
import type { DbOrTrx } from '../../db';

export const ASSIGNABLE_ROLES = ['agent', 'senior_agent', 'manager'] as const;

export interface AssignableAgent {
  id: string;
  name: string;
  role: (typeof ASSIGNABLE_ROLES)[number];
}

export class AgentDirectory {
  /** Active agents, senior agents and managers whose home branch is `branchId`, by name. */
  list(db: DbOrTrx, branchId: string): Promise<AssignableAgent[]> {
    return db('users').where({ branch_id: branchId, active: true }).whereIn('role', ASSIGNABLE_ROLES).orderBy('name').select('id', 'name', 'role');
  }

  async isAssignable(db: DbOrTrx, userId: string, branchId: string): Promise<boolean> {
    const row = await db('users').where({ id: userId, branch_id: branchId, active: true }).whereIn('role', ASSIGNABLE_ROLES).first('id');
    return !!row;
  }
}

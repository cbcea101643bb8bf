// What other modules may ask about branches (customers: is this branch open?); they never read the
// branches table themselves.
import type { DbOrTrx } from '../../db';
import * as repo from './identity.repository';

export class BranchDirectory {
  /** Whether the branch exists and is active (read with `db`: pass the transaction that relies on it). */
  async isActive(db: DbOrTrx, branchId: string): Promise<boolean> {
    const branch = await repo.findBranch(db, branchId);
    return !!branch?.active;
  }

  /** Branch names by id (reports that group by branch). */
  async names(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
    const rows = ids.length ? await repo.findBranchesByIds(db, [...ids]) : [];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Every branch (id and name, by name): a company-wide reader's branches, for breakdowns by branch. */
  async list(db: DbOrTrx): Promise<{ id: string; name: string }[]> {
    return (await repo.listBranches(db)).map((b) => ({ id: b.id, name: b.name }));
  }
}

import type { Branch } from '@contracts/identity';

export interface BranchOption {
  value: string;
  label: string;
}

/**
 * Choices for a branch field: the active branches, plus any already chosen ones that have since been
 * deactivated, so the field still shows what the record holds.
 */
export function branchOptions(branches: readonly Branch[], chosen: readonly string[] = []): BranchOption[] {
  return branches
    .filter((branch) => branch.active || chosen.includes(branch.id))
    .map((branch) => ({ value: branch.id, label: branch.active ? branch.name : `${branch.name} (inactive)` }));
}

/** id → name, for showing the branch of a user or an audit entry. */
export function branchNames(branches: readonly Branch[] | undefined): ReadonlyMap<string, string> {
  return new Map((branches ?? []).map((branch) => [branch.id, branch.name]));
}

import type { Branch } from '@contracts/identity';
import { useBranches } from '@/features/branches';
import { useAuth } from '@/lib/auth/auth-context';

/** The branches the user works in (the API's branch scope), which are the ones their customers can be in. */
export function useWorkBranches() {
  const { branchIds } = useAuth();
  const branches = useBranches();
  const inScope = (branch: Branch) => branchIds === null || branchIds.includes(branch.id);
  return {
    branches: branches.data?.filter(inScope),
    error: branches.error,
    refetch: () => branches.refetch(),
  };
}

import { useMemo } from 'react';
import { useBranches } from '@/features/branches/api/get-branches';
import { branchNames } from '@/features/branches/branch-options';
import { useAuth } from '@/lib/auth/auth-context';
import type { ChangeContext } from './change-format';

/** Branch names for the trail; without branches:read the ids are shown as recorded. */
export function useChangeContext(): ChangeContext {
  const { can } = useAuth();
  const { data: branches } = useBranches({ enabled: can('branches:read') });
  return useMemo(() => ({ branchNames: branchNames(branches) }), [branches]);
}

import { useMemo } from 'react';
import { branchNames, useBranches } from '@/features/branches';
import { useAuth } from '@/lib/auth/auth-context';
import { useAuditLabels } from './audit-labels-context';
import type { ChangeContext } from './change-format';

/** The features' labels and branch names for the trail; without branches:read the ids are shown as recorded. */
export function useChangeContext(): ChangeContext {
  const { can } = useAuth();
  const labels = useAuditLabels();
  const { data: branches } = useBranches({ enabled: can('branches:read') });
  return useMemo(() => ({ labels, branchNames: branchNames(branches) }), [labels, branches]);
}

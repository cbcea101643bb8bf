import type { User } from '@contracts/identity';
import { ROLE_LABELS } from '@contracts/permissions';
import { DataList } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { formatDateTime } from '@/lib/format-date';

interface UserFactsProps {
  user: User;
  branchNames: ReadonlyMap<string, string>;
  /** Role and branches, for readers who do not get the edit form that shows them. */
  withAccess: boolean;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

export function UserFacts({ user, branchNames, withAccess }: UserFactsProps) {
  // A lockout shows while it lasts as of when the page was shown (reloading the user re-reads it).
  const [shownAt] = useState(() => Date.now());
  const branchName = (id: string) => branchNames.get(id) ?? id;
  return (
    <DataList labelWidth={120} size="sm">
      <Fact label="Email">{user.email}</Fact>
      {withAccess && (
        <>
          <Fact label="Role">{ROLE_LABELS[user.role]}</Fact>
          <Fact label="Branch">{branchName(user.branchId)}</Fact>
          {user.role === 'manager' && <Fact label="Managed branches">{user.managedBranchIds.length > 0 ? user.managedBranchIds.map(branchName).join(', ') : 'None'}</Fact>}
        </>
      )}
      {user.lockedUntil && Date.parse(user.lockedUntil) > shownAt && (
        <Fact label="Locked until">{`${formatDateTime(user.lockedUntil)} (too many wrong passwords; a password reset lifts the lock)`}</Fact>
      )}
      <Fact label="Last login">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'Never'}</Fact>
      <Fact label="Created">{formatDateTime(user.createdAt)}</Fact>
    </DataList>
  );
}

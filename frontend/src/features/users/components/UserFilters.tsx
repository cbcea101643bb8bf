import type { Branch } from '@contracts/identity';
import { Select } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { DebouncedTextInput } from '@/components/DebouncedTextInput';
import { FilterBar } from '@/components/FilterBar';
import { ROLE_OPTIONS } from '@/lib/auth/role-options';
import { isRole } from '@/lib/auth/is-role';
import type { UserListFilter } from '../user-filter';

const STATUS_OPTIONS = [
  { value: 'true', label: 'Active' },
  { value: 'false', label: 'Disabled' },
];

interface UserFiltersProps {
  filter: UserListFilter;
  branches: readonly Branch[];
  onChange: (filter: UserListFilter) => void;
}

export function UserFilters({ filter, branches, onChange }: UserFiltersProps) {
  const set = (changes: Partial<UserListFilter>) => onChange({ ...filter, ...changes });
  const filtered = Object.values(filter).some(Boolean);
  return (
    <FilterBar filtered={filtered} onClear={() => onChange({})} clearLabel="Clear filters">
      <DebouncedTextInput
        label="Search"
        placeholder="Name or email"
        w={300}
        leftSection={<IconSearch size={16} stroke={1.5} />}
        value={filter.q ?? ''}
        onChange={(q) => set({ q: q.trim() ? q : undefined })}
      />
      <Select
        label="Role"
        placeholder="Any"
        w={170}
        clearable
        data={ROLE_OPTIONS}
        value={filter.role ?? null}
        onChange={(role) => set({ role: isRole(role) ? role : undefined })}
      />
      <Select
        label="Branch"
        placeholder="Any"
        w={170}
        clearable
        data={branches.map((branch) => ({ value: branch.id, label: branch.name }))}
        value={filter.branchId ?? null}
        onChange={(branchId) => set({ branchId: branchId ?? undefined })}
      />
      <Select
        label="Status"
        placeholder="Any"
        w={140}
        clearable
        data={STATUS_OPTIONS}
        value={filter.active ?? null}
        onChange={(active) => set({ active: active === 'true' || active === 'false' ? active : undefined })}
      />
    </FilterBar>
  );
}

import { Button, Group, Select } from '@mantine/core';
import type { MantineSpacing } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface FilterBarProps {
  /** Some filter is set: the clear button appears. */
  filtered: boolean;
  onClear: () => void;
  clearLabel?: string;
  gap?: MantineSpacing;
  children: ReactNode;
}

/** A list's filters in a row that wraps, with a button to clear them once one is set. */
export function FilterBar({ filtered, onClear, clearLabel = 'Clear all', gap = 'sm', children }: FilterBarProps) {
  return (
    <Group align="flex-end" gap={gap} wrap="wrap">
      {children}
      {filtered && (
        <Button variant="subtle" leftSection={<IconX size={14} />} onClick={onClear}>
          {clearLabel}
        </Button>
      )}
    </Group>
  );
}

interface BranchFilterProps {
  /** The user's branches; the filter appears only for users with more than one. */
  branches: readonly { id: string; name: string }[] | undefined;
  value: string | undefined;
  onChange: (branchId: string | undefined) => void;
}

export function BranchFilter({ branches, value, onChange }: BranchFilterProps) {
  if ((branches?.length ?? 0) <= 1) return null;
  return (
    <Select
      label="Branch"
      placeholder="Any"
      w={160}
      clearable
      data={(branches ?? []).map((b) => ({ value: b.id, label: b.name }))}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
    />
  );
}

interface ProductFilterProps {
  /** The products on offer (loading: none yet). */
  products: readonly { id: string; name: string }[] | undefined;
  value: string | undefined;
  onChange: (productId: string | undefined) => void;
}

export function ProductFilter({ products, value, onChange }: ProductFilterProps) {
  return (
    <Select
      label="Product"
      placeholder="Any"
      w={220}
      clearable
      data={(products ?? []).map((p) => ({ value: p.id, label: p.name }))}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
    />
  );
}

import { PRODUCT_CATEGORIES } from '@contracts/products';
import { SegmentedControl, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { FilterBar } from '@/components/FilterBar';
import type { CatalogFilter } from '../catalog-filter';
import { CATEGORY_LABELS, PRODUCT_STATUS_LABELS } from '../product-labels';
import type { ProductCategory, ProductStatus } from '../product-labels';

const ALL = 'all';
const CATEGORY_OPTIONS = [{ value: ALL, label: 'All' }, ...PRODUCT_CATEGORIES.map((category) => ({ value: category, label: CATEGORY_LABELS[category] }))];
const STATUS_OPTIONS = (Object.keys(PRODUCT_STATUS_LABELS) as ProductStatus[]).map((status) => ({
  value: status,
  label: PRODUCT_STATUS_LABELS[status],
}));

interface CatalogFiltersProps {
  filter: CatalogFilter;
  /** Catalog managers may also list drafts and retired products. */
  withStatus: boolean;
  onChange: (filter: CatalogFilter) => void;
}

export function CatalogFilters({ filter, withStatus, onChange }: CatalogFiltersProps) {
  const set = (changes: Partial<CatalogFilter>) => onChange({ ...filter, ...changes });
  const filtered = Object.values(filter).some(Boolean);
  return (
    <FilterBar filtered={filtered} onClear={() => onChange({})} clearLabel="Clear filters">
      <TextInput
        label="Search"
        placeholder="Name, code or description"
        w={260}
        leftSection={<IconSearch size={16} stroke={1.5} />}
        value={filter.q ?? ''}
        onChange={(event) => set({ q: event.currentTarget.value || undefined })}
      />
      <div>
        <SegmentedControl
          aria-label="Category"
          data={CATEGORY_OPTIONS}
          value={filter.category ?? ALL}
          onChange={(value) => set({ category: value === ALL ? undefined : (value as ProductCategory) })}
        />
      </div>
      {withStatus && (
        <Select
          label="Status"
          placeholder="Any"
          w={150}
          clearable
          data={STATUS_OPTIONS}
          value={filter.status ?? null}
          onChange={(value) => set({ status: (value as ProductStatus | null) ?? undefined })}
        />
      )}
    </FilterBar>
  );
}

import { Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import type { DatesRangeValue } from '@mantine/dates';
import dayjs from 'dayjs';
import { useState } from 'react';
import { DebouncedTextInput } from '@/components/DebouncedTextInput';
import { FilterBar } from '@/components/FilterBar';
import { labelOptions } from '../audit-labels';
import { useAuditLabels } from '../audit-labels-context';
import type { AuditSearch } from '../audit-filter';

interface AuditFiltersProps {
  search: AuditSearch;
  onChange: (search: AuditSearch) => void;
}

type Range = DatesRangeValue<string>;

export function AuditFilters({ search, onChange }: AuditFiltersProps) {
  const set = (changes: Partial<AuditSearch>) => onChange({ ...search, ...changes });
  const labels = useAuditLabels();
  // The picker reports the first click of a range on its own; the filter applies once both ends are set.
  const applied: Range = [search.fromDate ?? null, search.toDate ?? null];
  const [range, setRange] = useState<Range>(applied);
  // When the applied dates change (cleared, the address changed), the picker shows them again.
  const [shown, setShown] = useState<Range>(applied);
  if (shown[0] !== applied[0] || shown[1] !== applied[1]) {
    setShown(applied);
    setRange(applied);
  }
  const filtered = Object.values(search).some(Boolean);

  return (
    <FilterBar filtered={filtered} onClear={() => onChange({})} clearLabel="Clear filters">
      <Select
        label="Record type"
        placeholder="Any"
        w={150}
        clearable
        data={labelOptions(labels.entities, search.entityType)}
        value={search.entityType ?? null}
        onChange={(value) => set({ entityType: value ?? undefined })}
      />
      <DebouncedTextInput
        label="Record id"
        placeholder="e.g. a user's id"
        w={240}
        value={search.entityId ?? ''}
        onChange={(value) => set({ entityId: value.trim() || undefined })}
      />
      <Select
        label="Action"
        placeholder="Any"
        w={210}
        searchable
        clearable
        data={labelOptions(labels.actions, search.action)}
        value={search.action ?? null}
        onChange={(value) => set({ action: value ?? undefined })}
      />
      <DatePickerInput
        type="range"
        label="Date range"
        placeholder="Any date"
        w={220}
        clearable
        allowSingleDateInRange
        maxDate={dayjs().format('YYYY-MM-DD')}
        value={range}
        onChange={(next) => {
          setRange(next);
          const [from, to] = next;
          if ((from && to) || (!from && !to)) set({ fromDate: from ?? undefined, toDate: to ?? undefined });
        }}
      />
    </FilterBar>
  );
}

import { CustomerFilters } from '@contracts/customers';
import type { Branch } from '@contracts/identity';
import { Button, Group, Select, Stack } from '@mantine/core';
import { IconLock, IconSearch, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { DebouncedTextInput } from '@/components/DebouncedTextInput';
import { CUSTOMER_STATUS_LABELS, KYC_STATUS_LABELS, optionsOf } from '../customer-labels';
import type { CustomerFilter } from '../customer-filter';

const STATUS_OPTIONS = optionsOf(CUSTOMER_STATUS_LABELS);
const KYC_OPTIONS = optionsOf(KYC_STATUS_LABELS);
const SEARCH_HELP = 'Typos in names are fine; every word must match. Also a number (C-000123, c123), an email from its start, ' + 'or any digits of a phone.';

interface CustomerSearchFiltersProps {
  filter: CustomerFilter;
  onChange: (filter: CustomerFilter) => void;
  /** Kept out of `filter`: a national id never goes in the page address. */
  nationalId: string;
  onNationalIdChange: (nationalId: string) => void;
  /** The user's branches; the branch filter appears only for users with more than one. */
  branches: readonly Branch[];
  /** Shown under the search box, e.g. "type one more character". */
  searchHint?: string;
}

export function CustomerSearchFilters(props: CustomerSearchFiltersProps) {
  const { filter, onChange, nationalId, onNationalIdChange, branches, searchHint } = props;
  const set = (changes: Partial<CustomerFilter>) => onChange({ ...filter, ...changes });
  // A date is applied once it is complete and valid; until then the field says what it expects.
  const [dateError, setDateError] = useState<string | null>(null);
  const filtered = Object.keys(filter).length > 0 || nationalId !== '';

  return (
    <Stack gap="sm">
      {/* The search takes the row; on a phone the national id wraps below it rather than squeezing it. */}
      <Group align="flex-start" gap="sm" wrap="wrap">
        <DebouncedTextInput
          label="Search"
          placeholder="Name, customer number, email or phone"
          description={SEARCH_HELP}
          style={{ flex: '1 1 300px' }}
          leftSection={<IconSearch size={16} stroke={1.5} />}
          value={filter.q ?? ''}
          error={searchHint}
          onChange={(q) => set({ q: q.trim() ? q : undefined })}
          autoFocus
        />
        <DebouncedTextInput
          label="National id"
          placeholder="Exact number"
          description="Exact match; not kept in the address bar"
          w={250}
          leftSection={<IconLock size={16} stroke={1.5} />}
          autoComplete="off"
          value={nationalId}
          onChange={(value) => onNationalIdChange(value.trim())}
        />
      </Group>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <Select
          label="Status"
          placeholder="Any"
          w={150}
          clearable
          data={STATUS_OPTIONS}
          value={filter.status ?? null}
          onChange={(value) => set({ status: CustomerFilters.status.safeParse(value ?? undefined).data })}
        />
        <Select
          label="KYC"
          placeholder="Any"
          w={150}
          clearable
          data={KYC_OPTIONS}
          value={filter.kycStatus ?? null}
          onChange={(value) => set({ kycStatus: CustomerFilters.kycStatus.safeParse(value ?? undefined).data })}
        />
        {branches.length > 1 && (
          <Select
            label="Branch"
            placeholder="Any"
            w={160}
            clearable
            data={branches.map((branch) => ({ value: branch.id, label: branch.name }))}
            value={filter.branchId ?? null}
            onChange={(branchId) => set({ branchId: branchId ?? undefined })}
          />
        )}
        <DebouncedTextInput
          label="Date of birth"
          placeholder="YYYY-MM-DD"
          w={150}
          maxLength={10}
          autoComplete="off"
          value={filter.dateOfBirth ?? ''}
          error={dateError}
          onChange={(value) => {
            const date = CustomerFilters.dateOfBirth.safeParse(value.trim() || undefined);
            setDateError(date.success ? null : 'Use YYYY-MM-DD');
            if (date.success) set({ dateOfBirth: date.data });
          }}
        />
        <DebouncedTextInput
          label="Postal code"
          placeholder="Exact"
          w={130}
          autoComplete="off"
          value={filter.postalCode ?? ''}
          onChange={(value) => set({ postalCode: value.trim() || undefined })}
        />
        {filtered && (
          <Button
            variant="subtle"
            mt={25}
            leftSection={<IconX size={14} />}
            onClick={() => {
              setDateError(null);
              onNationalIdChange('');
              onChange({});
            }}
          >
            Clear all
          </Button>
        )}
      </Group>
    </Stack>
  );
}

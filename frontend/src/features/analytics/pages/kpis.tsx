import type { KpiFigure, KpiQuery } from '@contracts/analytics';
import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { BranchFilter, FilterBar, ProductFilter } from '@/components/FilterBar';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useWorkBranches } from '@/features/customers';
import { useOfferedProducts } from '@/features/quotes';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { useKpis } from '../api/get-kpis';
import { KpiRowsModal } from '../components/KpiRowsModal';
import { KpiTrendModal } from '../components/KpiTrendModal';
import { basisLabel, comparedLabel, formatKpiValue, periodPresets, targetLabel } from '../kpi-format';

const DIMENSION_WORDS = { branch: 'branch', product: 'product', agent: 'agent' } as const;

type Comparison = 'none' | NonNullable<KpiQuery['compare']>;

function KpiCard({ figure, filtered, query }: { figure: KpiFigure; filtered: { branch: boolean; product: boolean }; query: KpiQuery }) {
  const [trendOpen, setTrendOpen] = useState(false);
  const [rowsOpen, setRowsOpen] = useState(false);
  const target = targetLabel(figure.unit, figure.target, figure.currency);
  const basis = basisLabel(figure);
  // A filter the KPI cannot be cut by did not narrow it: say so rather than show a figure that looks filtered.
  const unfiltered = (['branch', 'product'] as const).filter((d) => filtered[d] && !figure.dimensions.includes(d));
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={`kpi-${figure.key}`}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={3} size="h5" id={`kpi-${figure.key}`}>
            {figure.title}
          </Title>
          {figure.met !== null && (
            <Badge color={figure.met ? 'teal' : 'red'} variant="light" style={{ flexShrink: 0 }}>
              {figure.met ? 'On target' : 'Off target'}
            </Badge>
          )}
        </Group>
        <Text fz={28} fw={700} lh={1.1}>
          {formatKpiValue(figure.unit, figure.value, figure.currency)}
        </Text>
        {figure.compared && <Text size="sm">{comparedLabel(figure)}</Text>}
        {(target || basis) && (
          <Stack gap={0}>
            {target && (
              <Text size="sm" c="dimmed">
                {target}
              </Text>
            )}
            {basis && (
              <Text size="sm" c="dimmed">
                {basis}
              </Text>
            )}
          </Stack>
        )}
        <Text size="xs">
          <Text span fw={600} size="xs">
            Formula:{' '}
          </Text>
          {figure.formula}
        </Text>
        <Text size="xs" c="dimmed">
          Source: {figure.source}
        </Text>
        {unfiltered.length > 0 && (
          <Text size="xs" c="orange.8">
            Not split by {unfiltered.map((d) => DIMENSION_WORDS[d]).join(' or ')}: the figure covers all of them.
          </Text>
        )}
        <Group justify="flex-end">
          <Button size="xs" variant="subtle" onClick={() => setRowsOpen(true)} aria-label={`${figure.title}: the rows behind it`}>
            Rows
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setTrendOpen(true)} aria-label={`${figure.title} by month`}>
            By month
          </Button>
        </Group>
      </Stack>
      {trendOpen && <KpiTrendModal figure={figure} query={query} opened onClose={() => setTrendOpen(false)} />}
      {rowsOpen && <KpiRowsModal figure={figure} query={query} opened onClose={() => setRowsOpen(false)} />}
    </Paper>
  );
}

const localToday = () => new Date().toLocaleDateString('en-CA');

/** /analytics — the KPIs the user may see, with their formulas and targets, for a period, branch and product. */
export function KpisPage() {
  const { can } = useAuth();
  const team = can('analytics:team');
  const presets = periodPresets(localToday());
  const [preset, setPreset] = useState('this-month');
  const [branchId, setBranchId] = useState<string | undefined>();
  const [productId, setProductId] = useState<string | undefined>();
  const [compare, setCompare] = useState<Comparison>('none');
  const { branches } = useWorkBranches();
  const products = useOfferedProducts();
  const period = (presets.find((p) => p.value === preset) ?? presets[0]!).period;
  const filters: KpiQuery = { ...period, ...(branchId ? { branchId } : {}), ...(productId ? { productId } : {}) };
  const query = useKpis({ ...filters, ...(compare !== 'none' ? { compare } : {}) });
  const comparedWith = query.data?.comparedWith ?? null;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Analytics"
        description={team ? 'The figures of your branches, each with how it is computed and its target.' : 'Your own figures, each with how it is computed and its target.'}
      />
      <FilterBar
        filtered={preset !== 'this-month' || !!branchId || !!productId || compare !== 'none'}
        onClear={() => {
          setPreset('this-month');
          setCompare('none');
          setBranchId(undefined);
          setProductId(undefined);
        }}
      >
        <Select
          label="Period"
          w={180}
          allowDeselect={false}
          data={presets.map(({ value, label }) => ({ value, label }))}
          value={preset}
          onChange={(v) => setPreset(v ?? 'this-month')}
        />
        <Select
          label="Compare with"
          w={200}
          allowDeselect={false}
          data={[
            { value: 'none', label: 'Nothing' },
            { value: 'previous_period', label: 'The period before' },
            { value: 'previous_year', label: 'A year earlier' },
          ]}
          value={compare}
          onChange={(v) => setCompare((v as Comparison | null) ?? 'none')}
        />
        {team && <BranchFilter branches={branches} value={branchId} onChange={setBranchId} />}
        <ProductFilter products={products.data} value={productId} onChange={setProductId} />
      </FilterBar>
      <Text size="sm" c="dimmed">
        {formatDate(period.from)} – {formatDate(period.to)}
        {comparedWith && `, compared with ${formatDate(comparedWith.from)} – ${formatDate(comparedWith.to)}`}
      </Text>
      {query.isPending ? (
        <LoadingState label="Computing the figures…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text c="dimmed">No figures are available to your role yet.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" aria-label="Key figures" component="section">
          {query.data.items.map((figure) => (
            <KpiCard key={figure.key} figure={figure} filtered={{ branch: !!branchId, product: !!productId }} query={filters} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

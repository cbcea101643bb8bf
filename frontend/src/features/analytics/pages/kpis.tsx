import type { KpiFigure, KpiQuery } from '@contracts/analytics';
import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { BranchFilter, FilterBar, ProductFilter } from '@/components/FilterBar';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useBranchAgents } from '@/features/branches';
import { useWorkBranches } from '@/features/customers';
import { useOfferedProducts } from '@/features/quotes';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { useKpis } from '../api/get-kpis';
import { KpiBreakdownModal } from '../components/KpiBreakdownModal';
import { KpiRowsModal } from '../components/KpiRowsModal';
import { ROLE_DASHBOARDS, type RoleDashboard } from '../dashboards';
import { KpiTrendModal } from '../components/KpiTrendModal';
import { basisLabel, comparedLabel, formatKpiValue, periodPresets, targetLabel } from '../kpi-format';

const DIMENSION_WORDS = { branch: 'branch', product: 'product', agent: 'agent' } as const;

type Comparison = 'none' | NonNullable<KpiQuery['compare']>;

function KpiCard({ figure, filtered, query }: { figure: KpiFigure; filtered: { branch: boolean; product: boolean }; query: KpiQuery }) {
  const [trendOpen, setTrendOpen] = useState(false);
  const [rowsOpen, setRowsOpen] = useState(false);
  const [breakdownOpen, setBreakdownOpen] = useState(false);
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
          {figure.dimensions.length > 0 && (
            <Button size="xs" variant="subtle" onClick={() => setBreakdownOpen(true)} aria-label={`${figure.title} side by side`}>
              Side by side
            </Button>
          )}
          <Button size="xs" variant="subtle" onClick={() => setTrendOpen(true)} aria-label={`${figure.title} by month`}>
            By month
          </Button>
        </Group>
      </Stack>
      {trendOpen && <KpiTrendModal figure={figure} query={query} opened onClose={() => setTrendOpen(false)} />}
      {rowsOpen && <KpiRowsModal figure={figure} query={query} opened onClose={() => setRowsOpen(false)} />}
      {breakdownOpen && <KpiBreakdownModal figure={figure} query={query} onClose={() => setBreakdownOpen(false)} />}
    </Paper>
  );
}

const localToday = () => new Date().toLocaleDateString('en-CA');

/** /analytics — the KPIs the user may see, with their formulas and targets, for a period, branch and product. */
export function KpisPage() {
  return <KpiDashboard title="Analytics" keys={null} />;
}

/** /analytics/dashboards/:slug — a role's dashboard: its KPIs, each opening its rows, side by side and month by month. */
export function RoleDashboardPage() {
  const { slug } = useParams();
  const dashboard = ROLE_DASHBOARDS.find((d) => d.slug === slug);
  if (!dashboard) return <Text>No such dashboard.</Text>;
  return <KpiDashboard key={dashboard.slug} title={dashboard.title} description={dashboard.description} keys={dashboard.keys} />;
}

function KpiDashboard({ title, description, keys }: { title: string; description?: string; keys: RoleDashboard['keys'] }) {
  const { can } = useAuth();
  const team = can('analytics:team');
  const presets = periodPresets(localToday());
  const [preset, setPreset] = useState('this-month');
  const [branchId, setBranchId] = useState<string | undefined>();
  const [productId, setProductId] = useState<string | undefined>();
  const [agentId, setAgentId] = useState<string | undefined>();
  const agents = useBranchAgents(team ? (branchId ?? '') : '');
  const [compare, setCompare] = useState<Comparison>('none');
  const { branches } = useWorkBranches();
  const products = useOfferedProducts();
  const period = (presets.find((p) => p.value === preset) ?? presets[0]!).period;
  const filters: KpiQuery = { ...period, ...(branchId ? { branchId } : {}), ...(productId ? { productId } : {}), ...(agentId ? { agentId } : {}) };
  const query = useKpis({ ...filters, ...(compare !== 'none' ? { compare } : {}) });
  const comparedWith = query.data?.comparedWith ?? null;

  return (
    <Stack gap="lg">
      <PageHeader
        title={title}
        description={
          (description ? `${description} ` : '') +
          (team ? 'The figures of your branches, each with how it is computed and its target.' : 'Your own figures, each with how it is computed and its target.')
        }
      />
      <FilterBar
        filtered={preset !== 'this-month' || !!branchId || !!productId || !!agentId || compare !== 'none'}
        onClear={() => {
          setPreset('this-month');
          setCompare('none');
          setBranchId(undefined);
          setProductId(undefined);
          setAgentId(undefined);
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
        {team && (
          <BranchFilter
            branches={branches}
            value={branchId}
            onChange={(v) => {
              setBranchId(v);
              setAgentId(undefined);
            }}
          />
        )}
        <ProductFilter products={products.data} value={productId} onChange={setProductId} />
        {team && branchId && (
          <Select
            label="Agent"
            placeholder="Anyone"
            w={200}
            clearable
            data={(agents.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            value={agentId ?? null}
            onChange={(v) => setAgentId(v ?? undefined)}
          />
        )}
      </FilterBar>
      <Text size="sm" c="dimmed">
        {formatDate(period.from)} – {formatDate(period.to)}
        {comparedWith && `, compared with ${formatDate(comparedWith.from)} – ${formatDate(comparedWith.to)}`}
      </Text>
      {query.isPending ? (
        <LoadingState label="Computing the figures…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : shown(query.data.items, keys).length === 0 ? (
        <Text c="dimmed">No figures are available to your role yet.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" aria-label="Key figures" component="section">
          {shown(query.data.items, keys).map((figure) => (
            <KpiCard key={figure.key} figure={figure} filtered={{ branch: !!branchId, product: !!productId }} query={filters} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

/** The dashboard's KPIs in its order, out of those the reader may see (all of them without a list). */
function shown(items: KpiFigure[], keys: RoleDashboard['keys']): KpiFigure[] {
  if (!keys) return items;
  return keys.map((k) => items.find((i) => i.key === k)).filter((i): i is KpiFigure => !!i);
}

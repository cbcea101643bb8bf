import type { PremiumRegister } from '@contracts/finance';
import { Anchor, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatMoney } from '@/lib/money';
import { type Figure, usePremiumRegister } from '../api/finance';
import { defaultRegisterRange, figureOfLink, monthLabel } from '../finance-format';
import { FigureEntries } from './StatementPanel';

type Row = PremiumRegister['rows'][number];

/** Premium written, earned and unearned per product and month; written and earned open the entries behind them. */
export function PremiumRegisterPanel({ months }: { months: string[] }) {
  const initial = defaultRegisterRange(months);
  const [from, setFrom] = useState<string | null>(initial?.from ?? null);
  const [to, setTo] = useState<string | null>(initial?.to ?? null);
  const range = from && to && from <= to ? { from, to } : null;
  const query = usePremiumRegister(range);
  const [open, setOpen] = useState<{ figure: Figure; title: string } | null>(null);
  const choices = [...months].reverse().map((m) => ({ value: m, label: monthLabel(m) }));
  const drill = (row: Row, what: 'written' | 'earned') => {
    const figure = figureOfLink(row.entries[what]);
    if (figure) setOpen({ figure, title: `Premium ${what} — ${row.product.name}, ${monthLabel(row.month)}` });
  };
  const amount = (row: Row, what: 'written' | 'earned') => (
    <Anchor
      component="button"
      type="button"
      size="sm"
      onClick={() => drill(row, what)}
      aria-label={`Entries behind premium ${what} of ${row.product.name} in ${monthLabel(row.month)}: ${formatMoney(row[what], row.currency)}`}
    >
      {formatMoney(row[what], row.currency)}
    </Anchor>
  );
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-start">
        <Select label="From" w={200} allowDeselect={false} data={choices} value={from} onChange={setFrom} />
        <Select label="To" w={200} allowDeselect={false} data={choices} value={to} onChange={setTo} error={from && to && from > to ? 'After the first month' : undefined} />
      </Group>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        range && <LoadingState label="Loading the premium register…" />
      ) : query.data.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No premium written or earned in these months.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} aria-label="Premium register">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Month</Table.Th>
                <Table.Th>Product</Table.Th>
                <Table.Th ta="right">Written</Table.Th>
                <Table.Th ta="right">Earned</Table.Th>
                <Table.Th ta="right">Unearned at the end</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.rows.map((r) => (
                <Table.Tr key={`${r.month}-${r.product.id}-${r.currency}`}>
                  <Table.Td>{monthLabel(r.month)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.product.name}</Text>
                    <Text size="xs" c="dimmed">
                      {r.product.code} · {r.currency}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{amount(r, 'written')}</Table.Td>
                  <Table.Td ta="right">{amount(r, 'earned')}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatMoney(r.unearned, r.currency)}
                  </Table.Td>
                </Table.Tr>
              ))}
              {query.data.totals.map((t) => (
                <Table.Tr key={`total-${t.month}-${t.currency}`} fw={600}>
                  <Table.Td>{monthLabel(t.month)}</Table.Td>
                  <Table.Td>All products · {t.currency}</Table.Td>
                  <Table.Td ta="right">{formatMoney(t.written, t.currency)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(t.earned, t.currency)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(t.unearned, t.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open && <FigureEntries figure={open.figure} title={open.title} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

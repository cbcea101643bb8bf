import type { FinancialStatement } from '@contracts/finance';
import { Anchor, Badge, Group, Modal, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { LoadMoreButton } from '@/components/LoadMoreButton';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { type Figure, useFigureEntries, useStatement } from '../api/finance';
import { monthLabel } from '../finance-format';

type Line = FinancialStatement['income'][number];

/** The journal entries behind one figure, with what each put on that account. */
export function FigureEntries({ figure, title, onClose }: { figure: Figure; title: string; onClose: () => void }) {
  const query = useFigureEntries(figure);
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      {query.isPending ? (
        <LoadingState label="Loading the entries…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="sm">
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={6} aria-label="Entries behind the figure">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Entry</Table.Th>
                  <Table.Th ta="right">On this account</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => {
                  const mine = e.postings.filter((p) => p.accountKind === figure.kind && p.currency === figure.currency);
                  const debit = mine.filter((p) => p.direction === 'debit').reduce((s, p) => s + p.amount, 0);
                  const credit = mine.filter((p) => p.direction === 'credit').reduce((s, p) => s + p.amount, 0);
                  return (
                    <Table.Tr key={e.id}>
                      <Table.Td>{formatDate(e.effectiveDate)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{e.description}</Text>
                        <Text size="xs" c="dimmed">
                          {e.externalId}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        {debit > 0 && `Dr ${formatMoney(debit, figure.currency)}`} {credit > 0 && `Cr ${formatMoney(credit, figure.currency)}`}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMoreButton hasNextPage={query.hasNextPage} isFetchingNextPage={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
        </Stack>
      )}
    </Modal>
  );
}

function Lines({ label, lines, onOpen }: { label: string; lines: Line[]; onOpen: (line: Line) => void }) {
  return (
    <Table verticalSpacing={6} aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{label}</Table.Th>
          <Table.Th ta="right">Amount</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.length === 0 ? (
          <Table.Tr>
            <Table.Td colSpan={2}>
              <Text size="sm" c="dimmed">
                None
              </Text>
            </Table.Td>
          </Table.Tr>
        ) : (
          lines.map((l) => (
            <Table.Tr key={`${l.kind}-${l.currency}`}>
              <Table.Td>{l.description}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                <Anchor component="button" type="button" size="sm" onClick={() => onOpen(l)} aria-label={`Entries behind ${l.description}: ${formatMoney(l.amount, l.currency)}`}>
                  {formatMoney(l.amount, l.currency)}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))
        )}
      </Table.Tbody>
    </Table>
  );
}

/** A month's income and expenses, its result and its balances at the end; each amount opens the entries behind it. */
export function StatementPanel({ months }: { months: string[] }) {
  const [month, setMonth] = useState<string | null>(months[1] ?? months[0] ?? null);
  const query = useStatement(month);
  const [open, setOpen] = useState<{ figure: Figure; title: string } | null>(null);
  const s = query.data;
  const drill = (line: Line, whole: boolean) =>
    s && setOpen({ figure: { kind: line.kind, currency: line.currency, from: whole ? '2000-01-01' : s.from, to: s.to }, title: `${line.description} — ${monthLabel(s.month)}` });
  return (
    <Stack gap="sm">
      <Select label="Month" w={220} allowDeselect={false} data={months.map((m) => ({ value: m, label: monthLabel(m) }))} value={month} onChange={setMonth} />
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !s ? (
        month && <LoadingState label="Loading the statement…" />
      ) : (
        <>
          <Group gap="xs">
            {s.result.map((r) => (
              <Badge key={r.currency} size="lg" variant="light" color={r.amount >= 0 ? 'teal' : 'red'}>
                Result {formatMoney(r.amount, r.currency)}
              </Badge>
            ))}
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Lines label="Income in the month" lines={s.income} onOpen={(l) => drill(l, false)} />
            <Lines label="Expenses in the month" lines={s.expenses} onOpen={(l) => drill(l, false)} />
            <Lines label={`Assets on ${formatDate(s.to)}`} lines={s.assets} onOpen={(l) => drill(l, true)} />
            <Lines label={`Liabilities on ${formatDate(s.to)}`} lines={s.liabilities} onOpen={(l) => drill(l, true)} />
          </SimpleGrid>
        </>
      )}
      {open && <FigureEntries figure={open.figure} title={open.title} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

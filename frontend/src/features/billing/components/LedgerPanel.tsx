import type { LedgerEntry, LedgerPosting } from '@contracts/billing';
import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { Fragment } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { LoadMoreButton } from '@/components/LoadMoreButton';
import { Panel } from '@/components/Panel';
import { loadedItems } from '@/components/ListPage';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { notifyProblem } from '@/lib/notify';
import type { LedgerOwner } from '../api/billing-keys';
import { useExportLedger } from '../api/export-ledger';
import { useLedger } from '../api/get-ledger';
import { ACCOUNT_KIND_LABELS, PAYMENT_METHOD_LABELS, SOURCE_TYPE_LABELS } from '../billing-labels';

const entryAnchor = (id: string) => `ledger-entry-${id}`;
const AMOUNT = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

function accountText(posting: LedgerPosting): string {
  const kind = ACCOUNT_KIND_LABELS[posting.accountKind];
  if (posting.accountKind === 'cash_clearing' && posting.accountOwner)
    return `${kind} · ${PAYMENT_METHOD_LABELS[posting.accountOwner as keyof typeof PAYMENT_METHOD_LABELS] ?? posting.accountOwner}`;
  return kind;
}

/** Where an entry's reversal points, as a link to that entry's row (named by its number when it is loaded). */
function ReversalLink({ label, targetId, seqOf }: { label: string; targetId: string; seqOf: Map<string, number> }) {
  const seq = seqOf.get(targetId);
  return (
    <Text size="xs" c="orange.8">
      {label}{' '}
      <Anchor href={`#${entryAnchor(targetId)}`} size="xs">
        {seq !== undefined ? `entry ${seq}` : 'an entry further down'}
      </Anchor>
    </Text>
  );
}

function LedgerTable({ entries }: { entries: LedgerEntry[] }) {
  const seqOf = new Map(entries.map((e) => [e.id, e.seq]));
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table verticalSpacing={6} aria-label="Ledger entries" withRowBorders={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={120}>Effective</Table.Th>
            <Table.Th>Entry</Table.Th>
            <Table.Th w={200}>Account</Table.Th>
            <Table.Th w={130} ta="right">
              Debit
            </Table.Th>
            <Table.Th w={130} ta="right">
              Credit
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Fragment key={entry.id}>
              {entry.postings.map((posting, index) => (
                <Table.Tr
                  key={index}
                  id={index === 0 ? entryAnchor(entry.id) : undefined}
                  data-testid={index === 0 ? 'ledger-entry' : undefined}
                  style={index === 0 ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}
                >
                  {index === 0 && (
                    <>
                      <Table.Td rowSpan={entry.postings.length} style={{ verticalAlign: 'top' }}>
                        <Text size="sm">{formatDate(entry.effectiveDate)}</Text>
                        <Text size="xs" c="dimmed">
                          Entry {entry.seq}
                        </Text>
                      </Table.Td>
                      <Table.Td rowSpan={entry.postings.length} style={{ verticalAlign: 'top' }}>
                        <Text size="sm">{entry.description}</Text>
                        <Text size="xs" c="dimmed">
                          {SOURCE_TYPE_LABELS[entry.sourceType]} · posted {formatDateTime(entry.createdAt)}
                        </Text>
                        {entry.reversesEntryId && <ReversalLink label="Reverses" targetId={entry.reversesEntryId} seqOf={seqOf} />}
                        {entry.reversedByEntryId && <ReversalLink label="Reversed by" targetId={entry.reversedByEntryId} seqOf={seqOf} />}
                      </Table.Td>
                    </>
                  )}
                  <Table.Td>
                    <Text size="sm">{accountText(posting)}</Text>
                  </Table.Td>
                  <Table.Td ta="right" style={AMOUNT}>
                    {posting.direction === 'debit' ? formatMoney(posting.amount, posting.currency) : ''}
                  </Table.Td>
                  <Table.Td ta="right" style={AMOUNT}>
                    {posting.direction === 'credit' ? formatMoney(posting.amount, posting.currency) : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The ledger of a policy or a customer (managers and admins: `ledger:read`): every entry with its
 * postings, newest first, a page at a time, and the CSV export. Nothing shows for other roles.
 */
export function LedgerPanel({ owner }: { owner: LedgerOwner }) {
  const { can } = useAuth();
  const allowed = can('ledger:read');
  const ledger = useLedger(owner, allowed);
  const exportCsv = useExportLedger();
  if (!allowed) return null;
  const entries = loadedItems(ledger.data);
  const exportButton = (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconDownload size={14} aria-hidden />}
      loading={exportCsv.isPending}
      onClick={() => exportCsv.mutate(owner, { onError: (error) => notifyProblem(error, 'The ledger was not exported') })}
    >
      Export CSV
    </Button>
  );
  return (
    <Panel title="Ledger" aside={exportButton}>
      {ledger.isPending ? (
        <LoadingState label="Loading the ledger…" />
      ) : ledger.error ? (
        <ErrorState error={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          No ledger entries yet: invoices, payments and credit applied post here.
        </Text>
      ) : (
        <Stack gap="sm">
          <LedgerTable entries={entries} />
          <LoadMoreButton hasNextPage={ledger.hasNextPage} isFetchingNextPage={ledger.isFetchingNextPage} onLoadMore={() => void ledger.fetchNextPage()} />
        </Stack>
      )}
    </Panel>
  );
}

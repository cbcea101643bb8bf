import type { Quote } from '@contracts/products';
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { QuoteActions } from '../quote-actions';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { FREQUENCY_LABELS } from '../quote-labels';
import { customerQuotePath } from '../quote-paths';
import { QuoteValidity } from './QuoteValidity';

/** A customer's saved quotes, newest first. */
export function SavedQuotesTable({ customerId, quotes }: { customerId: string; quotes: Quote[] }) {
  const { can } = useAuth();
  const applies = can('orders:create');
  return (
    <Table.ScrollContainer minWidth={applies ? 860 : 760} type="native">
      <Table verticalSpacing="sm" highlightOnHover aria-label="Saved quotes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>Quote</Table.Th>
            <Table.Th>Product</Table.Th>
            <Table.Th w={150} ta="right">
              Annual premium
            </Table.Th>
            <Table.Th w={190}>Payment</Table.Th>
            <Table.Th w={120}>Quoted on</Table.Th>
            <Table.Th w={160}>Valid until</Table.Th>
            {applies && <Table.Th w={100} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {quotes.map((quote) => (
            <Table.Tr key={quote.id}>
              <Table.Td>
                <Anchor component={Link} to={customerQuotePath(customerId, quote.id ?? '')} ff="monospace" size="sm" fw={500}>
                  {quote.quoteNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{quote.productName}</Text>
                <Text size="xs" c="dimmed">
                  {quote.termYears} {quote.termYears === 1 ? 'year' : 'years'}
                </Text>
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                <Text size="sm" fw={600}>
                  {quote.price ? formatMoney(quote.price.annualPremium, quote.price.currency) : '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{FREQUENCY_LABELS[quote.paymentFrequency]}</Text>
                {quote.price && quote.price.installments.count > 1 && (
                  <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {quote.price.installments.count} × {formatMoney(quote.price.installments.amount, quote.price.currency)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDate(quote.quotedOn)}</Text>
              </Table.Td>
              <Table.Td>
                <QuoteValidity quote={quote} />
              </Table.Td>
              {applies && (
                <Table.Td>
                  <QuoteActions quote={quote} size="xs" variant="light" />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import type { Quote } from '@contracts/products';
import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { type RecordColumn, RecordTable } from '@/components/RecordTable';
import { QuoteActions } from '../quote-actions';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { installmentWording, premiumFigure } from '@/lib/money';
import { FREQUENCY_LABELS } from '../quote-labels';
import { customerQuotePath } from '../quote-paths';
import { QuoteValidity } from './QuoteValidity';
import { termWording } from '@/lib/term-wording';

/** A customer's saved quotes, newest first. */
export function SavedQuotesTable({ customerId, quotes }: { customerId: string; quotes: Quote[] }) {
  const { can } = useAuth();
  const applies = can('orders:create');
  const columns: RecordColumn<Quote>[] = [
    {
      header: 'Quote',
      priority: 'key',
      w: 110,
      cell: (quote) => (
        <Anchor component={Link} to={customerQuotePath(customerId, quote.id ?? '')} ff="monospace" size="sm" fw={500}>
          {quote.quoteNumber}
        </Anchor>
      ),
    },
    {
      header: 'Product',
      priority: 'key',
      cell: (quote) => (
        <>
          <Text size="sm">{quote.productName}</Text>
          <Text size="xs" c="dimmed">
            {termWording(quote)}
          </Text>
        </>
      ),
    },
    {
      header: 'Premium',
      priority: 'key',
      w: 150,
      numeric: true,
      cell: (quote) => (
        <Text size="sm" fw={600}>
          {quote.price ? premiumFigure(quote.price.annualPremium, quote.price.currency, quote.paymentFrequency) : '—'}
        </Text>
      ),
    },
    {
      header: 'Payment',
      w: 190,
      cell: (quote) => (
        <>
          <Text size="sm">{FREQUENCY_LABELS[quote.paymentFrequency]}</Text>
          {quote.price && quote.price.installments.count > 1 && (
            <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {installmentWording(quote.paymentFrequency, quote.price.installments.amount)}
            </Text>
          )}
        </>
      ),
    },
    { header: 'Quoted on', w: 120, cell: (quote) => <Text size="sm">{formatDate(quote.quotedOn)}</Text> },
    { header: 'Valid until', w: 160, cell: (quote) => <QuoteValidity quote={quote} /> },
    // Only those who may start an application get the column of actions.
    ...(applies ? [{ header: 'Next step', w: 100, cell: (quote: Quote) => <QuoteActions quote={quote} size="xs" variant="light" /> }] : []),
  ];
  return (
    <RecordTable aria-label="Saved quotes" minWidth={applies ? 860 : 760} rows={quotes} columns={columns} rowLabel={(quote) => quote.quoteNumber ?? 'the quote'} idPrefix="quote" />
  );
}

import { Anchor, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useQuote } from '@/features/quotes/api/get-quote';
import { CustomerQuotes } from '@/features/quotes/components/CustomerQuotes';
import { QuoteBuilder } from '@/features/quotes/components/QuoteBuilder';
import { QuoteComparison } from '@/features/quotes/components/QuoteComparison';
import { QuoteDetail } from '@/features/quotes/components/QuoteDetail';
import { customerQuotePath, customerQuotesPath } from '@/features/quotes/quote-paths';
import { useCustomerOutlet } from '@/features/customers';

function BackToQuotes({ customerId }: { customerId: string }) {
  return (
    <Anchor component={Link} to={customerQuotesPath(customerId)} size="sm">
      <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> Saved quotes
    </Anchor>
  );
}

/** /customers/:id/quotes */
export function CustomerQuotesTab() {
  return <CustomerQuotes customer={useCustomerOutlet()} />;
}

/** /customers/:id/quotes/new */
export function NewQuoteTab() {
  const customer = useCustomerOutlet();
  return (
    <Stack gap="sm">
      <BackToQuotes customerId={customer.id} />
      <QuoteBuilder customer={customer} />
    </Stack>
  );
}

/** /customers/:id/quotes/compare */
export function CompareQuotesTab() {
  const customer = useCustomerOutlet();
  return (
    <Stack gap="sm">
      <BackToQuotes customerId={customer.id} />
      <QuoteComparison customer={customer} />
    </Stack>
  );
}

/** /customers/:id/quotes/:quoteId */
export function CustomerQuoteTab() {
  const customer = useCustomerOutlet();
  const { quoteId = '' } = useParams();
  const navigate = useNavigate();
  const { data: quote, error, isPending, refetch } = useQuote(quoteId);
  // Another customer's quote (an edited address, or a merge since) opens under its own customer.
  const elsewhere = quote?.customerId && quote.id && quote.customerId !== customer.id ? customerQuotePath(quote.customerId, quote.id) : null;
  useEffect(() => {
    if (elsewhere) navigate(elsewhere, { replace: true });
  }, [elsewhere, navigate]);
  return (
    <Stack gap="sm">
      <Breadcrumbs
        items={[
          // The customer's header above already reads "Customers › name".
          { label: 'Saved quotes', to: customerQuotesPath(customer.id) },
          { label: quote?.quoteNumber ?? 'Quote' },
        ]}
      />
      {isPending || elsewhere ? <LoadingState label="Loading the quote…" /> : error ? <ErrorState error={error} onRetry={() => void refetch()} /> : <QuoteDetail quote={quote} />}
    </Stack>
  );
}

/** /quotes/:id — a quote found by its id opens under its customer. */
export function QuoteRedirectPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: quote, error, isPending, refetch } = useQuote(id);
  useEffect(() => {
    if (quote?.customerId && quote.id) navigate(customerQuotePath(quote.customerId, quote.id), { replace: true });
  }, [navigate, quote]);
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (isPending || quote.customerId) return <LoadingState label="Opening the quote…" />;
  // A quote for someone not (yet) on file has no customer page to open under.
  return <QuoteDetail quote={quote} />;
}

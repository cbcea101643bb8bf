import type { Quote } from '@contracts/products';
import { Alert, Anchor, Divider, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useId } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { QuoteActions } from '../quote-actions';
import { formatDate } from '@/lib/format-date';
import { genderLabel } from '../quote-labels';
import { EligibilityReasons } from './EligibilityReasons';
import { PremiumSummary } from './PremiumSummary';
import { RequirementsList } from './RequirementsList';

export type PriceState =
  /** No product chosen yet. */
  | { kind: 'no-product' }
  /** Something still to fill in. */
  | { kind: 'incomplete'; missing: string[]; invalid: boolean }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown; retry: () => void }
  /** `stale`: options changed, a new price is on its way; the last one stays meanwhile. */
  | { kind: 'priced'; quote: Quote; stale: boolean };

interface PricePanelProps {
  state: PriceState;
  /** The quote just saved from exactly these options. */
  saved: { quote: Quote; path: string } | null;
  actions: ReactNode;
}

function Status({ state }: { state: PriceState }) {
  if (state.kind === 'loading' || (state.kind === 'priced' && state.stale)) {
    return (
      <Group gap={6} role="status" aria-live="polite">
        <Loader size={14} />
        <Text size="sm" c="dimmed">
          {state.kind === 'loading' ? 'Calculating…' : 'Recalculating…'}
        </Text>
      </Group>
    );
  }
  if (state.kind === 'priced') {
    return (
      <Text size="sm" c="dimmed" role="status" aria-live="polite">
        Up to date
      </Text>
    );
  }
  return null;
}

function Applicant({ quote }: { quote: Quote }) {
  const a = quote.applicant;
  return (
    <Text size="xs" c="dimmed">
      Priced for age {a.entryAge}, {genderLabel(a.gender).toLowerCase()}, {a.smoker ? 'smoker' : 'non-smoker'}, region {a.region}, occupation class {a.occupationClass} — from the
      customer record. Version {quote.productVersionNumber} of the product.
    </Text>
  );
}

/** The price of the options on the left, as the agent reads it out: premium first, then what else the customer should know. */
export function PricePanel({ state, saved, actions }: PricePanelProps) {
  const titleId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} shadow="xs">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title id={titleId} order={2} size="h4">
            Price
          </Title>
          <Status state={state} />
        </Group>
        {state.kind === 'no-product' && (
          <Text size="sm" c="dimmed">
            Choose a product to see its price.
          </Text>
        )}
        {state.kind === 'incomplete' && (
          <Text size="sm" c="dimmed">
            {state.missing.length > 0 ? `To see the price, fill in: ${state.missing.join(', ')}.` : 'Correct the options marked in red to see the price.'}
          </Text>
        )}
        {state.kind === 'error' && <ErrorState error={state.error} onRetry={state.retry} />}
        {state.kind === 'priced' && (
          <Stack gap="sm" style={{ opacity: state.stale ? 0.6 : 1, transition: 'opacity 120ms' }}>
            {state.quote.price ? (
              <PremiumSummary price={state.quote.price} paymentFrequency={state.quote.paymentFrequency} />
            ) : (
              <EligibilityReasons reasons={state.quote.eligibility.reasons} />
            )}
            {saved && (
              <Alert color="teal" variant="light" icon={<IconCircleCheck />} title={`Saved as ${saved.quote.quoteNumber}`}>
                <Text size="sm">
                  Valid until {saved.quote.validUntil ? formatDate(saved.quote.validUntil) : '—'}.{' '}
                  <Anchor component={Link} to={saved.path} size="sm">
                    Open {saved.quote.quoteNumber}
                  </Anchor>
                </Text>
                <Group mt="xs">
                  <QuoteActions quote={saved.quote} size="xs" />
                </Group>
              </Alert>
            )}
            {actions}
            <Divider label="The application will need" labelPosition="left" />
            <RequirementsList requirements={state.quote.requirements} />
            <Applicant quote={state.quote} />
          </Stack>
        )}
        {state.kind !== 'priced' && actions}
      </Stack>
    </Paper>
  );
}

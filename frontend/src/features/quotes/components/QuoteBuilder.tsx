import type { Customer } from '@contracts/customers';
import type { Quote } from '@contracts/products';
import { Alert, Button, Grid, Group, Paper, SegmentedControl, Select, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowsLeftRight, IconCheck, IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import { useEffect, useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { ApiError } from '@/lib/api-error';
import { useAuth } from '@/lib/auth/auth-context';
import { notifySuccess } from '@/lib/notify';
import { useOfferedProduct } from '../api/get-offered-product';
import { useOfferedProducts } from '../api/get-offered-products';
import { useQuotePrice } from '../api/price-quote';
import { useSaveQuote } from '../api/save-quote';
import { MAX_COMPARED, useComparisonBasket } from '../comparison-basket';
import { askedRiskInputs, checkDraft, draftForProduct, EMPTY_DRAFT, offeredFrequencies, placeServerErrors, termLabel } from '../quote-draft';
import type { QuoteDraft } from '../quote-draft';
import { readQuoteDraft, writeQuoteDraft } from '../quote-draft-store';
import { FREQUENCY_LABELS } from '../quote-labels';
import { yearsWording } from '@/lib/term-wording';
import { compareQuotesPath, customerQuotePath } from '../quote-paths';
import { CoverageFields } from './CoverageFields';
import { PricePanel } from './PricePanel';
import type { PriceState } from './PricePanel';
import { RiskFields } from './RiskFields';
import { TripFields } from './TripFields';
import { WorksheetTable } from './WorksheetTable';

/** How long the options rest before they are priced: typing 250000 asks once, not six times. */
const PRICE_DELAY_MS = 350;

/**
 * The quote builder: the agent picks a product and its options, the price and the worksheet follow
 * as they change; the option set can be saved as a quote or put aside for a comparison.
 */
export function QuoteBuilder({ customer }: { customer: Customer }) {
  const { can } = useAuth();
  const optionsTitleId = useId();
  const worksheetTitleId = useId();
  const products = useOfferedProducts();
  const form = useForm<QuoteDraft>({
    mode: 'controlled',
    initialValues: readQuoteDraft(customer.id) ?? EMPTY_DRAFT,
    onValuesChange: (values) => writeQuoteDraft(customer.id, values),
  });
  const draft = form.values;
  const product = useOfferedProduct(draft.productId);
  const version = product.data?.currentVersion ?? null;
  const def = version?.definition;

  // A newly chosen product (or a newer version of it) lays the options out again, keeping what fits.
  useEffect(() => {
    if (version && draft.productId === version.productId && draft.versionId !== version.id) {
      form.setValues(draftForProduct(version.productId, version, draft));
    }
  }, [version, draft, form]);

  const check = useMemo(() => (def && draft.versionId === version?.id ? checkDraft(customer.id, draft, def) : null), [customer.id, def, draft, version]);
  const bodyKey = check?.body ? JSON.stringify(check.body) : null;
  const [pricedKey] = useDebouncedValue(bodyKey, PRICE_DELAY_MS);
  const pricedBody = useMemo(() => (pricedKey ? (JSON.parse(pricedKey) as NonNullable<typeof check>['body']) : null), [pricedKey]);
  const price = useQuotePrice(pricedBody);

  const serverErrors = price.error instanceof ApiError ? placeServerErrors(price.error.errors, pricedBody) : { byPath: {}, unplaced: [] };
  const errors = { ...serverErrors.byPath, ...check?.errors };

  const [saved, setSaved] = useState<{ key: string; quote: Quote } | null>(null);
  const save = useSaveQuote({
    onSuccess: (quote) => {
      setSaved({ key: bodyKey ?? '', quote });
      notifySuccess(`Quote ${quote.quoteNumber} saved`, `${quote.productName}, valid for 30 days.`);
    },
  });
  const basket = useComparisonBasket(customer.id);

  const current = price.data && price.data.productId === draft.productId ? price.data : undefined;
  const upToDate = current !== undefined && bodyKey === pricedKey && !price.isFetching && !price.isPlaceholderData;
  // A 400 whose every field error sits next to its field needs no other message.
  const fieldsOnly = price.error instanceof ApiError && price.error.errors.length > 0 && serverErrors.unplaced.length === 0;
  const state: PriceState = !draft.productId
    ? { kind: 'no-product' }
    : !check
      ? { kind: 'loading' }
      : !check.body || (fieldsOnly && bodyKey === pricedKey)
        ? { kind: 'incomplete', missing: check.missing, invalid: true }
        : price.error && !price.isFetching
          ? { kind: 'error', error: price.error, retry: () => void price.refetch() }
          : current
            ? { kind: 'priced', quote: current, stale: !upToDate }
            : { kind: 'loading' };

  const option = check?.body && product.data ? check.body : null;
  const inBasket = option
    ? basket.contains({ productId: option.productId, termYears: option.termYears ?? null, coverages: option.coverages, risk: option.risk ?? {}, trip: option.trip })
    : false;
  const addToComparison = () => {
    if (!option || !product.data || !def) return;
    basket.add({
      productId: option.productId,
      productName: product.data.name,
      currency: def.currency,
      termYears: option.termYears ?? null,
      trip: option.trip,
      termLabel: def.trip ? 'Trip' : termLabel(def),
      coverages: option.coverages,
      risk: option.risk ?? {},
      coverageNames: Object.fromEntries(def.coverages.map((c) => [c.code, c.name])),
    });
  };

  const savedNow = saved !== null && saved.key === bodyKey;
  const canSave = can('quotes:create') && upToDate && current?.eligibility.eligible === true && !savedNow;
  const actions = (
    <Stack gap="xs">
      {can('quotes:create') && (
        <Button
          size="md"
          leftSection={savedNow ? <IconCheck size={18} /> : <IconDeviceFloppy size={18} />}
          disabled={!canSave}
          loading={save.isPending}
          onClick={() => check?.body && save.mutate(check.body)}
        >
          {savedNow ? 'Saved' : 'Save quote'}
        </Button>
      )}
      <Group gap="xs" wrap="wrap">
        <Tooltip
          label={inBasket ? 'These options are already in the comparison' : `The comparison holds ${MAX_COMPARED} options: remove one first`}
          disabled={!inBasket && !basket.full}
        >
          <Button variant="light" leftSection={<IconPlus size={16} />} disabled={!option || inBasket || basket.full} onClick={addToComparison} style={{ flex: '1 1 170px' }}>
            Add to comparison
          </Button>
        </Tooltip>
        <Button
          component={Link}
          to={compareQuotesPath(customer.id)}
          variant="default"
          leftSection={<IconArrowsLeftRight size={16} />}
          aria-label={`Compare ${basket.items.length} of ${MAX_COMPARED} options`}
          px="sm"
          style={{ flex: '1 1 auto' }}
        >
          Compare ({basket.items.length}/{MAX_COMPARED})
        </Button>
      </Group>
    </Stack>
  );

  if (products.error) return <ErrorState error={products.error} onRetry={() => void products.refetch()} />;

  const frequencies = def ? offeredFrequencies(def) : [];
  const riskInputs = def ? askedRiskInputs(def) : [];
  const showSaved = saved && savedNow ? { quote: saved.quote, path: customerQuotePath(customer.id, saved.quote.id ?? '') } : null;

  return (
    <Stack gap="md">
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" component="section" aria-labelledby={optionsTitleId}>
            <Stack gap="md">
              <Title id={optionsTitleId} order={2} size="h4">
                New quote
              </Title>
              <Select
                label="Product"
                placeholder={products.isPending ? 'Loading products…' : 'Choose a product'}
                data={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                value={draft.productId}
                onChange={(productId) => productId && form.setValues({ productId, versionId: null })}
                allowDeselect={false}
                searchable
                nothingFoundMessage="No product of that name"
                maxDropdownHeight={320}
              />
              {product.data && (
                <Text size="sm" c="dimmed" mt={-8}>
                  {product.data.description}
                </Text>
              )}
              {draft.productId && product.isPending && <Skeleton height={160} />}
              {product.error && <ErrorState error={product.error} onRetry={() => void product.refetch()} />}
              {product.data && !product.data.currentVersion && (
                <Alert color="yellow" title="Not on sale today">
                  No version of {product.data.name} is in force today, so it cannot be quoted.
                </Alert>
              )}
              {def && draft.versionId === version?.id && (
                <>
                  <Stack gap="xs">
                    <Text size="sm" fw={600}>
                      Coverages
                    </Text>
                    {def.coverages.map((coverage) => (
                      <CoverageFields key={coverage.code} coverage={coverage} currency={def.currency} form={form} errors={errors} />
                    ))}
                  </Stack>
                  {def.trip && <TripFields maxDays={def.trip.maxDays} form={form} errors={errors} />}
                  <Group gap="xl" align="flex-start">
                    {!def.trip && (
                      <Stack gap={4}>
                        <Text size="sm" fw={500} id={`${optionsTitleId}-term`}>
                          {termLabel(def)}
                        </Text>
                        {def.termYears.length > 1 ? (
                          <SegmentedControl
                            aria-labelledby={`${optionsTitleId}-term`}
                            data={def.termYears.map((t) => ({ value: String(t), label: yearsWording(t) }))}
                            {...form.getInputProps('termYears')}
                          />
                        ) : (
                          <Text size="sm" pt={6}>
                            {def.termYears[0] !== undefined ? yearsWording(def.termYears[0]) : '—'}
                          </Text>
                        )}
                      </Stack>
                    )}
                    <Stack gap={4}>
                      <Text size="sm" fw={500} id={`${optionsTitleId}-frequency`}>
                        Payment frequency
                      </Text>
                      {frequencies.length > 1 ? (
                        <SegmentedControl
                          aria-labelledby={`${optionsTitleId}-frequency`}
                          data={frequencies.map((f) => ({ value: f, label: FREQUENCY_LABELS[f] }))}
                          {...form.getInputProps('paymentFrequency')}
                        />
                      ) : (
                        <Text size="sm" pt={6}>
                          {frequencies[0] ? FREQUENCY_LABELS[frequencies[0]] : '—'}
                        </Text>
                      )}
                    </Stack>
                  </Group>
                  {product.data && <RiskFields inputs={riskInputs} category={product.data.category} form={form} errors={errors} />}
                </>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <PricePanel state={state} saved={showSaved} actions={actions} />
        </Grid.Col>
      </Grid>
      {state.kind === 'priced' && state.quote.price && (
        <Paper withBorder p="md" component="section" aria-labelledby={worksheetTitleId}>
          <Group justify="space-between" mb="sm">
            <Title id={worksheetTitleId} order={2} size="h4">
              Worksheet
            </Title>
            <Text size="sm" c="dimmed">
              How the premium is worked out; each step adds its amount to the one before.
            </Text>
          </Group>
          <div style={{ opacity: state.stale ? 0.6 : 1 }}>
            <WorksheetTable price={state.quote.price} definition={def} coverages={state.quote.coverages} />
          </div>
        </Paper>
      )}
    </Stack>
  );
}

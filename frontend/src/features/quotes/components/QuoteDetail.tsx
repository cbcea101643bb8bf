import type { Quote, RiskInput } from '@contracts/products';
import { RISK_INPUTS, TRIP_RISK_INPUTS } from '@contracts/products';
import { Alert, Badge, DataList, Divider, Grid, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useId } from 'react';
import { Fact } from '@/components/Fact';
import { QuoteActions } from '../quote-actions';
import { Panel } from '@/components/Panel';
import { formatDate } from '@/lib/format-date';
import { useProductVersion } from '../api/get-product-version';
import { FREQUENCY_LABELS, genderLabel, RISK_INPUT_SHORT_LABELS, riskValueLabel } from '../quote-labels';
import { formatSum } from '../quote-money';
import { EligibilityReasons } from './EligibilityReasons';
import { PremiumSummary } from './PremiumSummary';
import { QuoteValidity } from './QuoteValidity';
import { RequirementsList } from './RequirementsList';
import { WorksheetTable } from './WorksheetTable';
import { DESTINATION_ZONE_LABELS, termWording } from '@/lib/term-wording';

/** A saved quote as it was priced: a frozen snapshot, whatever the product or the customer became since. */
export function QuoteDetail({ quote }: { quote: Quote }) {
  const priceTitleId = useId();
  // The exact version names the coverages and factor tables; the quote reads without it too.
  const { data: version } = useProductVersion(quote.productVersionId);
  const def = version?.definition;
  const currency = quote.price?.currency ?? def?.currency ?? '';
  const coverageName = (code: string) => def?.coverages.find((c) => c.code === code)?.name ?? code;
  const a = quote.applicant;
  // A trip's length and destination are shown with the trip itself.
  const risks = RISK_INPUTS.filter((input): input is RiskInput => quote.risk[input] !== undefined && !(quote.trip && (TRIP_RISK_INPUTS as readonly string[]).includes(input)));

  return (
    <Stack gap="md">
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Panel
            title={`Quote ${quote.quoteNumber}`}
            aside={
              quote.expired ? (
                <Badge color="red" variant="light">
                  Expired
                </Badge>
              ) : (
                <Badge color="teal" variant="light">
                  Valid
                </Badge>
              )
            }
          >
            <Stack gap="md">
              <DataList labelWidth={130} size="sm">
                <Fact label="Product">
                  {quote.productName}{' '}
                  <Text span size="xs" c="dimmed">
                    version {quote.productVersionNumber}
                  </Text>
                </Fact>
                <Fact label="Quoted on">{formatDate(quote.quotedOn)}</Fact>
                <Fact label="Valid until">
                  <QuoteValidity quote={quote} />
                </Fact>
                <Fact label={quote.trip ? 'Trip' : 'Term'}>{termWording(quote)}</Fact>
                {quote.trip && <Fact label="Destination">{DESTINATION_ZONE_LABELS[quote.trip.destinationZone]}</Fact>}
                <Fact label="Payment">{FREQUENCY_LABELS[quote.paymentFrequency]}</Fact>
                <Fact label="Priced for">
                  Age {a.entryAge}, {genderLabel(a.gender).toLowerCase()}, {a.smoker ? 'smoker' : 'non-smoker'}, region {a.region}, occupation class {a.occupationClass}
                </Fact>
                {risks.map((input) => (
                  <Fact key={input} label={RISK_INPUT_SHORT_LABELS[input]}>
                    {riskValueLabel(input, quote.risk[input]!)}
                  </Fact>
                ))}
              </DataList>
              <Table verticalSpacing={6} aria-label="Coverages">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Coverage</Table.Th>
                    <Table.Th ta="right">Sum insured</Table.Th>
                    <Table.Th ta="right">Deductible</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {quote.coverages.map((c) => (
                    <Table.Tr key={c.code}>
                      <Table.Td>{coverageName(c.code)}</Table.Td>
                      <Table.Td ta="right">{c.sumInsured > 0 ? formatSum(c.sumInsured, currency) : 'Included (flat)'}</Table.Td>
                      <Table.Td ta="right">{c.deductible !== undefined ? formatSum(c.deductible, currency) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Alert variant="light" color="gray" icon={<IconLock />} p="xs">
                <Text size="xs">Saved quotes never change: a new product version or a change to the customer does not reprice them. Quote again for today&apos;s price.</Text>
              </Alert>
            </Stack>
          </Panel>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" component="section" aria-labelledby={priceTitleId}>
            <Stack gap="sm">
              <Title id={priceTitleId} order={2} size="h4">
                Price
              </Title>
              {quote.price ? <PremiumSummary price={quote.price} paymentFrequency={quote.paymentFrequency} /> : <EligibilityReasons reasons={quote.eligibility.reasons} />}
              <QuoteActions quote={quote} explain size="md" fullWidth />
              <Divider label="The application will need" labelPosition="left" />
              <RequirementsList requirements={quote.requirements} />
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      {quote.price && (
        <Panel title="Worksheet">
          <WorksheetTable price={quote.price} definition={def} coverages={quote.coverages} />
        </Panel>
      )}
    </Stack>
  );
}

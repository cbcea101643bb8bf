import { PAYMENT_FREQUENCIES } from '@contracts/products';
import type { ProductDefinition } from '@contracts/products';
import { DataList, List, Text } from '@mantine/core';
import { Fact } from '@/components/Fact';
import { Panel } from '@/components/Panel';
import { describeLateFee, formatAmount, formatList, formatPercent } from '../product-format';
import { FREQUENCY_LABELS } from '../product-labels';

/** How long the cover runs, how it can be paid, and the fixed parts of the price. */
export function TermsAndChargesPanel({ definition }: { definition: ProductDefinition }) {
  const { currency } = definition;
  const frequencies = PAYMENT_FREQUENCIES.filter((f) => definition.frequencyLoadings[f] !== undefined);
  const taxes = Object.entries(definition.premiumTaxByRegion);
  const terms = [...definition.termYears].sort((a, b) => a - b);
  return (
    <Panel title="Terms and payment">
      <DataList labelWidth={160} size="sm">
        {definition.trip ? (
          <Fact label="Term">The trip: from departure to return, up to {definition.trip.maxDays} days</Fact>
        ) : (
          <Fact label="Terms">
            {formatList(terms.map(String))} {terms.length === 1 && terms[0] === 1 ? 'year' : 'years'}
          </Fact>
        )}
        <Fact label="Payment">
          <List size="sm" spacing={2} listStyleType="none">
            {frequencies.map((frequency) => {
              const loading = definition.frequencyLoadings[frequency]!;
              return (
                <List.Item key={frequency}>
                  {FREQUENCY_LABELS[frequency]}
                  {Number(loading) !== 0 && (
                    <Text span size="sm" c="dimmed">
                      {' '}
                      (+{formatPercent(loading)})
                    </Text>
                  )}
                </List.Item>
              );
            })}
          </List>
        </Fact>
        <Fact label="Policy fee">{definition.policyFee ? formatAmount(definition.policyFee, currency) : 'None'}</Fact>
        <Fact label="Minimum premium">{definition.minimumPremium ? `${formatAmount(definition.minimumPremium, currency)} ${definition.trip ? 'a trip' : 'a year'}` : 'None'}</Fact>
        <Fact label="Premium tax">{taxes.length === 0 ? 'None' : taxes.map(([region, rate]) => `${region} ${formatPercent(rate)}`).join(' · ')}</Fact>
        <Fact label="Late fee">{describeLateFee(definition.lateFee, currency)}</Fact>
      </DataList>
    </Panel>
  );
}

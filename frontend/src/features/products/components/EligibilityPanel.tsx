import type { ProductDefinition } from '@contracts/products';
import { DataList, Group, List, Spoiler, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { Fact } from '@/components/Fact';
import { Panel } from '@/components/Panel';
import { OCCUPATION_CLASS_LABELS } from '@/features/customers';
import { entryAgesByTerm, formatList } from '../product-format';

const ALL_OCCUPATION_CLASSES = [1, 2, 3, 4];

function YesNo({ yes, children }: { yes: boolean; children: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <ThemeIcon size={18} radius="xl" variant="light" color={yes ? 'teal' : 'red'} aria-hidden>
        {yes ? <IconCheck size={12} /> : <IconX size={12} />}
      </ThemeIcon>
      <Text span size="sm">
        {children}
      </Text>
    </Group>
  );
}

function TermAges({ definition }: { definition: ProductDefinition }) {
  const terms = entryAgesByTerm(definition);
  // Without a maximum age at the end of the term, every term is open to every entry age.
  if (definition.eligibility.maxAgeAtExpiry === undefined) return null;
  return (
    <Fact label="Entry age by term">
      <List size="sm" spacing={2} listStyleType="none">
        {terms.map(({ termYears, minAge, maxAge }) => (
          <List.Item key={termYears}>
            {termYears} {termYears === 1 ? 'year' : 'years'}:{' '}
            {maxAge >= minAge ? (
              <Text span size="sm" fw={500}>
                {minAge}–{maxAge}
              </Text>
            ) : (
              <Text span size="sm" c="dimmed">
                nobody (ends after {definition.eligibility.maxAgeAtExpiry})
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </Fact>
  );
}

function Regions({ regions }: { regions: readonly string[] | undefined }) {
  if (regions === undefined) return <Text size="sm">Anywhere</Text>;
  if (regions.length === 0)
    return (
      <Text size="sm" c="red">
        Nowhere (no region listed)
      </Text>
    );
  if (regions.length <= 6) return <Text size="sm">Only {formatList([...regions])}</Text>;
  return (
    <Spoiler maxHeight={22} showLabel={`Show all ${regions.length}`} hideLabel="Show fewer">
      <Text size="sm">
        {regions.length} regions: {regions.join(', ')}
      </Text>
    </Spoiler>
  );
}

function OccupationClasses({ classes }: { classes: readonly number[] }) {
  if (ALL_OCCUPATION_CLASSES.every((c) => classes.includes(c))) return <Text size="sm">All classes (1–4)</Text>;
  return (
    <List size="sm" spacing={2} listStyleType="none">
      {[...classes].sort().map((c) => (
        <List.Item key={c}>{OCCUPATION_CLASS_LABELS[c] ?? c}</List.Item>
      ))}
    </List>
  );
}

/** Who may buy the product: the eligibility rules, in the order an agent asks them on the phone. */
export function EligibilityPanel({ definition }: { definition: ProductDefinition }) {
  const { eligibility } = definition;
  return (
    <Panel title="Who can buy it">
      <DataList labelWidth={160} size="sm">
        <Fact label="Entry age">
          <Text span size="sm" fw={600}>
            {eligibility.entryAgeMin} to {eligibility.entryAgeMax}
          </Text>
        </Fact>
        <Fact label="Age at end of term">{eligibility.maxAgeAtExpiry === undefined ? 'No limit' : `At most ${eligibility.maxAgeAtExpiry}`}</Fact>
        <TermAges definition={definition} />
        <Fact label="Where they live">
          <Regions regions={eligibility.allowedRegions} />
        </Fact>
        <Fact label="Smokers">
          <YesNo yes={eligibility.smokersAllowed}>{eligibility.smokersAllowed ? 'Accepted' : 'Not accepted'}</YesNo>
        </Fact>
        <Fact label="Occupation">
          <OccupationClasses classes={eligibility.occupationClasses} />
        </Fact>
        <Fact label="Identity (KYC)">
          {eligibility.kycVerifiedRequired ? (
            <Text size="sm" fw={600} c="orange.8">
              Must be verified before buying
            </Text>
          ) : (
            'Not required'
          )}
        </Fact>
      </DataList>
    </Panel>
  );
}

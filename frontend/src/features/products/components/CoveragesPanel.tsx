import type { ProductDefinition } from '@contracts/products';
import { Badge, Group, Stack, Text } from '@mantine/core';
import { Panel } from '@/components/Panel';
import { describeDeductibles, describeRate, describeSumInsured, hasNoSumInsured } from '../product-format';

function Line({ label, children, dimmed }: { label: string; children: string; dimmed?: boolean }) {
  return (
    <Text size="sm" c={dimmed ? 'dimmed' : undefined}>
      <Text span size="sm" c="dimmed">
        {label}:
      </Text>{' '}
      {children}
    </Text>
  );
}

/** What the product pays for: each coverage, whether it must be taken, and the amounts on offer. */
export function CoveragesPanel({ definition }: { definition: ProductDefinition }) {
  const { currency } = definition;
  const ordered = [...definition.coverages].sort((a, b) => Number(b.required) - Number(a.required));
  return (
    <Panel title="What it covers">
      <Stack gap="md">
        {ordered.map((coverage) => (
          <div key={coverage.code}>
            <Group gap="xs" mb={2}>
              <Text fw={600} size="sm">
                {coverage.name}
              </Text>
              <Badge size="xs" variant={coverage.required ? 'filled' : 'outline'} color={coverage.required ? 'indigo' : 'gray'}>
                {coverage.required ? 'Always included' : 'Optional'}
              </Badge>
            </Group>
            {!hasNoSumInsured(coverage) && <Line label="Sum insured">{describeSumInsured(coverage, currency)}</Line>}
            {coverage.deductibleOptions && coverage.deductibleOptions.length > 0 && <Line label="Deductible">{describeDeductibles(coverage, currency)}</Line>}
            <Line label="Base rate" dimmed>
              {describeRate(coverage, currency)}
            </Line>
          </div>
        ))}
        {ordered.length === 0 && (
          <Text size="sm" c="dimmed">
            No coverages defined.
          </Text>
        )}
      </Stack>
    </Panel>
  );
}

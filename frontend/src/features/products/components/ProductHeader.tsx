import type { Product, ProductVersion } from '@contracts/products';
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDate } from '@/lib/format-date';
import { CATEGORY_LABELS } from '../product-labels';
import { ProductStatusBadge } from './ProductStatusBadge';

function HeaderFact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.4}>
        {label}
      </Text>
      <Text component="div" size="sm" fw={500}>
        {children}
      </Text>
    </Stack>
  );
}

function VersionText({ version }: { version: ProductVersion | null }) {
  if (!version) return <>None in force</>;
  if (version.status === 'draft') return <>{version.versionNumber} (draft, not published)</>;
  return (
    <>
      {version.versionNumber}
      {version.effectiveFrom && (
        <Text span size="sm" c="dimmed" fw={400}>
          {' '}
          · in force since {formatDate(version.effectiveFrom)}
        </Text>
      )}
    </>
  );
}

interface ProductHeaderProps {
  product: Product;
  /** The version the page shows: the one in force, or the draft of a product not yet published. */
  shown: ProductVersion | null;
  actions?: ReactNode;
}

export function ProductHeader({ product, shown, actions }: ProductHeaderProps) {
  return (
    <Paper withBorder p="md" component="header">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap="xs">
          <Group gap="sm" align="center">
            <Title order={1} size="h2">
              {product.name}
            </Title>
            <ProductStatusBadge status={product.status} size="md" />
          </Group>
          <Text size="sm" maw={760}>
            {product.description}
          </Text>
          <Group gap="xl" align="flex-start">
            <HeaderFact label="Category">{CATEGORY_LABELS[product.category]}</HeaderFact>
            <HeaderFact label="Code">
              <Text span ff="monospace" size="sm" fw={500}>
                {product.code}
              </Text>
            </HeaderFact>
            <HeaderFact label="Version">
              <VersionText version={shown} />
            </HeaderFact>
            <HeaderFact label="Currency">{product.currency}</HeaderFact>
          </Group>
        </Stack>
        {actions && (
          <Group gap="sm" wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
    </Paper>
  );
}

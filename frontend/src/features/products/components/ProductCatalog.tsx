import { Anchor, Divider, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { Link } from 'react-router';
import type { ProductSummary } from '../api/get-products';
import { groupByCategory } from '../catalog-filter';
import { CATEGORY_LABELS } from '../product-labels';
import { productPath } from '../product-paths';
import { ProductStatusBadge } from './ProductStatusBadge';

function ProductEntry({ product }: { product: ProductSummary }) {
  return (
    <article aria-labelledby={`product-${product.id}`}>
      <Group justify="space-between" align="baseline" wrap="nowrap" gap="xs">
        <Anchor id={`product-${product.id}`} component={Link} to={productPath(product.id)} fw={600}>
          {product.name}
        </Anchor>
        <Group gap={6} wrap="nowrap">
          {product.status !== 'active' && <ProductStatusBadge status={product.status} />}
          <Text span size="xs" c="dimmed" ff="monospace">
            {product.code}
          </Text>
        </Group>
      </Group>
      <Text size="sm" lineClamp={3} mt={2}>
        {product.description}
      </Text>
    </article>
  );
}

/** The catalog by category: each product's name (the link to it), its status when not on sale, and what it is. */
export function ProductCatalog({ products }: { products: readonly ProductSummary[] }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
      {groupByCategory(products).map(({ category, products: inCategory }) => (
        <Paper key={category} withBorder p="md" component="section" aria-labelledby={`category-${category}`}>
          <Title id={`category-${category}`} order={2} size="h4" mb="sm">
            {CATEGORY_LABELS[category]}{' '}
            <Text span c="dimmed" fw={400} size="sm">
              {inCategory.length} {inCategory.length === 1 ? 'product' : 'products'}
            </Text>
          </Title>
          <Stack gap="sm">
            {inCategory.map((product, index) => (
              <Fragment key={product.id}>
                {index > 0 && <Divider />}
                <ProductEntry product={product} />
              </Fragment>
            ))}
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

import type { Product, ProductVersion } from '@contracts/products';
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { RecordHeader } from '@/components/RecordHeader';
import { formatDate } from '@/lib/format-date';
import { CATEGORY_LABELS } from '../product-labels';
import { ProductStatusBadge } from './ProductStatusBadge';

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
    <RecordHeader
      title={product.name}
      breadcrumbs={[{ label: 'Products', to: '/products' }, { label: product.name }]}
      badges={<ProductStatusBadge status={product.status} size="md" />}
      description={
        <Text size="sm" maw={760}>
          {product.description}
        </Text>
      }
      facts={[
        { label: 'Category', value: CATEGORY_LABELS[product.category] },
        {
          label: 'Code',
          value: (
            <Text span ff="monospace" size="sm" fw={500}>
              {product.code}
            </Text>
          ),
        },
        { label: 'Version', value: <VersionText version={shown} /> },
        { label: 'Currency', value: product.currency },
      ]}
      actions={actions}
    />
  );
}

import { Button, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useProducts } from '@/features/products/api/get-products';
import { catalogFilterParams, matchesSearch, readCatalogFilter } from '@/features/products/catalog-filter';
import type { CatalogFilter } from '@/features/products/catalog-filter';
import { CatalogFilters } from '@/features/products/components/CatalogFilters';
import { ProductCatalog } from '@/features/products/components/ProductCatalog';
import { NEW_PRODUCT_PATH } from '@/features/products/product-paths';
import { useAuth } from '@/lib/auth/auth-context';

export function ProductsPage() {
  const { can } = useAuth();
  const canManage = can('products:manage');
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = readCatalogFilter(searchParams);
  const { data, error, isPending, isPlaceholderData, refetch } = useProducts(filter);
  const products = (data ?? []).filter((product) => matchesSearch(product, filter.q));
  const filtered = Object.keys(filter).length > 0;

  const applyFilter = (next: CatalogFilter) => setSearchParams(catalogFilterParams(next), { replace: true });

  return (
    <Stack gap="lg">
      <PageHeader
        title="Products"
        description={
          canManage
            ? 'The catalog: what each product covers and who can buy it. Drafts and retired products are listed for you too.'
            : 'What each product covers and who can buy it.'
        }
        actions={
          canManage && (
            <Button component={Link} to={NEW_PRODUCT_PATH} leftSection={<IconPlus size={16} />}>
              New product
            </Button>
          )
        }
      />
      <CatalogFilters filter={filter} withStatus={canManage} onChange={applyFilter} />
      <div style={{ opacity: isPlaceholderData ? 0.6 : 1 }} aria-busy={isPlaceholderData}>
        {isPending ? (
          <LoadingState label="Loading products…" />
        ) : error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : products.length === 0 ? (
          <EmptyState
            title={filtered ? 'No products match' : 'No products yet'}
            description={filtered ? 'Check the spelling, or clear a filter.' : 'Products will be listed here once they are published.'}
          />
        ) : (
          <ProductCatalog products={products} />
        )}
      </div>
    </Stack>
  );
}

import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { ListPage } from '@/components/ListPage';
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
  const query = useProducts(filter);
  const products = (query.data ?? []).filter((product) => matchesSearch(product, filter.q));
  const filtered = Object.keys(filter).length > 0;

  const applyFilter = (next: CatalogFilter) => setSearchParams(catalogFilterParams(next), { replace: true });

  return (
    <ListPage
      title="Products"
      description={
        canManage ? 'The catalog: what each product covers and who can buy it. Drafts and retired products are listed for you too.' : 'What each product covers and who can buy it.'
      }
      actions={
        canManage && (
          <Button component={Link} to={NEW_PRODUCT_PATH} leftSection={<IconPlus size={16} />}>
            New product
          </Button>
        )
      }
      filters={<CatalogFilters filter={filter} withStatus={canManage} onChange={applyFilter} />}
      query={query}
      items={products}
      loadingLabel="Loading products…"
      empty={
        filtered
          ? { title: 'No products match', description: 'Check the spelling, or clear a filter.' }
          : { title: 'No products yet', description: 'Products will be listed here once they are published.' }
      }
      framed={false}
    >
      {(shown) => <ProductCatalog products={shown} />}
    </ListPage>
  );
}

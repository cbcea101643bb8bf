import type { SpotlightSource } from '@/features/search';
import { getProducts } from './api/get-products';
import { matchesSearch } from './catalog-filter';
import { CATEGORY_LABELS, PRODUCT_STATUS_LABELS } from './product-labels';
import { productPath } from './product-paths';

const RESULTS = 5;

/** Products by name, code or description: "what does the travel policy cover?" while on the phone. */
export const productSpotlightSource: SpotlightSource = {
  id: 'products',
  label: 'Products',
  permission: 'products:read',
  search: async (query, signal) => {
    const products = await getProducts({}, signal);
    return products
      .filter((product) => matchesSearch(product, query))
      .slice(0, RESULTS)
      .map((product) => ({
        id: product.id,
        label: product.name,
        description: [CATEGORY_LABELS[product.category], product.code, product.status === 'active' ? null : PRODUCT_STATUS_LABELS[product.status]].filter(Boolean).join(' · '),
        to: productPath(product.id),
      }));
  },
};

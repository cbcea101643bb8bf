import { ProductVersion } from '@contracts/products';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { quoteKeys } from './quote-keys';

/** The exact (published, immutable) version a saved quote was priced with: it names its coverages and tables. */
export function getProductVersion(versionId: string, signal?: AbortSignal): Promise<ProductVersion> {
  return api.get(`/product-versions/${versionId}`, ProductVersion, { signal });
}

export const productVersionQueryOptions = (versionId: string) =>
  queryOptions({
    queryKey: quoteKeys.productVersion(versionId),
    queryFn: ({ signal }) => getProductVersion(versionId, signal),
    // A published version never changes.
    staleTime: Infinity,
  });

export function useProductVersion(versionId: string) {
  return useQuery(productVersionQueryOptions(versionId));
}

import { ProductList } from '@contracts/products';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { billingKeys } from './billing-keys';

/** Every product of the catalog by name (a policy may have been sold by one no longer offered). */
async function getProducts(signal?: AbortSignal): Promise<{ id: string; name: string }[]> {
  const list = await api.get('/products', ProductList, { signal });
  return list.items.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The products for the worklist's product filter. Read here rather than through the quotes feature,
 * which reaches customers, which shows billing's balance: importing it would make a cycle.
 */
export function useProducts() {
  return useQuery({ queryKey: billingKeys.products(), queryFn: ({ signal }) => getProducts(signal), staleTime: 5 * 60_000 });
}

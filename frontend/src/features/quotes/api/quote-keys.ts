import type { CompareQuotesBody, CreateQuoteBody } from '@contracts/products';

// Everything about quotes sits under `quotes`; a customer's saved quotes under customer(id), so a save
// refreshes that list in one call. The builder reads the catalog under its own keys.
export const quoteKeys = {
  all: ['quotes'] as const,
  offeredProducts: () => [...quoteKeys.all, 'offered-products'] as const,
  offeredProduct: (productId: string) => [...quoteKeys.offeredProducts(), productId] as const,
  productVersion: (versionId: string) => [...quoteKeys.all, 'product-version', versionId] as const,
  customer: (customerId: string) => [...quoteKeys.all, 'customer', customerId] as const,
  detail: (quoteId: string) => [...quoteKeys.all, 'detail', quoteId] as const,
  price: (body: CreateQuoteBody) => [...quoteKeys.all, 'price', body] as const,
  comparison: (body: CompareQuotesBody) => [...quoteKeys.all, 'comparison', body] as const,
};

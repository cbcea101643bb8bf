import { useQueries } from '@tanstack/react-query';
import { offeredProductQueryOptions, useOfferedProducts } from '@/features/quotes';

export interface Option {
  value: string;
  label: string;
}

/** The products on sale and the referral reasons their rules can give, for the queue's filters. */
export function useQueueFilterOptions(): { products: Option[]; referrals: Option[] } {
  const products = useOfferedProducts();
  const details = useQueries({ queries: (products.data ?? []).map((p) => offeredProductQueryOptions(p.id)) });
  const referrals = new Map<string, string>();
  for (const detail of details) {
    for (const rule of detail.data?.currentVersion?.definition.referralRules ?? []) if (!referrals.has(rule.code)) referrals.set(rule.code, rule.message);
  }
  return {
    products: (products.data ?? []).map((p) => ({ value: p.id, label: p.name })),
    referrals: [...referrals].map(([code, message]) => ({ value: code, label: `${code.replace(/_/g, ' ').toLowerCase()} — ${message}` })),
  };
}

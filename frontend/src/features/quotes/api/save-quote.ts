import { Quote } from '@contracts/products';
import type { CreateQuoteBody } from '@contracts/products';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { quoteKeys } from './quote-keys';

/** POST /quotes with `save: true`: a Q- number, valid 30 days (409 QUOTE_NOT_ELIGIBLE when it is not eligible). */
export function saveQuote(body: CreateQuoteBody): Promise<Quote> {
  return api.post('/quotes', { ...body, save: true }, Quote);
}

type Callbacks = Pick<UseMutationOptions<Quote, Error, CreateQuoteBody>, 'onSuccess' | 'onError'>;

export function useSaveQuote(callbacks: Callbacks = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveQuote,
    ...callbacks,
    onSuccess: (quote, body, ...rest) => {
      if (quote.id) queryClient.setQueryData(quoteKeys.detail(quote.id), quote);
      if (body.customerId) void queryClient.invalidateQueries({ queryKey: quoteKeys.customer(body.customerId) });
      return callbacks.onSuccess?.(quote, body, ...rest);
    },
  });
}

import type { Quote } from '@contracts/products';
import { Button, Stack, Text, Tooltip } from '@mantine/core';
import { IconFileDescription } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import type { QuoteActionProps } from '@/features/quotes';
import { ApiError } from '@/lib/api-error';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { notifyInfo, notifyProblem, notifySuccess } from '@/lib/notify';
import { useCreateOrder } from '../api/create-order';
import { orderPath } from '../order-paths';

/** Why a saved quote cannot become an application, or null when it can. */
export function applyBlocker(quote: Pick<Quote, 'id' | 'expired' | 'validUntil' | 'price' | 'customerId'>): string | null {
  if (!quote.id) return 'Save the quote first.';
  if (quote.expired) return `This quote expired${quote.validUntil ? ` on ${formatDate(quote.validUntil)}` : ''}. Quote again for today's price, then apply from the new quote.`;
  if (!quote.price) return 'The customer is not eligible for this quote.';
  if (!quote.customerId) return 'This quote is for someone not on file: create the customer and quote for them first.';
  return null;
}

/**
 * "Apply": a draft application from this saved quote, then its page. A quote that already has a live
 * application opens that one instead.
 */
export function ApplyFromQuoteButton({ quote, explain = false, size = 'sm', variant = 'filled', fullWidth }: QuoteActionProps) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const mutation = useCreateOrder({
    onSuccess: (order) => {
      notifySuccess(`Application ${order.orderNumber} started`, 'Fill in the beneficiaries, declarations and payment, upload the documents, then submit.');
      navigate(orderPath(order.id));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'ORDER_EXISTS' && typeof error.extensions.orderId === 'string') {
        notifyInfo('Already applied', error.detail);
        navigate(orderPath(error.extensions.orderId));
        return;
      }
      notifyProblem(error, 'Could not start the application');
    },
  });
  if (!can('orders:create')) return null;
  const blocker = applyBlocker(quote);
  const button = (
    <Button
      size={size}
      variant={variant}
      fullWidth={fullWidth}
      leftSection={<IconFileDescription size={16} />}
      disabled={blocker !== null}
      loading={mutation.isPending}
      onClick={() => quote.id && mutation.mutate(quote.id)}
      aria-label={`Apply for ${quote.quoteNumber ?? 'this quote'}`}
      aria-describedby={blocker && explain ? `apply-blocker-${quote.id}` : undefined}
    >
      Apply
    </Button>
  );
  if (!blocker) return button;
  if (explain) {
    return (
      <Stack gap={4}>
        {button}
        <Text id={`apply-blocker-${quote.id}`} size="xs" c="dimmed">
          {blocker}
        </Text>
      </Stack>
    );
  }
  return (
    <Tooltip label={blocker} multiline w={260} withArrow>
      <span tabIndex={0}>{button}</span>
    </Tooltip>
  );
}

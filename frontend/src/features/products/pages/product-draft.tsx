import { Anchor, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useProduct } from '@/features/products/api/get-product';
import { DraftEditor } from '@/features/products/components/editor/DraftEditor';
import { StartDraftButton } from '@/features/products/components/StartDraftButton';
import { productPath } from '@/features/products/product-paths';
import { formatDate } from '@/lib/format-date';

/** /products/:id/draft: the product's draft version in the editor. */
export function ProductDraftPage() {
  const { id = '' } = useParams();
  const { data: product, error, isPending, refetch } = useProduct(id);
  // Bumped to start the editor again from the draft as saved now.
  const [generation, setGeneration] = useState(0);

  if (isPending) return <LoadingState label="Loading draft…" />;
  const back = (
    <Anchor component={Link} to={productPath(id)} size="sm">
      <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {product?.name ?? 'Product'}
    </Anchor>
  );
  if (error) {
    return (
      <Stack gap="md" maw={640}>
        {back}
        <ErrorState error={error} onRetry={() => void refetch()} />
      </Stack>
    );
  }

  const { draftVersion: draft, currentVersion: current } = product;
  return (
    <Stack gap="md">
      {back}
      <PageHeader
        title={draft ? `${product.name}: draft version ${draft.versionNumber}` : product.name}
        description={
          current
            ? `Agents see version ${current.versionNumber}${current.effectiveFrom ? `, in force since ${formatDate(current.effectiveFrom)},` : ''} until this draft is published.`
            : 'This product has not been published yet: agents do not see it.'
        }
      />
      {draft && product.status !== 'retired' ? (
        <DraftEditor key={`${draft.id}-${generation}`} product={product} draft={draft} onReload={() => void refetch().then(() => setGeneration((n) => n + 1))} />
      ) : (
        <Stack align="center">
          <EmptyState
            title={product.status === 'retired' ? 'The product is retired' : 'No draft to edit'}
            description={
              product.status === 'retired'
                ? 'A retired product is no longer sold and gets no new versions.'
                : 'Every version of this product is published. Start a new version to change it.'
            }
          />
          {product.status !== 'retired' && <StartDraftButton product={product} />}
        </Stack>
      )}
    </Stack>
  );
}

import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { HistoryPanel } from '@/features/audit';
import { useProduct } from '@/features/products/api/get-product';
import { ProductHeader } from '@/features/products/components/ProductHeader';
import { ProductVersionView } from '@/features/products/components/ProductVersionView';
import { RetireProductButton } from '@/features/products/components/RetireProductButton';
import { StartDraftButton } from '@/features/products/components/StartDraftButton';
import { PRODUCTS_PATH, productDraftPath } from '@/features/products/product-paths';
import { useAuth } from '@/lib/auth/auth-context';

function BackToProducts() {
  return (
    <Anchor component={Link} to={PRODUCTS_PATH} size="sm">
      <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> Products
    </Anchor>
  );
}

export function ProductDetailPage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  const canManage = can('products:manage');
  const { data: product, error, isPending, refetch } = useProduct(id);

  if (isPending) return <LoadingState label="Loading product…" />;
  if (error) {
    return (
      <Stack gap="md" maw={640}>
        <BackToProducts />
        <ErrorState error={error} onRetry={() => void refetch()} />
      </Stack>
    );
  }

  const { currentVersion, draftVersion } = product;
  // A product never published has only its draft to show (catalog managers only see it).
  const shown = currentVersion ?? draftVersion;
  const editable = canManage && product.status !== 'retired';

  return (
    <Stack gap="md">
      <BackToProducts />
      <ProductHeader
        product={product}
        shown={shown}
        actions={
          editable && (
            <>
              {draftVersion ? (
                <Button component={Link} to={productDraftPath(product.id)} leftSection={<IconPencil size={16} />}>
                  Edit draft version {draftVersion.versionNumber}
                </Button>
              ) : (
                <StartDraftButton product={product} />
              )}
              <RetireProductButton product={product} />
            </>
          )
        }
      />
      {canManage && draftVersion && currentVersion && (
        <Alert color="blue" variant="light" title={`Draft version ${draftVersion.versionNumber} in preparation`}>
          <Group justify="space-between" gap="sm">
            <Text size="sm">Agents see version {currentVersion.versionNumber} below until the draft is published.</Text>
            {product.status !== 'retired' && (
              <Anchor component={Link} to={productDraftPath(product.id)} size="sm">
                Open the draft
              </Anchor>
            )}
          </Group>
        </Alert>
      )}
      {shown ? (
        <ProductVersionView definition={shown.definition} product={product} />
      ) : (
        <EmptyState title="No version in force yet" description="This product has no published version in force today. Its first version may take effect on a later date." />
      )}
      {can('audit:read') && <HistoryPanel entityType="product" entityId={product.id} />}
    </Stack>
  );
}

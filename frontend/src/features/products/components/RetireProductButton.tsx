import type { Product } from '@contracts/products';
import { Button, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArchive } from '@tabler/icons-react';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { notifySuccess } from '@/lib/notify';
import { useRetireProduct } from '../api/retire-product';

/** Retiring stops sales for good; the dialog says so before anything happens. */
export function RetireProductButton({ product }: { product: Product }) {
  const [opened, dialog] = useDisclosure(false);
  const mutation = useRetireProduct({
    onSuccess: (retired) => notifySuccess('Product retired', `${retired.name} is no longer sold.`),
  });
  return (
    <>
      <Button variant="light" color="red" leftSection={<IconArchive size={16} />} onClick={dialog.open}>
        Retire
      </Button>
      <ConfirmDialog
        opened={opened}
        onClose={dialog.close}
        title={`Retire ${product.name}?`}
        confirmLabel="Retire product"
        color="red"
        loading={mutation.isPending}
        // Closed either way: a refusal (someone changed the product) is explained by the toast.
        onConfirm={() => mutation.mutate(product, { onSettled: dialog.close })}
      >
        <Stack gap="xs">
          <Text size="sm">Agents will no longer see {product.name} in the catalog and it can no longer be quoted. Quotes already given keep their price.</Text>
          <Text size="sm" fw={500}>
            This cannot be undone: a retired product gets no new versions.
          </Text>
        </Stack>
      </ConfirmDialog>
    </>
  );
}

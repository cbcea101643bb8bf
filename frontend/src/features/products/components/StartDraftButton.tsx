import type { Product } from '@contracts/products';
import { Button } from '@mantine/core';
import { IconPencilPlus } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { ApiError } from '@/lib/api-error';
import { notifyInfo, notifyProblem } from '@/lib/notify';
import { useCreateDraftVersion } from '../api/create-draft-version';
import { productDraftPath } from '../product-paths';

/** Copies the version in force into a new draft and opens it in the editor. */
export function StartDraftButton({ product }: { product: Product }) {
  const navigate = useNavigate();
  const mutation = useCreateDraftVersion({
    onSuccess: () => navigate(productDraftPath(product.id)),
    onError: (error) => {
      // Someone else started one meanwhile: there is one draft per product, so that one is opened.
      if (error instanceof ApiError && error.code === 'DRAFT_EXISTS') {
        notifyInfo('A draft already exists', 'Someone started a draft of this product; it is opened instead.');
        return void navigate(productDraftPath(product.id));
      }
      notifyProblem(error, 'The draft was not started');
    },
  });
  return (
    <Button leftSection={<IconPencilPlus size={16} />} loading={mutation.isPending} onClick={() => mutation.mutate(product.id)}>
      Start new version
    </Button>
  );
}

import { Anchor, Paper, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { CreateProductForm } from '@/features/products/components/CreateProductForm';
import { PRODUCTS_PATH } from '@/features/products/product-paths';

export function NewProductPage() {
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={PRODUCTS_PATH} size="sm">
        <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> Products
      </Anchor>
      <PageHeader title="New product" description="The product starts with a draft version 1; agents see it once that version is published." />
      <Paper withBorder p="md" maw={800}>
        <CreateProductForm />
      </Paper>
    </Stack>
  );
}

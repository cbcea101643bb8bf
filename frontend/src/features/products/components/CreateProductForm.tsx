import { PRODUCT_CATEGORIES } from '@contracts/products';
import type { ProductDefinition } from '@contracts/products';
import { Alert, Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '@/lib/api-error';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import type { ErrorDescription } from '@/lib/api-error';
import { focusFirstError, serverFieldErrors } from '@/lib/form-errors';
import { notifySuccess } from '@/lib/notify';
import { useCreateProduct } from '../api/create-product';
import { productQueryOptions } from '../api/get-product';
import { useProducts } from '../api/get-products';
import { blankDefinition } from '../draft-form';
import { CreateProductFormSchema, NEW_PRODUCT_FIELDS, suggestedCode } from '../new-product-form';
import type { NewProductValues } from '../new-product-form';
import { CATEGORY_LABELS } from '../product-labels';
import { productDraftPath } from '../product-paths';
import { CodeInput } from './editor/inputs';

const CATEGORY_OPTIONS = PRODUCT_CATEGORIES.map((category) => ({ value: category, label: CATEGORY_LABELS[category] }));
const BLANK = 'blank';

/** Name, code, category and description; the definition starts blank or as a copy of another product's. */
export function CreateProductForm() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: products } = useProducts({});
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const [codeEdited, setCodeEdited] = useState(false);
  const form = useForm<NewProductValues>({
    mode: 'controlled',
    initialValues: { name: '', code: '', category: 'life', currency: 'USD', description: '', startFrom: BLANK },
    validate: schemaResolver(CreateProductFormSchema, { sync: true }),
  });
  const { release } = useUnsavedChanges(form.isDirty());
  const mutation = useCreateProduct({
    onSuccess: (product) => {
      release(); // on to the new draft
      notifySuccess('Product created', `${product.name} has a draft version 1 to fill in; agents do not see it yet.`);
      navigate(productDraftPath(product.id));
    },
    onError: (error) => {
      const { byField, unplaced } = serverFieldErrors(error, NEW_PRODUCT_FIELDS);
      form.setErrors(byField);
      focusFirstError(byField, NEW_PRODUCT_FIELDS, form.getInputNode);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(describeError(error));
    },
  });
  const [copying, setCopying] = useState(false);

  /** The chosen product's version in force (or its draft), in the new product's currency. */
  const startingDefinition = async (values: NewProductValues): Promise<ProductDefinition> => {
    if (values.startFrom === BLANK) return blankDefinition(values.currency);
    const source = await queryClient.fetchQuery(productQueryOptions(values.startFrom));
    const version = source.currentVersion ?? source.draftVersion;
    return version ? { ...version.definition, currency: values.currency } : blankDefinition(values.currency);
  };

  const submit = async (values: NewProductValues) => {
    setFailure(null);
    setCopying(true);
    try {
      const definition = await startingDefinition(values);
      const { startFrom: _startFrom, ...product } = values;
      mutation.mutate({ ...product, definition });
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setCopying(false);
    }
  };

  const nameInput = form.getInputProps('name');
  return (
    <form
      onSubmit={form.onSubmit(
        (values) => void submit(values),
        (errors) => focusFirstError(errors, NEW_PRODUCT_FIELDS, form.getInputNode),
      )}
      noValidate
      aria-label="New product"
    >
      <Stack gap="md" maw={760}>
        {failure && (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} title={failure.title} role="alert">
            {failure.detail}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Name"
            data-autofocus
            {...nameInput}
            onChange={(event) => {
              const name = event.currentTarget.value;
              form.setFieldValue('name', name);
              // The code follows the name until someone types one of their own.
              if (!codeEdited) form.setFieldValue('code', suggestedCode(name));
            }}
          />
          <CodeInput
            label="Code"
            description="Capitals, digits and _; it cannot change later"
            {...form.getInputProps('code')}
            onChange={(value) => {
              setCodeEdited(true);
              form.setFieldValue('code', typeof value === 'string' ? value : value.currentTarget.value);
            }}
          />
          <Select label="Category" data={CATEGORY_OPTIONS} allowDeselect={false} {...form.getInputProps('category')} />
          <TextInput
            label="Currency"
            description="ISO code, e.g. USD"
            maxLength={3}
            {...form.getInputProps('currency')}
            onChange={(event) => form.setFieldValue('currency', event.currentTarget.value.toUpperCase())}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          description="What it covers, in a sentence or two: agents read it in the catalog."
          autosize
          minRows={3}
          {...form.getInputProps('description')}
        />
        <Select
          label="Start from"
          description="A copy of another product's version in force saves typing; you can change everything in the draft."
          allowDeselect={false}
          data={[{ value: BLANK, label: 'An empty definition' }, ...(products ?? []).map((product) => ({ value: product.id, label: `A copy of ${product.name}` }))]}
          {...form.getInputProps('startFrom')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={copying || mutation.isPending}>
            Create product
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

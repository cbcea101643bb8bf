import type { DeclarationQuestion } from '@contracts/products';
import { Fieldset, Group, NumberInput, Radio, Stack, Text, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ApplicationFormValues } from '../application-form';
import { DECLARATION_CATEGORY_LABELS } from '../order-labels';

function Question({ form, question }: { form: UseFormReturnType<ApplicationFormValues>; question: DeclarationQuestion }) {
  const path = `declarations.${question.code}`;
  const value = form.values.declarations[question.code];
  if (question.answerType === 'yes_no') {
    const answerProps = form.getInputProps(`${path}.answer`);
    return (
      <Stack gap={6}>
        <Radio.Group
          label={question.text}
          value={typeof answerProps.value === 'string' ? answerProps.value : ''}
          onChange={(next) => form.setFieldValue(`${path}.answer`, next)}
          error={answerProps.error}
        >
          <Group gap="lg" mt={6}>
            <Radio value="no" label="No" />
            <Radio value="yes" label="Yes" />
          </Group>
        </Radio.Group>
        {question.detailsOnYes && value?.answer === 'yes' && (
          <Textarea label="Details" description="What, when, and the treatment" autosize minRows={2} maxRows={6} {...form.getInputProps(`${path}.details`)} />
        )}
      </Stack>
    );
  }
  if (question.answerType === 'number') {
    return <NumberInput label={question.text} min={0} allowNegative={false} hideControls inputMode="decimal" maw={260} {...form.getInputProps(`${path}.answer`)} />;
  }
  return <Textarea label={question.text} autosize minRows={2} maxRows={6} {...form.getInputProps(`${path}.answer`)} />;
}

/** The product version's declaration questions, by category, each answered as it asks. */
export function DeclarationFields({ form, questions }: { form: UseFormReturnType<ApplicationFormValues>; questions: DeclarationQuestion[] }) {
  const categories = [...new Set(questions.map((q) => q.category))];
  return (
    <Stack gap="lg">
      {categories.map((category) => (
        <Fieldset
          key={category}
          variant="unstyled"
          legend={
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={6}>
              {DECLARATION_CATEGORY_LABELS[category]}
            </Text>
          }
        >
          <Stack gap="md">
            {questions
              .filter((q) => q.category === category)
              .map((question) => (
                <Question key={question.code} form={form} question={question} />
              ))}
          </Stack>
        </Fieldset>
      ))}
    </Stack>
  );
}

import { ActionIcon, Checkbox, Group, Paper, Select, Stack, Textarea } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { newQuestion } from '../../draft-form';
import type { QuestionValues } from '../../draft-form';
import { ANSWER_TYPE_LABELS, optionsOf, QUESTION_CATEGORY_LABELS } from '../../product-labels';
import { EditorList } from './EditorSection';
import { CodeInput } from './inputs';
import { errorsUnder, memoItem } from './memo-item';
import type { ErrorSlice } from './memo-item';
import type { DraftForm } from './types';

const CATEGORY_OPTIONS = optionsOf(QUESTION_CATEGORY_LABELS);
const ANSWER_OPTIONS = optionsOf(ANSWER_TYPE_LABELS);

interface QuestionEditorProps {
  form: DraftForm;
  index: number;
  question: QuestionValues;
  errors: ErrorSlice;
}

const QuestionEditor = memoItem(function QuestionEditor({ form, index, question }: QuestionEditorProps) {
  const path = `declarationQuestions.${index}`;
  const owner = `Question ${question.code.trim() || index + 1}`;
  return (
    <Paper withBorder p="sm" component="fieldset" aria-label={owner} style={{ margin: 0, minWidth: 0 }}>
      <Stack gap="xs">
        <Group align="flex-start" gap="sm" wrap="wrap">
          <CodeInput label="Code" w={190} {...form.getInputProps(`${path}.code`)} />
          <Select label="Topic" w={250} data={CATEGORY_OPTIONS} allowDeselect={false} {...form.getInputProps(`${path}.category`)} />
          <Select label="Answer" w={130} data={ANSWER_OPTIONS} allowDeselect={false} {...form.getInputProps(`${path}.answerType`)} />
          <Checkbox label="A yes must be explained" mt={32} disabled={question.answerType !== 'yes_no'} {...form.getInputProps(`${path}.detailsOnYes`, { type: 'checkbox' })} />
          <ActionIcon variant="subtle" color="red" mt={26} ml="auto" aria-label={`Remove ${owner}`} onClick={() => form.removeListItem('declarationQuestions', index)}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
        <Textarea label="Question" autosize minRows={1} {...form.getInputProps(`${path}.text`)} />
      </Stack>
    </Paper>
  );
});

interface DeclarationEditorProps {
  form: DraftForm;
  questions: QuestionValues[];
  errors: ErrorSlice;
}

/** The questions the application asks, in the order it asks them. */
export function DeclarationEditor({ form, questions, errors }: DeclarationEditorProps) {
  return (
    <EditorList
      path="declarationQuestions"
      error={errors.declarationQuestions as string | undefined}
      addLabel="Add question"
      onAdd={() => form.insertListItem('declarationQuestions', newQuestion())}
    >
      {questions.map((question, index) => (
        <QuestionEditor key={question.id} form={form} index={index} question={question} errors={errorsUnder(errors, `declarationQuestions.${index}`)} />
      ))}
    </EditorList>
  );
}

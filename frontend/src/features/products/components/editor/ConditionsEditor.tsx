import { ActionIcon, Button, Group, MultiSelect, NumberInput, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { newCondition } from '../../draft-form';
import type { ConditionValues } from '../../draft-form';
import { CATEGORY_DOMAINS, CONDITION_FIELD_LABELS, CONDITION_FIELD_OPTIONS, NUMERIC_CONDITION_FIELDS, OP_SYMBOLS, valueLabel } from '../../product-labels';
import type { ConditionField, ConditionOp } from '../../product-labels';
import { ListError } from './EditorSection';
import type { CoverageOption, DraftForm } from './types';

/** The comparisons that make sense for a field: numbers are compared, yes/no and categories matched. */
export function opsFor(field: ConditionField): ConditionOp[] {
  if (NUMERIC_CONDITION_FIELDS.has(field)) return ['gte', 'lte', 'eq', 'in'];
  if (field === 'smoker') return ['eq'];
  return ['eq', 'in'];
}

const SMOKER_OPTIONS = [
  { value: 'true', label: 'Smoker' },
  { value: 'false', label: 'Non-smoker' },
];

interface ConditionRowProps {
  form: DraftForm;
  path: string;
  index: number;
  condition: ConditionValues;
  coverages: CoverageOption[];
  currency: string;
  /** "Exam rule AGE_50" — for the names screen readers give each input. */
  owner: string;
}

function ConditionRow({ form, path, index, condition, coverages, currency, owner }: ConditionRowProps) {
  const at = `${path}.${index}`;
  const label = (what: string) => `${owner} condition ${index + 1}: ${what}`;
  const domain = CATEGORY_DOMAINS[condition.field];
  const choices = domain?.map((value) => ({ value, label: valueLabel(condition.field, value) }));
  const numeric = NUMERIC_CONDITION_FIELDS.has(condition.field);
  const unit = condition.field === 'sumInsured' ? currency : undefined;

  const chooseField = (field: string | null) => {
    if (!field) return;
    const next = field as ConditionField;
    form.setFieldValue(at, { ...condition, field: next, coverage: '', op: opsFor(next)[0]!, value: '', values: [] });
  };

  let valueInput;
  if (condition.field === 'smoker') {
    valueInput = <Select aria-label={label('value')} w={160} data={SMOKER_OPTIONS} {...form.getInputProps(`${at}.value`)} />;
  } else if (condition.op === 'in') {
    valueInput = choices ? (
      <MultiSelect aria-label={label('values')} miw={220} data={choices} {...form.getInputProps(`${at}.values`)} />
    ) : (
      <TagsInput
        aria-label={label('values')}
        miw={220}
        placeholder="Type a value, press Enter"
        splitChars={numeric ? [';', ' '] : [',', ' ', ';']}
        acceptValueOnBlur
        {...form.getInputProps(`${at}.values`)}
      />
    );
  } else if (choices) {
    valueInput = <Select aria-label={label('value')} w={200} data={choices} {...form.getInputProps(`${at}.value`)} />;
  } else if (numeric) {
    valueInput = (
      <NumberInput
        aria-label={label('value')}
        w={150}
        hideControls
        thousandSeparator={unit ? ',' : undefined}
        decimalScale={unit ? 2 : 0}
        rightSection={
          unit ? (
            <Text size="xs" c="dimmed">
              {unit}
            </Text>
          ) : undefined
        }
        rightSectionWidth={unit ? 44 : undefined}
        {...form.getInputProps(`${at}.value`)}
        // The form keeps the text; the number is read when the draft is checked.
        onChange={(value) => form.setFieldValue(`${at}.value`, String(value))}
      />
    );
  } else {
    valueInput = <TextInput aria-label={label('value')} w={150} {...form.getInputProps(`${at}.value`)} />;
  }

  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <Select aria-label={label('looks at')} w={170} data={CONDITION_FIELD_OPTIONS} allowDeselect={false} {...form.getInputProps(`${at}.field`)} onChange={chooseField} />
      {condition.field === 'sumInsured' && <Select aria-label={label('coverage')} placeholder="Of coverage…" w={190} data={coverages} {...form.getInputProps(`${at}.coverage`)} />}
      <Select
        aria-label={label('comparison')}
        w={100}
        data={opsFor(condition.field).map((op) => ({ value: op, label: OP_SYMBOLS[op] }))}
        allowDeselect={false}
        {...form.getInputProps(`${at}.op`)}
      />
      {valueInput}
      <ActionIcon
        variant="subtle"
        color="red"
        mt={4}
        aria-label={`Remove ${owner} condition ${index + 1} (${CONDITION_FIELD_LABELS[condition.field]})`}
        onClick={() => form.removeListItem(path, index)}
      >
        <IconTrash size={16} />
      </ActionIcon>
    </Group>
  );
}

interface ConditionsEditorProps {
  form: DraftForm;
  /** Path of the rule's `when` list, e.g. `medicalExamRules.0.when`. */
  path: string;
  conditions: ConditionValues[];
  coverages: CoverageOption[];
  currency: string;
  owner: string;
  /** What an empty list means for this rule, e.g. "Always needed". */
  emptyText: string;
}

/** A rule's conditions as rows of field, comparison and value; all of them must hold. */
export function ConditionsEditor({ form, path, conditions, coverages, currency, owner, emptyText }: ConditionsEditorProps) {
  return (
    <Stack gap={6}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {conditions.length > 1 ? 'When all of these hold' : 'When'}
      </Text>
      <ListError path={path} error={form.errors[path] as string | undefined} />
      {conditions.length === 0 && (
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      )}
      {conditions.map((condition, index) => (
        <ConditionRow key={condition.id} form={form} path={path} index={index} condition={condition} coverages={coverages} currency={currency} owner={owner} />
      ))}
      <Group>
        <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem(path, newCondition())}>
          Add condition
        </Button>
      </Group>
    </Stack>
  );
}

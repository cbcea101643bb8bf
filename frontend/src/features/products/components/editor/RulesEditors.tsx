// Documents, medical exam rules and referral rules: a code, what the rule says, and when it applies.
// One editor serves the three; each kind of rule brings its own inputs and words.
import { EXAM_TYPES } from '@contracts/products';
import { ActionIcon, Group, MultiSelect, Paper, Stack, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { newDocument, newExamRule, newReferralRule } from '../../draft-form';
import type { DocumentValues, ExamRuleValues, ReferralRuleValues } from '../../draft-form';
import { EXAM_LABELS } from '../../product-labels';
import { ConditionsEditor } from './ConditionsEditor';
import { EditorList } from './EditorSection';
import { CodeInput } from './inputs';
import { errorsUnder, memoItem } from './memo-item';
import type { ErrorSlice } from './memo-item';
import type { CoverageOption, DraftForm } from './types';

const EXAM_OPTIONS = EXAM_TYPES.map((exam) => ({
  value: exam,
  label: EXAM_LABELS[exam].charAt(0).toUpperCase() + EXAM_LABELS[exam].slice(1),
}));

type RuleList = 'requiredDocuments' | 'medicalExamRules' | 'referralRules';

/** Every rule has an id for React, a code, and the conditions under which it applies. */
type RuleValues = DocumentValues | ExamRuleValues | ReferralRuleValues;

/** One kind of rule: where its list is in the form, its words, and its own inputs. */
interface RuleKind<R extends RuleValues> {
  list: RuleList;
  /** Names one rule in labels: "Document PROOF_OF_INCOME", "Remove Exam rule 2". */
  name: string;
  addLabel: string;
  newRule: () => R;
  /** Shown when there are no rules of this kind. */
  emptyText?: string;
  /** Shown when a rule has no conditions. */
  alwaysText: string;
  /** The rule's own inputs, beside its code, for the rule at `path` (e.g. `referralRules.0`). */
  fields: (form: DraftForm, path: string) => ReactNode;
}

const DOCUMENTS: RuleKind<DocumentValues> = {
  list: 'requiredDocuments',
  name: 'Document',
  addLabel: 'Add document',
  newRule: newDocument,
  alwaysText: 'Always needed.',
  fields: (form, path) => <TextInput label="Document" {...form.getInputProps(`${path}.name`)} />,
};

const EXAM_RULES: RuleKind<ExamRuleValues> = {
  list: 'medicalExamRules',
  name: 'Exam rule',
  addLabel: 'Add exam rule',
  newRule: newExamRule,
  emptyText: 'No medical exams are asked for.',
  alwaysText: 'Every applicant.',
  fields: (form, path) => (
    <Group gap="sm" align="flex-start" grow>
      <TextInput label="Description" {...form.getInputProps(`${path}.description`)} />
      <MultiSelect label="Exams" data={EXAM_OPTIONS} {...form.getInputProps(`${path}.exams`)} />
    </Group>
  ),
};

const REFERRAL_RULES: RuleKind<ReferralRuleValues> = {
  list: 'referralRules',
  name: 'Referral rule',
  addLabel: 'Add referral rule',
  newRule: newReferralRule,
  emptyText: 'No referral rules: this product sends no application to an underwriter.',
  alwaysText: 'Every application is referred.',
  fields: (form, path) => <TextInput label="Message to the underwriter" {...form.getInputProps(`${path}.message`)} />,
};

interface RuleEditorProps {
  form: DraftForm;
  kind: RuleKind<RuleValues>;
  index: number;
  rule: RuleValues;
  coverages: CoverageOption[];
  currency: string;
  errors: ErrorSlice;
}

/** One rule: its code, its own inputs and its conditions, in a card with a remove button. */
const RuleEditor = memoItem(function RuleEditor({ form, kind, index, rule, coverages, currency }: RuleEditorProps) {
  const path = `${kind.list}.${index}`;
  const owner = `${kind.name} ${rule.code.trim() || index + 1}`;
  return (
    <Paper withBorder p="sm" component="fieldset" aria-label={owner} style={{ margin: 0, minWidth: 0 }}>
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <CodeInput label="Code" w={190} {...form.getInputProps(`${path}.code`)} />
        <Stack gap="sm" style={{ flex: 1 }}>
          {kind.fields(form, path)}
          <ConditionsEditor form={form} path={`${path}.when`} conditions={rule.when} coverages={coverages} currency={currency} owner={owner} emptyText={kind.alwaysText} />
        </Stack>
        <ActionIcon variant="subtle" color="red" mt={26} aria-label={`Remove ${owner}`} onClick={() => form.removeListItem(kind.list, index)}>
          <IconTrash size={16} />
        </ActionIcon>
      </Group>
    </Paper>
  );
});

interface RulesEditorProps<R> {
  form: DraftForm;
  rules: R[];
  coverages: CoverageOption[];
  currency: string;
  errors: ErrorSlice;
}

function RulesEditor<R extends RuleValues>({ kind, form, rules, coverages, currency, errors }: RulesEditorProps<R> & { kind: RuleKind<R> }) {
  const { list } = kind;
  return (
    <EditorList path={list} error={errors[list] as string | undefined} emptyText={kind.emptyText} addLabel={kind.addLabel} onAdd={() => form.insertListItem(list, kind.newRule())}>
      {rules.map((rule, index) => (
        <RuleEditor key={rule.id} form={form} kind={kind} index={index} rule={rule} coverages={coverages} currency={currency} errors={errorsUnder(errors, `${list}.${index}`)} />
      ))}
    </EditorList>
  );
}

export function DocumentsEditor(props: RulesEditorProps<DocumentValues>) {
  return <RulesEditor kind={DOCUMENTS} {...props} />;
}

export function ExamRulesEditor(props: RulesEditorProps<ExamRuleValues>) {
  return <RulesEditor kind={EXAM_RULES} {...props} />;
}

export function ReferralRulesEditor(props: RulesEditorProps<ReferralRuleValues>) {
  return <RulesEditor kind={REFERRAL_RULES} {...props} />;
}

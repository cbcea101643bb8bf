// Documents, medical exam rules and referral rules: a code, what the rule says, and when it applies.
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

const ownerName = (kind: string, code: string, index: number) => `${kind} ${code.trim() || index + 1}`;

interface RuleCardProps {
  form: DraftForm;
  list: RuleList;
  index: number;
  /** "Document PROOF_OF_INCOME" */
  owner: string;
  /** The rule's own inputs, beside its code. */
  children: ReactNode;
}

function RuleCard({ form, list, index, owner, children }: RuleCardProps) {
  return (
    <Paper withBorder p="sm" component="fieldset" aria-label={owner} style={{ margin: 0, minWidth: 0 }}>
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <CodeInput label="Code" w={190} {...form.getInputProps(`${list}.${index}.code`)} />
        <Stack gap="sm" style={{ flex: 1 }}>
          {children}
        </Stack>
        <ActionIcon variant="subtle" color="red" mt={26} aria-label={`Remove ${owner}`} onClick={() => form.removeListItem(list, index)}>
          <IconTrash size={16} />
        </ActionIcon>
      </Group>
    </Paper>
  );
}

interface RuleEditorProps<R> {
  form: DraftForm;
  index: number;
  rule: R;
  coverages: CoverageOption[];
  currency: string;
  errors: ErrorSlice;
}

const DocumentEditor = memoItem(function DocumentEditor({ form, index, rule, coverages, currency }: RuleEditorProps<DocumentValues>) {
  const owner = ownerName('Document', rule.code, index);
  return (
    <RuleCard form={form} list="requiredDocuments" index={index} owner={owner}>
      <TextInput label="Document" {...form.getInputProps(`requiredDocuments.${index}.name`)} />
      <ConditionsEditor
        form={form}
        path={`requiredDocuments.${index}.when`}
        conditions={rule.when}
        coverages={coverages}
        currency={currency}
        owner={owner}
        emptyText="Always needed."
      />
    </RuleCard>
  );
});

const ExamRuleEditor = memoItem(function ExamRuleEditor({ form, index, rule, coverages, currency }: RuleEditorProps<ExamRuleValues>) {
  const owner = ownerName('Exam rule', rule.code, index);
  return (
    <RuleCard form={form} list="medicalExamRules" index={index} owner={owner}>
      <Group gap="sm" align="flex-start" grow>
        <TextInput label="Description" {...form.getInputProps(`medicalExamRules.${index}.description`)} />
        <MultiSelect label="Exams" data={EXAM_OPTIONS} {...form.getInputProps(`medicalExamRules.${index}.exams`)} />
      </Group>
      <ConditionsEditor
        form={form}
        path={`medicalExamRules.${index}.when`}
        conditions={rule.when}
        coverages={coverages}
        currency={currency}
        owner={owner}
        emptyText="Every applicant."
      />
    </RuleCard>
  );
});

const ReferralRuleEditor = memoItem(function ReferralRuleEditor({
  form,
  index,
  rule,
  coverages,
  currency,
}: RuleEditorProps<ReferralRuleValues>) {
  const owner = ownerName('Referral rule', rule.code, index);
  return (
    <RuleCard form={form} list="referralRules" index={index} owner={owner}>
      <TextInput label="Message to the underwriter" {...form.getInputProps(`referralRules.${index}.message`)} />
      <ConditionsEditor
        form={form}
        path={`referralRules.${index}.when`}
        conditions={rule.when}
        coverages={coverages}
        currency={currency}
        owner={owner}
        emptyText="Every application is referred."
      />
    </RuleCard>
  );
});

interface RulesEditorProps<R> {
  form: DraftForm;
  rules: R[];
  coverages: CoverageOption[];
  currency: string;
  errors: ErrorSlice;
}

export function DocumentsEditor({ form, rules, coverages, currency, errors }: RulesEditorProps<DocumentValues>) {
  return (
    <EditorList path="requiredDocuments" error={errors.requiredDocuments as string | undefined} addLabel="Add document" onAdd={() => form.insertListItem('requiredDocuments', newDocument())}>
      {rules.map((rule, index) => (
        <DocumentEditor
          key={rule.id}
          form={form}
          index={index}
          rule={rule}
          coverages={coverages}
          currency={currency}
          errors={errorsUnder(errors, `requiredDocuments.${index}`)}
        />
      ))}
    </EditorList>
  );
}

export function ExamRulesEditor({ form, rules, coverages, currency, errors }: RulesEditorProps<ExamRuleValues>) {
  return (
    <EditorList
      path="medicalExamRules"
      error={errors.medicalExamRules as string | undefined}
      emptyText="No medical exams are asked for."
      addLabel="Add exam rule"
      onAdd={() => form.insertListItem('medicalExamRules', newExamRule())}
    >
      {rules.map((rule, index) => (
        <ExamRuleEditor
          key={rule.id}
          form={form}
          index={index}
          rule={rule}
          coverages={coverages}
          currency={currency}
          errors={errorsUnder(errors, `medicalExamRules.${index}`)}
        />
      ))}
    </EditorList>
  );
}

export function ReferralRulesEditor({ form, rules, coverages, currency, errors }: RulesEditorProps<ReferralRuleValues>) {
  return (
    <EditorList
      path="referralRules"
      error={errors.referralRules as string | undefined}
      emptyText="No referral rules: this product sends no application to an underwriter."
      addLabel="Add referral rule"
      onAdd={() => form.insertListItem('referralRules', newReferralRule())}
    >
      {rules.map((rule, index) => (
        <ReferralRuleEditor
          key={rule.id}
          form={form}
          index={index}
          rule={rule}
          coverages={coverages}
          currency={currency}
          errors={errorsUnder(errors, `referralRules.${index}`)}
        />
      ))}
    </EditorList>
  );
}

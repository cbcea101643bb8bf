import type { Product, ProductVersion } from '@contracts/products';
import { Alert, Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { StickyFormActions } from '@/components/StickyFormActions';
import { EDITOR_SECTIONS, sectionOf } from '../../draft-errors';
import type { EditorSectionId } from '../../draft-errors';
import { productPath } from '../../product-paths';
import { CashValuesEditor } from './CashValuesEditor';
import { ChargesEditor } from './ChargesEditor';
import { CoveragesEditor } from './CoveragesEditor';
import { DeclarationEditor } from './DeclarationEditor';
import { EditorSection } from './EditorSection';
import { EligibilityEditor } from './EligibilityEditor';
import { FactorTablesEditor } from './FactorTablesEditor';
import { FastTrackEditor } from './FastTrackEditor';
import { errorsUnder } from './memo-item';
import { ProblemSummary } from './ProblemSummary';
import { PublishDialog } from './PublishDialog';
import { DocumentsEditor, ExamRulesEditor, ReferralRulesEditor } from './RulesEditors';
import { TermsEditor } from './TermsEditor';
import { coverageOptions } from './types';
import { useDraftEditor } from './use-draft-editor';

const SECTION_DESCRIPTIONS: Partial<Record<EditorSectionId, string>> = {
  coverages: 'What a customer can choose. At least one coverage must be always included.',
  'factor-tables':
    'Each coverage’s base rate is multiplied by the factor of the matching row. Bands must cover every value with no gaps or overlaps; category tables need a row for every value.',
  documents: 'What an application must include; a document with conditions is needed only when they all hold.',
  'exam-rules': 'Medical evidence an applicant must provide when the conditions hold.',
  'referral-rules': 'Cases an underwriter decides: the message tells them why.',
  declaration: 'Questions the applicant answers on the application.',
  'fast-track': 'Part of the version’s claims settings: small claims the rule admits are paid straight through; a manager can still switch fast-track off for the whole product.',
};

/** Moves the keyboard to a field named by its form path, or to the nearest thing that stands for it. */
function focusField(path: string) {
  let at = path;
  while (at) {
    const element = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(at)}"]`);
    if (element) {
      element.scrollIntoView({ block: 'center' });
      element.focus({ preventScroll: true });
      return;
    }
    at = at.includes('.') ? at.slice(0, at.lastIndexOf('.')) : '';
  }
  const section = sectionOf(path);
  if (section) document.getElementById(section)?.scrollIntoView({ block: 'start' });
}

interface DraftEditorProps {
  /** The product as last fetched: a newer draft version there means someone else saved. */
  product: Product;
  /** The draft this editor started from; mount with `key={draft.id}`. */
  draft: ProductVersion;
  /** Start again from the draft as saved now (after someone else's save). */
  onReload: () => void;
}

export function DraftEditor({ product, draft, onReload }: DraftEditorProps) {
  const editor = useDraftEditor({ product, draft });
  const { form, values, errors, dirty, saved, blocked, problemsIn, publishDialog } = editor;

  // The news that the draft moved on appears at the top, possibly far above the field being edited.
  const conflictRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!blocked) return;
    conflictRef.current?.scrollIntoView({ block: 'start' });
    conflictRef.current?.focus({ preventScroll: true });
  }, [blocked]);

  const currency = product.currency;
  const coverages = coverageOptions(values);
  const sectionProps = (id: EditorSectionId) => {
    const section = EDITOR_SECTIONS.find((s) => s.id === id)!;
    return { id, title: section.title, description: SECTION_DESCRIPTIONS[id], problems: problemsIn(id) };
  };

  return (
    <Stack gap="md">
      <div ref={conflictRef} tabIndex={-1} style={{ scrollMarginTop: 72 }} hidden={!blocked}>
        {editor.changedElsewhere && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle />} title="Someone else saved this draft" role="alert">
            <Stack gap="xs">
              <Text size="sm">
                The draft was saved by someone else after you opened it, so your changes cannot be saved over theirs. Load their version to continue from it; your unsaved changes
                here will be lost, so note anything you want to keep first.
              </Text>
              <Group>
                <Button size="xs" variant="white" color="yellow" leftSection={<IconRefresh size={14} />} onClick={onReload}>
                  Load the latest version
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {editor.publishedElsewhere && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle />} title="This draft has been published" role="alert">
            <Text size="sm">
              Someone published this version while you were editing it; a published version cannot change, so your changes here are not saved.{' '}
              <Anchor component={Link} to={productPath(product.id)} size="sm">
                Open the product
              </Anchor>{' '}
              to see what is in force, and start a new version for further changes.
            </Text>
          </Alert>
        )}
      </div>
      {editor.failure && (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} title={editor.failure.title} role="alert">
          {editor.failure.detail}
        </Alert>
      )}
      <ProblemSummary title={editor.problemsTitle} problems={editor.problems} focusRequest={editor.focusRequest} onSelect={focusField} />
      <Group gap="xs" component="nav" aria-label="Sections of the draft">
        <Text size="sm" c="dimmed">
          Jump to:
        </Text>
        {EDITOR_SECTIONS.map((section) => {
          const count = problemsIn(section.id);
          return (
            <Anchor key={section.id} href={`#${section.id}`} size="sm">
              {section.title}
              {count > 0 && (
                <Badge ml={4} size="xs" color="red" variant="filled" aria-label={`${count} problems`}>
                  {count}
                </Badge>
              )}
            </Anchor>
          );
        })}
      </Group>
      <form
        noValidate
        aria-label={`Draft version ${saved.versionNumber} of ${product.name}`}
        onSubmit={(event) => {
          event.preventDefault();
          void editor.save();
        }}
      >
        <Stack gap="md">
          <EditorSection {...sectionProps('coverages')}>
            <CoveragesEditor form={form} coverages={values.coverages} currency={currency} errors={errorsUnder(errors, 'coverages')} />
          </EditorSection>
          <EditorSection {...sectionProps('terms')}>
            <TermsEditor
              form={form}
              termYears={values.termYears}
              frequencyLoadings={values.frequencyLoadings}
              trip={values.trip}
              errors={errorsUnder(errors, 'termYears', 'frequencyLoadings', 'trip')}
            />
          </EditorSection>
          <EditorSection {...sectionProps('charges')}>
            <ChargesEditor
              form={form}
              currency={currency}
              policyFee={values.policyFee}
              minimumPremium={values.minimumPremium}
              premiumTaxByRegion={values.premiumTaxByRegion}
              lateFee={values.lateFee}
              errors={errorsUnder(errors, 'policyFee', 'minimumPremium', 'premiumTaxByRegion', 'lateFee')}
            />
          </EditorSection>
          <EditorSection {...sectionProps('eligibility')}>
            <EligibilityEditor form={form} eligibility={values.eligibility} errors={errorsUnder(errors, 'eligibility')} />
          </EditorSection>
          <EditorSection {...sectionProps('factor-tables')}>
            <FactorTablesEditor
              form={form}
              factorTables={values.factorTables}
              coverages={coverages}
              currency={currency}
              allowedRegions={values.eligibility.regionsRestricted ? values.eligibility.allowedRegions : null}
              errors={errorsUnder(errors, 'factorTables')}
            />
          </EditorSection>
          <EditorSection {...sectionProps('documents')}>
            <DocumentsEditor form={form} rules={values.requiredDocuments} coverages={coverages} currency={currency} errors={errorsUnder(errors, 'requiredDocuments')} />
          </EditorSection>
          <EditorSection {...sectionProps('exam-rules')}>
            <ExamRulesEditor form={form} rules={values.medicalExamRules} coverages={coverages} currency={currency} errors={errorsUnder(errors, 'medicalExamRules')} />
          </EditorSection>
          <EditorSection {...sectionProps('referral-rules')}>
            <ReferralRulesEditor form={form} rules={values.referralRules} coverages={coverages} currency={currency} errors={errorsUnder(errors, 'referralRules')} />
          </EditorSection>
          <EditorSection {...sectionProps('declaration')}>
            <DeclarationEditor form={form} questions={values.declarationQuestions} errors={errorsUnder(errors, 'declarationQuestions')} />
          </EditorSection>
          <EditorSection {...sectionProps('cash-values')}>
            <CashValuesEditor form={form} cashValues={values.cashValues} coverages={coverages} errors={errorsUnder(errors, 'cashValues')} />
          </EditorSection>
          <EditorSection {...sectionProps('fast-track')}>
            <FastTrackEditor
              form={form}
              fastTrack={values.fastTrack}
              catalog={(values.kept.claims?.lossTypes ?? []).map((c) => c.lossType)}
              currency={currency}
              errors={errorsUnder(errors, 'fastTrack')}
            />
          </EditorSection>
          <StickyFormActions>
            <Text size="sm" c={dirty ? 'orange.8' : 'dimmed'} mr="auto" aria-live="polite">
              {dirty ? 'Unsaved changes' : `Draft version ${saved.versionNumber} saved`}
            </Text>
            <Button variant="default" disabled={!dirty} onClick={() => form.reset()}>
              Discard changes
            </Button>
            <Button type="submit" variant="default" disabled={!dirty || blocked} loading={editor.saving && !publishDialog.opened}>
              Save draft
            </Button>
            <Button disabled={blocked} onClick={publishDialog.open}>
              Publish…
            </Button>
          </StickyFormActions>
        </Stack>
      </form>
      <PublishDialog
        opened={publishDialog.opened}
        versionNumber={saved.versionNumber}
        currentVersionNumber={product.currentVersion?.versionNumber ?? null}
        today={editor.today}
        unsavedChanges={dirty}
        loading={editor.saving || editor.publishing}
        dateError={publishDialog.dateError}
        returnFocus={publishDialog.returnFocus}
        onConfirm={(effectiveFrom) => void editor.publish(effectiveFrom)}
        onClose={publishDialog.close}
      />
    </Stack>
  );
}

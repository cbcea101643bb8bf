import type { Product, ProductVersion } from '@contracts/products';
import { Alert, Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertCircle, IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link, useBlocker, useNavigate } from 'react-router';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { StickyFormActions } from '@/components/StickyFormActions';
import { useSystemInfo } from '@/features/system';
import { ApiError, describeError } from '@/lib/api-error';
import type { ErrorDescription } from '@/lib/api-error';
import { isVersionConflict } from '@/lib/concurrency';
import { formatDate } from '@/lib/format-date';
import { notifySuccess } from '@/lib/notify';
import { usePublishVersion } from '../../api/publish-version';
import { useUpdateDraft } from '../../api/update-draft';
import { compareFieldPaths, describeFieldPath, EDITOR_SECTIONS, placeServerErrors, sectionOf } from '../../draft-errors';
import type { EditorSectionId } from '../../draft-errors';
import { checkDraft, toDraftValues } from '../../draft-form';
import type { DraftValues, FieldErrors } from '../../draft-form';
import { productPath } from '../../product-paths';
import { CashValuesEditor } from './CashValuesEditor';
import { ChargesEditor } from './ChargesEditor';
import { CoveragesEditor } from './CoveragesEditor';
import { DeclarationEditor } from './DeclarationEditor';
import { EditorSection } from './EditorSection';
import { EligibilityEditor } from './EligibilityEditor';
import { FactorTablesEditor } from './FactorTablesEditor';
import { errorsUnder } from './memo-item';
import { ProblemSummary } from './ProblemSummary';
import type { Problem } from './ProblemSummary';
import { PublishDialog } from './PublishDialog';
import { DocumentsEditor, ExamRulesEditor, ReferralRulesEditor } from './RulesEditors';
import { TermsEditor } from './TermsEditor';
import { coverageOptions } from './types';

type SavedDraft = Pick<ProductVersion, 'id' | 'productId' | 'version' | 'versionNumber'>;

const SECTION_DESCRIPTIONS: Partial<Record<EditorSectionId, string>> = {
  coverages: 'What a customer can choose. At least one coverage must be always included.',
  'factor-tables':
    'Each coverage’s base rate is multiplied by the factor of the matching row. Bands must cover every value with no gaps or overlaps; category tables need a row for every value.',
  documents: 'What an application must include; a document with conditions is needed only when they all hold.',
  'exam-rules': 'Medical evidence an applicant must provide when the conditions hold.',
  'referral-rules': 'Cases an underwriter decides: the message tells them why.',
  declaration: 'Questions the applicant answers on the application.',
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
  const navigate = useNavigate();
  const { data: system } = useSystemInfo();
  const today = system?.businessDate ?? dayjs().format('YYYY-MM-DD');
  const [initialValues] = useState(() => toDraftValues(draft.definition));
  const form = useForm<DraftValues>({ mode: 'controlled', initialValues });
  const [saved, setSaved] = useState<SavedDraft>(draft);
  const [conflict, setConflict] = useState<'changed' | 'published' | null>(null);
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const [problemsTitle, setProblemsTitle] = useState('');
  const [otherProblems, setOtherProblems] = useState<Problem[]>([]);
  const [focusRequest, setFocusRequest] = useState(0);
  const [publishOpened, publishDialog] = useDisclosure(false);
  // A dialog closed because of problems leaves the keyboard with them, not on the button that opened it.
  const [dialogReturnsFocus, setDialogReturnsFocus] = useState(true);
  const [dateError, setDateError] = useState<string>();
  // Set once the draft is published here: leaving the page then is expected, not a loss.
  const leaving = useRef(false);
  const values = form.values;
  const errors = form.errors;
  const dirty = form.isDirty();

  const openPublishDialog = () => {
    setDialogReturnsFocus(true);
    publishDialog.open();
  };
  const closePublishDialogForProblems = () => {
    setDialogReturnsFocus(false);
    publishDialog.close();
  };

  const showProblems = (errors: FieldErrors, title: string, other: Problem[] = []) => {
    closePublishDialogForProblems();
    form.setErrors(errors);
    setProblemsTitle(title);
    setOtherProblems(other);
    setFocusRequest((n) => n + 1);
  };

  const handleFailure = (error: Error, action: 'save' | 'publish') => {
    if (isVersionConflict(error) || (error instanceof ApiError && error.code === 'VERSION_PUBLISHED')) {
      closePublishDialogForProblems();
      return setConflict(isVersionConflict(error) ? 'changed' : 'published');
    }
    if (error instanceof ApiError && error.errors.length > 0) {
      const current = form.getValues();
      const placed = placeServerErrors(error.errors, current);
      const onlyTheDate =
        action === 'publish' && Object.keys(placed.byField).length === 0 && placed.other.every((e) => e.path === 'effectiveFrom');
      if (onlyTheDate) return setDateError(placed.other[0]?.message);
      const other = placed.other.map((e) => ({ path: e.path, location: describeFieldPath(e.path, current), message: e.message }));
      return showProblems(
        placed.byField,
        action === 'publish' ? `Version ${saved.versionNumber} cannot be published yet` : 'The draft was not saved',
        other,
      );
    }
    closePublishDialogForProblems();
    setFailure(describeError(error));
  };

  const update = useUpdateDraft({ onError: (error) => handleFailure(error, 'save') });
  const publish = usePublishVersion({
    onSuccess: (published) => {
      leaving.current = true;
      publishDialog.close();
      const when = published.effectiveFrom ?? today;
      notifySuccess(
        `Version ${published.versionNumber} published`,
        when <= today ? 'It is in force from today.' : `It comes into force on ${formatDate(when)}.`,
      );
      navigate(productPath(product.id));
    },
    onError: (error) => handleFailure(error, 'publish'),
  });

  // A refetch (window focus, another tab) shows whether someone else saved or published meanwhile.
  // Our own save refetches the product before it hands back the new version: not a conflict.
  const latest = product.draftVersion;
  const ownWriteInFlight = update.isPending || publish.isPending || leaving.current;
  const changedElsewhere = !ownWriteInFlight && latest?.id === saved.id && latest.version > saved.version;
  const publishedElsewhere = !ownWriteInFlight && (!latest || latest.id !== saved.id);
  const blocked = conflict !== null || changedElsewhere || publishedElsewhere;

  // The news that the draft moved on appears at the top, possibly far above the field being edited.
  const conflictRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!blocked) return;
    conflictRef.current?.scrollIntoView({ block: 'start' });
    conflictRef.current?.focus({ preventScroll: true });
  }, [blocked]);

  /** Checks the form with the API's schema and saves it; null when something stopped it (already shown). */
  const saveDraft = async (): Promise<SavedDraft | null> => {
    setFailure(null);
    const check = checkDraft(form.getValues(), product.currency);
    if (!check.ok) {
      showProblems(check.errors, 'Fix these before saving');
      return null;
    }
    try {
      const version = await update.mutateAsync({ draft: saved, definition: check.definition });
      setSaved(version);
      // "Discard changes" goes back to what is saved now, and leaving no longer asks.
      form.setInitialValues(form.getValues());
      form.resetDirty();
      form.clearErrors();
      setOtherProblems([]);
      return version;
    } catch {
      return null;
    }
  };

  const onSave = async () => {
    const version = await saveDraft();
    if (version) notifySuccess('Draft saved', `Version ${version.versionNumber} is saved as a draft; agents do not see it yet.`);
  };

  const onPublish = async (effectiveFrom: string) => {
    setDateError(undefined);
    setFailure(null);
    let target = saved;
    if (form.isDirty()) {
      // A failed save has already said why (problems, a conflict) and closed the dialog.
      const version = await saveDraft();
      if (!version) return;
      target = version;
    } else {
      const check = checkDraft(form.getValues(), product.currency);
      if (!check.ok) return showProblems(check.errors, 'Fix these before publishing');
    }
    setOtherProblems([]);
    publish.mutate({ draft: target, effectiveFrom });
  };

  // Leaving with unsaved changes asks first: inside the console, and when closing or reloading the tab.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !leaving.current && form.isDirty() && currentLocation.pathname !== nextLocation.pathname,
  );
  const isDirtyRef = useRef(form.isDirty);
  isDirtyRef.current = form.isDirty;
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!leaving.current && isDirtyRef.current()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const fieldProblems: Problem[] = Object.entries(form.errors)
    .filter(([, message]) => Boolean(message))
    .sort(([a], [b]) => compareFieldPaths(a, b))
    .map(([path, message]) => ({ path, location: describeFieldPath(path, values), message: String(message) }));
  const problems = [...otherProblems, ...fieldProblems];
  const problemsIn = (section: EditorSectionId) => fieldProblems.filter((problem) => sectionOf(problem.path) === section).length;

  const currency = product.currency;
  const coverages = coverageOptions(values);
  const sectionProps = (id: EditorSectionId) => {
    const section = EDITOR_SECTIONS.find((s) => s.id === id)!;
    return { id, title: section.title, description: SECTION_DESCRIPTIONS[id], problems: problemsIn(id) };
  };

  return (
    <Stack gap="md">
      <div ref={conflictRef} tabIndex={-1} style={{ scrollMarginTop: 72 }} hidden={!blocked}>
        {(conflict === 'changed' || changedElsewhere) && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle />} title="Someone else saved this draft" role="alert">
            <Stack gap="xs">
              <Text size="sm">
                The draft was saved by someone else after you opened it, so your changes cannot be saved over theirs.
                Load their version to continue from it; your unsaved changes here will be lost, so note anything you
                want to keep first.
              </Text>
              <Group>
                <Button size="xs" variant="white" color="yellow" leftSection={<IconRefresh size={14} />} onClick={onReload}>
                  Load the latest version
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {(conflict === 'published' || (publishedElsewhere && conflict !== 'changed')) && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle />} title="This draft has been published" role="alert">
            <Text size="sm">
              Someone published this version while you were editing it; a published version cannot change, so your changes
              here are not saved.{' '}
              <Anchor component={Link} to={productPath(product.id)} size="sm">
                Open the product
              </Anchor>{' '}
              to see what is in force, and start a new version for further changes.
            </Text>
          </Alert>
        )}
      </div>
      {failure && (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} title={failure.title} role="alert">
          {failure.detail}
        </Alert>
      )}
      <ProblemSummary title={problemsTitle} problems={problems} focusRequest={focusRequest} onSelect={focusField} />
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
          void onSave();
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
              errors={errorsUnder(errors, 'termYears', 'frequencyLoadings')}
            />
          </EditorSection>
          <EditorSection {...sectionProps('charges')}>
            <ChargesEditor
              form={form}
              currency={currency}
              policyFee={values.policyFee}
              minimumPremium={values.minimumPremium}
              premiumTaxByRegion={values.premiumTaxByRegion}
              errors={errorsUnder(errors, 'policyFee', 'minimumPremium', 'premiumTaxByRegion')}
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
            <DocumentsEditor
              form={form}
              rules={values.requiredDocuments}
              coverages={coverages}
              currency={currency}
              errors={errorsUnder(errors, 'requiredDocuments')}
            />
          </EditorSection>
          <EditorSection {...sectionProps('exam-rules')}>
            <ExamRulesEditor
              form={form}
              rules={values.medicalExamRules}
              coverages={coverages}
              currency={currency}
              errors={errorsUnder(errors, 'medicalExamRules')}
            />
          </EditorSection>
          <EditorSection {...sectionProps('referral-rules')}>
            <ReferralRulesEditor
              form={form}
              rules={values.referralRules}
              coverages={coverages}
              currency={currency}
              errors={errorsUnder(errors, 'referralRules')}
            />
          </EditorSection>
          <EditorSection {...sectionProps('declaration')}>
            <DeclarationEditor
              form={form}
              questions={values.declarationQuestions}
              errors={errorsUnder(errors, 'declarationQuestions')}
            />
          </EditorSection>
          <EditorSection {...sectionProps('cash-values')}>
            <CashValuesEditor
              form={form}
              cashValues={values.cashValues}
              coverages={coverages}
              errors={errorsUnder(errors, 'cashValues')}
            />
          </EditorSection>
          <StickyFormActions>
            <Text size="sm" c={dirty ? 'orange.8' : 'dimmed'} mr="auto" aria-live="polite">
              {dirty ? 'Unsaved changes' : `Draft version ${saved.versionNumber} saved`}
            </Text>
            <Button variant="default" disabled={!dirty} onClick={() => form.reset()}>
              Discard changes
            </Button>
            <Button type="submit" variant="default" disabled={!dirty || blocked} loading={update.isPending && !publishOpened}>
              Save draft
            </Button>
            <Button disabled={blocked} onClick={openPublishDialog}>
              Publish…
            </Button>
          </StickyFormActions>
        </Stack>
      </form>
      <PublishDialog
        opened={publishOpened}
        versionNumber={saved.versionNumber}
        currentVersionNumber={product.currentVersion?.versionNumber ?? null}
        today={today}
        unsavedChanges={dirty}
        loading={update.isPending || publish.isPending}
        dateError={dateError}
        returnFocus={dialogReturnsFocus}
        onConfirm={(effectiveFrom) => void onPublish(effectiveFrom)}
        onClose={publishDialog.close}
      />
      <ConfirmDialog
        opened={blocker.state === 'blocked'}
        title="Leave without saving?"
        confirmLabel="Leave and lose changes"
        color="red"
        onConfirm={() => blocker.proceed?.()}
        onClose={() => blocker.reset?.()}
      >
        Your changes to this draft are not saved. If you leave now, they are lost.
      </ConfirmDialog>
    </Stack>
  );
}

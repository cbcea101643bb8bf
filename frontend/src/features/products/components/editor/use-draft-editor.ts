import type { Product, ProductVersion } from '@contracts/products';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useSystemInfo } from '@/features/system';
import { ApiError, describeError } from '@/lib/api-error';
import type { ErrorDescription } from '@/lib/api-error';
import { isVersionConflict } from '@/lib/concurrency';
import { formatDate } from '@/lib/format-date';
import { notifySuccess } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { usePublishVersion } from '../../api/publish-version';
import { useUpdateDraft } from '../../api/update-draft';
import { compareFieldPaths, describeFieldPath, placeServerErrors, sectionOf } from '../../draft-errors';
import type { EditorSectionId } from '../../draft-errors';
import { checkDraft, toDraftValues } from '../../draft-form';
import type { DraftValues, FieldErrors } from '../../draft-form';
import { productPath } from '../../product-paths';
import type { Problem } from './ProblemSummary';

export type SavedDraft = Pick<ProductVersion, 'id' | 'productId' | 'version' | 'versionNumber'>;

interface UseDraftEditorOptions {
  /** The product as last fetched: a newer draft version there means someone else saved. */
  product: Product;
  /** The draft this editor started from. */
  draft: ProductVersion;
}

/**
 * The draft editor's state and what it does: the form over the definition, saving (checked with the
 * API's schema first), publishing (saving first when there are changes), the problems to list, the
 * news that someone else saved or published meanwhile, and asking before unsaved changes are lost.
 */
export function useDraftEditor({ product, draft }: UseDraftEditorOptions) {
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
  const values = form.values;
  const dirty = form.isDirty();
  // Leaving with unsaved changes asks first; once the draft is published here, leaving is expected.
  const { release } = useUnsavedChanges(dirty);

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
      const onlyTheDate = action === 'publish' && Object.keys(placed.byField).length === 0 && placed.other.every((e) => e.path === 'effectiveFrom');
      if (onlyTheDate) return setDateError(placed.other[0]?.message);
      const other = placed.other.map((e) => ({ path: e.path, location: describeFieldPath(e.path, current), message: e.message }));
      return showProblems(placed.byField, action === 'publish' ? `Version ${saved.versionNumber} cannot be published yet` : 'The draft was not saved', other);
    }
    closePublishDialogForProblems();
    setFailure(describeError(error));
  };

  const update = useUpdateDraft({ onError: (error) => handleFailure(error, 'save') });
  const publish = usePublishVersion({
    onSuccess: (published) => {
      release();
      publishDialog.close();
      const when = published.effectiveFrom ?? today;
      notifySuccess(`Version ${published.versionNumber} published`, when <= today ? 'It is in force from today.' : `It comes into force on ${formatDate(when)}.`);
      navigate(productPath(product.id));
    },
    onError: (error) => handleFailure(error, 'publish'),
  });

  // A refetch (window focus, another tab) shows whether someone else saved or published meanwhile.
  // Our own save refetches the product before it hands back the new version: not a conflict. The
  // publish mutation stays pending through its onSuccess and succeeded after.
  const latest = product.draftVersion;
  const ownWriteInFlight = update.isPending || publish.isPending || publish.isSuccess;
  const changedElsewhere = !ownWriteInFlight && latest?.id === saved.id && latest.version > saved.version;
  const publishedElsewhere = !ownWriteInFlight && (!latest || latest.id !== saved.id);
  const blocked = conflict !== null || changedElsewhere || publishedElsewhere;

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

  const save = async () => {
    const version = await saveDraft();
    if (version) notifySuccess('Draft saved', `Version ${version.versionNumber} is saved as a draft; agents do not see it yet.`);
  };

  const publishDraft = async (effectiveFrom: string) => {
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

  const fieldProblems: Problem[] = Object.entries(form.errors)
    .filter(([, message]) => Boolean(message))
    .sort(([a], [b]) => compareFieldPaths(a, b))
    .map(([path, message]) => ({ path, location: describeFieldPath(path, values), message: String(message) }));
  const problems = [...otherProblems, ...fieldProblems];
  const problemsIn = (section: EditorSectionId) => fieldProblems.filter((problem) => sectionOf(problem.path) === section).length;

  return {
    form,
    values,
    errors: form.errors,
    dirty,
    today,
    saved,
    /** Someone else saved (`changed`) or published the draft since it was opened. */
    changedElsewhere: conflict === 'changed' || changedElsewhere,
    publishedElsewhere: conflict === 'published' || (publishedElsewhere && conflict !== 'changed'),
    /** Saving and publishing are pointless once the draft moved on. */
    blocked,
    failure,
    problemsTitle,
    problems,
    problemsIn,
    focusRequest,
    saving: update.isPending,
    publishing: publish.isPending,
    publishDialog: { opened: publishOpened, open: openPublishDialog, close: publishDialog.close, returnFocus: dialogReturnsFocus, dateError },
    save,
    publish: publishDraft,
  };
}

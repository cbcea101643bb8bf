// A record's document checklist (an application's, a claim's): where each required document stands,
// upload or replace it, download it, and — for whoever reviews — verify, reject (saying why) or waive
// it. The owning feature says who may do what and how each action reaches its API.
import type { ChecklistItem } from '@contracts/documents';
import { Alert, Badge, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconCircleOff, IconDownload, IconFileText, IconUpload, IconX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmWithReasonDialog, isReasonLongEnough, ReasonField } from '@/components/ConfirmWithReasonDialog';
import { api } from '@/lib/api-client';
import { ApiError, describeError } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format-date';
import { notifyProblem, notifySuccess } from '@/lib/notify';
import { saveFile } from '@/lib/save-file';
import { DOCUMENT_STATUS_COLORS, DOCUMENT_STATUS_LABELS } from './document-status';

/** The server's limit (413 above it); checked here first so a large scan fails before it is sent. */
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'application/pdf,image/png,image/jpeg,image/tiff,.pdf,.png,.jpg,.jpeg,.tif,.tiff';

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** GET /documents/{id}/content needs the bearer token, so the file comes as a blob through the API client. */
async function downloadDocument({ documentId, filename }: { documentId: string; filename: string }): Promise<void> {
  const file = await api.download(`/documents/${documentId}/content`);
  saveFile(file.blob, file.filename ?? filename);
}

/** What the owning feature lets this user do on its record's checklist, and how. */
export interface DocumentChecklistActions {
  /** The record takes documents now, and the user may add them. */
  canUpload: boolean;
  /** The user may verify or reject an uploaded document now. */
  canReview: boolean;
  /** The user may waive a document not yet verified (applications). */
  canWaive?: boolean;
  upload(code: string, file: File): Promise<{ filename: string }>;
  verify(documentId: string): Promise<unknown>;
  reject(documentId: string, reason: string): Promise<unknown>;
  waive?(code: string, reason: string): Promise<unknown>;
}

export interface DocumentChecklistWording {
  /** The record in a sentence: "application", "claim". */
  record: string;
  /** 409 codes meaning the record takes no more documents. */
  closedCodes: readonly string[];
  /** Who sees a rejection, and what they do: shown in the reject dialog. */
  rejectHint: string;
  rejectPlaceholder: string;
  /** What waiving means for the record (applications). */
  waiveHint?: string;
  waivePlaceholder?: string;
}

/** 415 and 413 in words an agent can act on. */
function uploadProblem(error: unknown, wording: DocumentChecklistWording): string {
  if (error instanceof ApiError) {
    if (error.status === 415) return 'This file is not a PDF, PNG, JPEG or TIFF (its contents were checked, not its name). Scan or save it as a PDF and upload it again.';
    if (error.status === 413) return 'This file is larger than 10 MB. Scan it at a lower resolution, or save it as a smaller PDF.';
    if (wording.closedCodes.includes(error.code)) return `The ${wording.record} is closed: no more documents can be added.`;
  }
  return describeError(error).detail;
}

interface RowProps {
  item: ChecklistItem;
  actions: DocumentChecklistActions;
  wording: DocumentChecklistWording;
  /** Flagged as needed now (e.g. named missing on the last submit), with the line to show. */
  flag: string | null;
}

function DocumentRow({ item, actions, wording, flag }: RowProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [waiving, setWaiving] = useState(false);
  const [waiveReason, setWaiveReason] = useState('');
  const upload = useMutation({
    mutationFn: (file: File) => actions.upload(item.code, file),
    onSuccess: (doc) => {
      setProblem(null);
      notifySuccess('Document uploaded', `${doc.filename} is on the ${wording.record} as “${item.name}”.`);
    },
    onError: (error) => setProblem(uploadProblem(error, wording)),
  });
  const download = useMutation({ mutationFn: downloadDocument, onError: (error) => notifyProblem(error, 'Could not download the document') });
  const verify = useMutation({ mutationFn: (documentId: string) => actions.verify(documentId), onError: (error) => notifyProblem(error, 'Could not verify the document') });
  const reject = useMutation({
    mutationFn: (input: { documentId: string; reason: string }) => actions.reject(input.documentId, input.reason),
    onSuccess: () => {
      setRejecting(false);
      setReason('');
    },
    onError: (error) => notifyProblem(error, 'Could not reject the document'),
  });
  const waive = useMutation({
    mutationFn: (why: string) => actions.waive!(item.code, why),
    onSuccess: () => {
      setWaiving(false);
      setWaiveReason('');
      notifySuccess('Document waived', `“${item.name}” is no longer needed for this ${wording.record}.`);
    },
    onError: (error) => notifyProblem(error, 'Could not waive the document'),
  });
  const doc = item.document;
  const canReview = actions.canReview && item.status === 'uploaded' && doc;
  const canWaive = actions.canWaive && actions.waive && item.status !== 'verified' && item.status !== 'waived';

  const choose = (file: File | null) => {
    if (!file) return;
    if (file.size > MAX_BYTES) return setProblem(`${file.name} is ${fileSize(file.size)}; the limit is 10 MB. Scan it at a lower resolution, or save it as a smaller PDF.`);
    setProblem(null);
    upload.mutate(file);
  };

  return (
    <Stack
      gap={6}
      py="sm"
      px="sm"
      role="group"
      aria-label={item.name}
      style={{
        borderBottom: '1px solid var(--mantine-color-default-border)',
        borderLeft: `3px solid var(--mantine-color-${flag || item.status === 'rejected' ? 'red' : item.status === 'missing' ? 'gray' : DOCUMENT_STATUS_COLORS[item.status]}-5)`,
      }}
    >
      <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
        <Group gap="xs" wrap="nowrap" align="flex-start" style={{ flex: '1 1 260px' }}>
          <IconFileText size={18} style={{ marginTop: 2, flexShrink: 0 }} aria-hidden />
          <Stack gap={2}>
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {item.name}
              </Text>
              <Badge color={DOCUMENT_STATUS_COLORS[item.status]} variant={item.status === 'missing' ? 'outline' : 'light'} size="sm">
                {DOCUMENT_STATUS_LABELS[item.status]}
              </Badge>
            </Group>
            {doc ? (
              <Text size="xs" c="dimmed">
                {doc.filename} · {fileSize(doc.sizeBytes)} · {doc.uploadedBy.name || 'uploaded'} · {formatDateTime(doc.uploadedAt)}
              </Text>
            ) : (
              <Text size="xs" c={flag ? 'red' : 'dimmed'}>
                {flag ?? 'Not uploaded yet'}
              </Text>
            )}
            {item.waiver && (
              <Text size="sm" c="grape.8">
                Waived by {item.waiver.waivedBy.name} · {formatDateTime(item.waiver.waivedAt)}: {item.waiver.reason}
              </Text>
            )}
            {item.status === 'rejected' && doc?.rejectionReason && (
              <Text size="sm" c="red">
                Rejected: {doc.rejectionReason}
                {actions.canUpload && (
                  <Text span size="sm" c="red" fw={600}>
                    {' '}
                    Upload a new one.
                  </Text>
                )}
              </Text>
            )}
          </Stack>
        </Group>
        <Group gap="xs">
          {doc && (
            <Button
              variant="default"
              size="xs"
              leftSection={<IconDownload size={14} />}
              loading={download.isPending}
              onClick={() => download.mutate({ documentId: doc.id, filename: doc.filename })}
              aria-label={`Download ${item.name}`}
            >
              Download
            </Button>
          )}
          {canReview && doc && (
            <>
              <Button
                variant="light"
                color="teal"
                size="xs"
                leftSection={<IconCheck size={14} />}
                loading={verify.isPending}
                onClick={() => verify.mutate(doc.id)}
                aria-label={`Verify ${item.name}`}
              >
                Verify
              </Button>
              <Button variant="light" color="red" size="xs" leftSection={<IconX size={14} />} onClick={() => setRejecting(true)} aria-label={`Reject ${item.name}`}>
                Reject
              </Button>
            </>
          )}
          {canWaive && (
            <Button variant="light" color="grape" size="xs" leftSection={<IconCircleOff size={14} />} onClick={() => setWaiving(true)} aria-label={`Waive ${item.name}`}>
              Waive
            </Button>
          )}
          {actions.canUpload && (
            <FileButton onChange={choose} accept={ACCEPT}>
              {(props) => (
                <Button
                  {...props}
                  size="xs"
                  variant={item.status === 'missing' || item.status === 'rejected' ? 'filled' : 'default'}
                  leftSection={<IconUpload size={14} />}
                  loading={upload.isPending}
                  aria-label={`${doc ? 'Replace' : 'Upload'} ${item.name}`}
                >
                  {doc ? 'Replace' : 'Upload'}
                </Button>
              )}
            </FileButton>
          )}
        </Group>
      </Group>
      {problem && (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} p="xs" role="alert" withCloseButton onClose={() => setProblem(null)} closeButtonLabel="Dismiss">
          <Text size="sm">{problem}</Text>
        </Alert>
      )}
      <ConfirmWithReasonDialog
        opened={rejecting}
        onClose={() => setRejecting(false)}
        title={`Reject “${item.name}”`}
        centered
        confirmLabel="Reject document"
        color="red"
        loading={reject.isPending}
        confirmDisabled={!isReasonLongEnough(reason)}
        onConfirm={() => doc && isReasonLongEnough(reason) && reject.mutate({ documentId: doc.id, reason: reason.trim() })}
      >
        <Text size="sm">{wording.rejectHint}</Text>
        <ReasonField label="What is wrong" placeholder={wording.rejectPlaceholder} minRows={3} value={reason} onChange={setReason} data-autofocus />
      </ConfirmWithReasonDialog>
      {actions.waive && (
        <ConfirmWithReasonDialog
          opened={waiving}
          onClose={() => setWaiving(false)}
          title={`Waive “${item.name}”`}
          centered
          confirmLabel="Waive document"
          color="grape"
          loading={waive.isPending}
          confirmDisabled={!isReasonLongEnough(waiveReason)}
          onConfirm={() => isReasonLongEnough(waiveReason) && waive.mutate(waiveReason.trim())}
        >
          <Text size="sm">{wording.waiveHint}</Text>
          <ReasonField label="Why it is not needed" placeholder={wording.waivePlaceholder} minRows={3} value={waiveReason} onChange={setWaiveReason} data-autofocus />
        </ConfirmWithReasonDialog>
      )}
    </Stack>
  );
}

interface DocumentChecklistProps {
  items: ChecklistItem[];
  actions: DocumentChecklistActions;
  wording: DocumentChecklistWording;
  /** The line a row shows when it is flagged as needed now (null: none is). */
  flagOf?: (item: ChecklistItem) => string | null;
}

export function DocumentChecklist({ items, actions, wording, flagOf = () => null }: DocumentChecklistProps) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        This {wording.record} needs no documents.
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" mb={4}>
        PDF, PNG, JPEG or TIFF, up to 10 MB each. A new upload replaces the earlier one.
      </Text>
      {items.map((item) => (
        <DocumentRow key={item.code} item={item} actions={actions} wording={wording} flag={flagOf(item)} />
      ))}
    </Stack>
  );
}

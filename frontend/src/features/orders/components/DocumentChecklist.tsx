import type { ChecklistItem } from '@contracts/documents';
import type { Order } from '@contracts/orders';
import { Alert, Badge, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconCircleOff, IconDownload, IconFileText, IconUpload, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmWithReasonDialog, isReasonLongEnough, ReasonField } from '@/components/ConfirmWithReasonDialog';
import { ApiError, describeError } from '@/lib/api-error';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format-date';
import { notifyProblem, notifySuccess } from '@/lib/notify';
import { useDownloadDocument } from '../api/download-document';
import { useRejectDocument } from '../api/reject-document';
import { useUploadDocument } from '../api/upload-document';
import { useVerifyDocument } from '../api/verify-document';
import { useWaiveDocument } from '../api/waive-document';
import { DOCUMENT_STATUS_COLORS, DOCUMENT_STATUS_LABELS } from '../order-labels';

/** The server's limit (413 above it); checked here first so a large scan fails before it is sent. */
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'application/pdf,image/png,image/jpeg,image/tiff,.pdf,.png,.jpg,.jpeg,.tif,.tiff';

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 415 and 413 in words an agent can act on. */
function uploadProblem(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 415) return 'This file is not a PDF, PNG, JPEG or TIFF (its contents were checked, not its name). Scan or save it as a PDF and upload it again.';
    if (error.status === 413) return 'This file is larger than 10 MB. Scan it at a lower resolution, or save it as a smaller PDF.';
    if (error.code === 'ORDER_CLOSED') return 'The application is closed: no more documents can be added.';
  }
  return describeError(error).detail;
}

interface DocumentChecklistProps {
  order: Order;
  /** Codes the server named as missing on the last submit (DOCUMENTS_MISSING). */
  missingOnSubmit: readonly string[];
}

function DocumentRow({ order, item, flagged }: { order: Order; item: ChecklistItem; flagged: boolean }) {
  const { can } = useAuth();
  const [problem, setProblem] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [waiving, setWaiving] = useState(false);
  const [waiveReason, setWaiveReason] = useState('');
  const upload = useUploadDocument({
    onSuccess: (doc) => {
      setProblem(null);
      notifySuccess('Document uploaded', `${doc.filename} is on the application as “${item.name}”.`);
    },
    onError: (error) => setProblem(uploadProblem(error)),
  });
  const download = useDownloadDocument();
  const verify = useVerifyDocument({ onError: (error) => notifyProblem(error, 'Could not verify the document') });
  const reject = useRejectDocument({
    onSuccess: () => {
      setRejecting(false);
      setReason('');
    },
    onError: (error) => notifyProblem(error, 'Could not reject the document'),
  });
  const waive = useWaiveDocument({
    onSuccess: () => {
      setWaiving(false);
      setWaiveReason('');
      notifySuccess('Document waived', `“${item.name}” is no longer needed for this application.`);
    },
    onError: (error) => notifyProblem(error, 'Could not waive the document'),
  });
  const open = !['approved', 'declined', 'withdrawn'].includes(order.status);
  const canUpload = open && can('orders:create');
  const inReview = can('orders:underwrite') && ['submitted', 'in_underwriting'].includes(order.status);
  const canReview = inReview && item.status === 'uploaded' && item.document;
  // Approval needs each document verified or waived: an underwriter may waive one that is not verified, saying why.
  const canWaive = inReview && item.status !== 'verified' && item.status !== 'waived';
  const doc = item.document;

  const choose = (file: File | null) => {
    if (!file) return;
    if (file.size > MAX_BYTES) return setProblem(`${file.name} is ${fileSize(file.size)}; the limit is 10 MB. Scan it at a lower resolution, or save it as a smaller PDF.`);
    setProblem(null);
    upload.mutate({ orderId: order.id, code: item.code, file });
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
        borderLeft: `3px solid var(--mantine-color-${flagged || item.status === 'rejected' ? 'red' : item.status === 'missing' ? 'gray' : DOCUMENT_STATUS_COLORS[item.status]}-5)`,
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
              <Text size="xs" c={flagged ? 'red' : 'dimmed'}>
                {flagged ? 'Needed before the application can be submitted' : 'Not uploaded yet'}
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
                {canUpload && (
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
                onClick={() => verify.mutate({ order, documentId: doc.id })}
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
          {canUpload && (
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
        onConfirm={() => doc && isReasonLongEnough(reason) && reject.mutate({ order, documentId: doc.id, reason: reason.trim() })}
      >
        <Text size="sm">The agent sees the reason and uploads a new document.</Text>
        <ReasonField
          label="What is wrong"
          placeholder="e.g. The passport copy is cut off; the expiry date cannot be read."
          minRows={3}
          value={reason}
          onChange={setReason}
          data-autofocus
        />
      </ConfirmWithReasonDialog>
      <ConfirmWithReasonDialog
        opened={waiving}
        onClose={() => setWaiving(false)}
        title={`Waive “${item.name}”`}
        centered
        confirmLabel="Waive document"
        color="grape"
        loading={waive.isPending}
        confirmDisabled={!isReasonLongEnough(waiveReason)}
        onConfirm={() => isReasonLongEnough(waiveReason) && waive.mutate({ order, code: item.code, reason: waiveReason.trim() })}
      >
        <Text size="sm">The application can then be approved without it. The reason is kept with the application and in the audit trail.</Text>
        <ReasonField
          label="Why it is not needed"
          placeholder="e.g. Identity confirmed in person at the branch; copy of the passport on file."
          minRows={3}
          value={waiveReason}
          onChange={setWaiveReason}
          data-autofocus
        />
      </ConfirmWithReasonDialog>
    </Stack>
  );
}

/** The documents the product's rules ask for: where each stands, upload, download, and (underwriters) review or waive. */
export function DocumentChecklist({ order, missingOnSubmit }: DocumentChecklistProps) {
  if (order.documents.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        This application needs no documents.
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" mb={4}>
        PDF, PNG, JPEG or TIFF, up to 10 MB each. A new upload replaces the earlier one.
      </Text>
      {order.documents.map((item) => (
        <DocumentRow key={item.code} order={order} item={item} flagged={missingOnSubmit.includes(item.code) && (item.status === 'missing' || item.status === 'rejected')} />
      ))}
    </Stack>
  );
}

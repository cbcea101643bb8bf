import type { Order } from '@contracts/orders';
import { DocumentChecklist as Checklist } from '@/components/DocumentChecklist';
import { useAuth } from '@/lib/auth/auth-context';
import { useRejectDocument } from '../api/reject-document';
import { useUploadDocument } from '../api/upload-document';
import { useVerifyDocument } from '../api/verify-document';
import { useWaiveDocument } from '../api/waive-document';

interface DocumentChecklistProps {
  order: Order;
  /** Codes the server named as missing on the last submit (DOCUMENTS_MISSING). */
  missingOnSubmit: readonly string[];
}

const WORDING = {
  record: 'application',
  closedCodes: ['ORDER_CLOSED'],
  rejectHint: 'The agent sees the reason and uploads a new document.',
  rejectPlaceholder: 'e.g. The passport copy is cut off; the expiry date cannot be read.',
  waiveHint: 'The application can then be approved without it. The reason is kept with the application and in the audit trail.',
  waivePlaceholder: 'e.g. Identity confirmed in person at the branch; copy of the passport on file.',
};

/** The documents the product's rules ask for: where each stands, upload, download, and (underwriters) review or waive. */
export function DocumentChecklist({ order, missingOnSubmit }: DocumentChecklistProps) {
  const { can } = useAuth();
  const upload = useUploadDocument();
  const verify = useVerifyDocument();
  const reject = useRejectDocument();
  const waive = useWaiveDocument();
  // Approval needs each document verified or waived: an underwriter reviews, or waives one saying why.
  const inReview = can('orders:underwrite') && ['submitted', 'in_underwriting'].includes(order.status);
  return (
    <Checklist
      items={order.documents}
      wording={WORDING}
      actions={{
        canUpload: !['approved', 'declined', 'withdrawn'].includes(order.status) && can('orders:create'),
        canReview: inReview,
        canWaive: inReview,
        upload: (code, file) => upload.mutateAsync({ orderId: order.id, code, file }),
        verify: (documentId) => verify.mutateAsync({ order, documentId }),
        reject: (documentId, reason) => reject.mutateAsync({ order, documentId, reason }),
        waive: (code, reason) => waive.mutateAsync({ order, code, reason }),
      }}
      flagOf={(item) =>
        missingOnSubmit.includes(item.code) && (item.status === 'missing' || item.status === 'rejected') ? 'Needed before the application can be submitted' : null
      }
    />
  );
}

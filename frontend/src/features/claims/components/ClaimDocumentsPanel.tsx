import type { Claim } from '@contracts/claims';
import { Text } from '@mantine/core';
import { DocumentChecklist } from '@/components/DocumentChecklist';
import { Panel } from '@/components/Panel';
import { useAuth } from '@/lib/auth/auth-context';
import { useClaimDocumentActions } from '../api/claim-documents';

const WORDING = {
  record: 'claim',
  closedCodes: ['CLAIM_CLOSED'],
  rejectHint: 'The desk sees the reason and asks the claimant for a new one.',
  rejectPlaceholder: 'e.g. The estimate is not itemised; the photos do not show the damage.',
};

/** What the loss type must be proven with: uploaded by the desk, verified or rejected by an adjuster. */
export function ClaimDocumentsPanel({ claim }: { claim: Claim }) {
  const { can } = useAuth();
  const { upload, review } = useClaimDocumentActions();
  const finished = claim.status === 'closed' || claim.status === 'withdrawn';
  const done = claim.documents.filter((d) => d.status === 'verified').length;
  return (
    <Panel title="Documents" aside={<Text size="sm">{`${done} of ${claim.documents.length} verified`}</Text>}>
      <DocumentChecklist
        items={claim.documents}
        wording={WORDING}
        actions={{
          canUpload: !finished && can('claims:create'),
          canReview: !finished && claim.status !== 'draft' && can('claims:investigate'),
          upload: (code, file) => upload.mutateAsync({ claim, code, file }),
          verify: (documentId) => review.mutateAsync({ claim, documentId }),
          reject: (documentId, reason) => review.mutateAsync({ claim, documentId, reason }),
        }}
      />
    </Panel>
  );
}

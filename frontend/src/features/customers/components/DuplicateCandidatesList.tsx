import type { DuplicateCandidate } from '@contracts/customers';
import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconBuildingCommunity, IconExternalLink } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDate } from '@/lib/format-date';
import { DUPLICATE_REASON_LABELS } from '../customer-labels';
import { customerPath } from '../customer-paths';

interface DuplicateCandidatesListProps {
  candidates: DuplicateCandidate[];
  /** On a form, a match opens in a new tab so what was typed stays. */
  openInNewTab?: boolean;
}

/** Matches in the user's branches, each linking to the customer (matches elsewhere are never listed). */
export function DuplicateCandidatesList({ candidates, openInNewTab = false }: DuplicateCandidatesListProps) {
  return (
    <List spacing="xs" size="sm" listStyleType="none">
      {candidates.map((candidate) => (
        <List.Item key={candidate.customerNumber}>
          <Anchor component={Link} to={customerPath(candidate.id)} target={openInNewTab ? '_blank' : undefined} rel={openInNewTab ? 'noopener' : undefined} size="sm" fw={500}>
            {candidate.name}
            {openInNewTab && (
              <>
                {' '}
                <IconExternalLink size={13} style={{ verticalAlign: 'middle' }} aria-label="(opens in a new tab)" />
              </>
            )}
          </Anchor>
          <Text span size="sm" c="dimmed">
            {' '}
            · {candidate.customerNumber}
            {candidate.dateOfBirth && ` · born ${formatDate(candidate.dateOfBirth)}`}
          </Text>
          <Text size="xs" c="dimmed">
            {candidate.reasons.map((reason) => DUPLICATE_REASON_LABELS[reason]).join(', ')}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** A likely duplicate in a branch the user does not work in: only that it exists, and who can look into it. */
export function OtherBranchDuplicateNote() {
  return (
    <Alert color="gray" variant="light" p="xs" icon={<IconBuildingCommunity size={18} />} title="A likely duplicate exists in another branch">
      <Text size="sm">A manager can review it. Its details are not shown outside its branch; this check is recorded.</Text>
    </Alert>
  );
}

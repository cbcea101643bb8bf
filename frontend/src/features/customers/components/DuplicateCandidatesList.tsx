import type { DuplicateCandidate } from '@contracts/customers';
import { Anchor, List, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDate } from '@/lib/format-date';
import { DUPLICATE_REASON_LABELS } from '../customer-labels';
import { customerPath } from '../customer-paths';

interface DuplicateCandidatesListProps {
  candidates: DuplicateCandidate[];
  /** On a form, a match opens in a new tab so what was typed stays. */
  openInNewTab?: boolean;
}

/** Matches in the user's branches link to the customer; others are masked and named by number only. */
export function DuplicateCandidatesList({ candidates, openInNewTab = false }: DuplicateCandidatesListProps) {
  return (
    <List spacing="xs" size="sm" listStyleType="none">
      {candidates.map((candidate) => (
        <List.Item key={candidate.customerNumber}>
          {candidate.id ? (
            <Anchor component={Link} to={customerPath(candidate.id)} target={openInNewTab ? '_blank' : undefined} rel={openInNewTab ? 'noopener' : undefined} size="sm" fw={500}>
              {candidate.name}
              {openInNewTab && (
                <>
                  {' '}
                  <IconExternalLink size={13} style={{ verticalAlign: 'middle' }} aria-label="(opens in a new tab)" />
                </>
              )}
            </Anchor>
          ) : (
            <Text span size="sm" fw={500}>
              {candidate.name}
            </Text>
          )}
          <Text span size="sm" c="dimmed">
            {' '}
            · {candidate.customerNumber}
            {candidate.dateOfBirth && ` · born ${formatDate(candidate.dateOfBirth)}`}
            {!candidate.inYourBranches && ' · in another branch'}
          </Text>
          <Text size="xs" c="dimmed">
            {candidate.reasons.map((reason) => DUPLICATE_REASON_LABELS[reason]).join(', ')}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

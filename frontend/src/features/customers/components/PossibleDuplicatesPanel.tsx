import type { DuplicateCheckBody } from '@contracts/customers';
import { Alert, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconUsers } from '@tabler/icons-react';
import { useId } from 'react';
import { describeError } from '@/lib/api-error';
import { useDuplicateCheck } from '../api/check-duplicates';
import { DuplicateCandidatesList, OtherBranchDuplicateNote } from './DuplicateCandidatesList';

/** Beside the create form: customers who may be the same person, checked as the agent types. */
export function PossibleDuplicatesPanel({ draft }: { draft: DuplicateCheckBody | null }) {
  const titleId = useId();
  const { data, error, isFetching } = useDuplicateCheck(draft);
  const candidates = data?.items;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="xs">
        <Title id={titleId} order={2} size="h4">
          Possible duplicates
        </Title>
        {isFetching && <Loader size="xs" aria-label="Checking" />}
      </Group>
      {/* Announced as it changes: the warning appears while the agent is still typing elsewhere. */}
      <Stack gap="xs" aria-live="polite">
        {draft === null ? (
          <Text size="sm" c="dimmed">
            As soon as you have typed a name with a date of birth, an email, a phone or a national id, customers who may be the same person are listed here.
          </Text>
        ) : error ? (
          <Text size="sm" c="red">
            Could not check for duplicates: {describeError(error).title}. The check runs again when you save.
          </Text>
        ) : candidates === undefined ? (
          <Text size="sm" c="dimmed">
            Checking…
          </Text>
        ) : candidates.length === 0 && data?.inOtherBranch ? (
          <OtherBranchDuplicateNote />
        ) : candidates.length === 0 ? (
          <Group gap="xs" wrap="nowrap">
            <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" aria-hidden />
            <Text size="sm">No existing customer looks like this one.</Text>
          </Group>
        ) : (
          <>
            <Alert color="yellow" variant="light" icon={<IconUsers />} title="This may be an existing customer">
              {candidates.length === 1 ? 'One customer looks' : `${candidates.length} customers look`} like the same person. Open a match to check before creating a new record.
            </Alert>
            <DuplicateCandidatesList candidates={candidates} openInNewTab />
            {data?.inOtherBranch && <OtherBranchDuplicateNote />}
          </>
        )}
      </Stack>
    </Paper>
  );
}

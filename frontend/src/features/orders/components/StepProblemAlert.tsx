import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { RequestReference } from '@/components/RequestReference';
import { newQuotePath } from '@/features/quotes';
import type { StepProblem } from '../submit-problems';

/** The server's reasons, one per line, and the way forward when there is one. */
export function StepProblemAlert({ problem, customerId, onClose }: { problem: StepProblem; customerId: string; onClose?: () => void }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle />} title={problem.title} role="alert" withCloseButton={!!onClose} onClose={onClose} closeButtonLabel="Dismiss">
      <Text size="sm">{problem.detail}</Text>
      {problem.items.length > 0 && (
        <List size="sm" mt={6} spacing={2}>
          {problem.items.map((item, index) => (
            <List.Item key={index}>{item}</List.Item>
          ))}
        </List>
      )}
      {problem.quoteExpired && (
        <Anchor component={Link} to={newQuotePath(customerId)} size="sm" mt={6} display="inline-block">
          Quote again
        </Anchor>
      )}
      {problem.requestId && !problem.items.length && !problem.quoteExpired && problem.title !== 'Changed by someone else' && <RequestReference requestId={problem.requestId} />}
    </Alert>
  );
}

import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { describeError } from '@/lib/api-error';
import { RequestReference } from './RequestReference';

interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
}

/** In-page error for a failed load: what the server said, and the reference support needs. */
export function ErrorState({ error, onRetry }: ErrorStateProps) {
  const { title, detail, requestId } = describeError(error);
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={title} role="alert">
      <Stack gap="xs">
        <Text size="sm">{detail}</Text>
        {requestId && <RequestReference requestId={requestId} />}
        {onRetry && (
          <Group>
            <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
              Retry
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

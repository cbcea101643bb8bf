import { Code, Text } from '@mantine/core';

/** The requestId lets support find the call in the server logs. */
export function RequestReference({ requestId }: { requestId: string }) {
  return (
    <Text size="xs" c="dimmed">
      Reference: <Code>{requestId}</Code>
    </Text>
  );
}

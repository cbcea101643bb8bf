import { Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { describeError } from '@/lib/api-error';
import { RequestReference } from './RequestReference';

/**
 * Last-resort page for errors nothing else handled. Plain links and reloads only: it may render
 * outside the router.
 */
export function ErrorPage({ error, fullPage = true }: { error: unknown; fullPage?: boolean }) {
  const { detail, requestId } = describeError(error);
  return (
    <Center mih={fullPage ? '100vh' : 360} p="md">
      <Paper withBorder p="xl" maw={480} w="100%" role="alert">
        <Stack gap="sm">
          <Title order={2} size="h3">
            Something went wrong
          </Title>
          <Text size="sm">The console ran into a problem it could not recover from. Reloading the page usually helps; anything you already saved is safe.</Text>
          <Text size="sm" c="dimmed">
            {detail}
          </Text>
          {requestId && <RequestReference requestId={requestId} />}
          <Group mt="xs">
            <Button leftSection={<IconRefresh size={16} />} onClick={() => window.location.reload()}>
              Reload
            </Button>
            <Button component="a" href="/" variant="default">
              Go to home
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}

import { Button, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <Stack gap="sm" align="flex-start" maw={560}>
      <Title order={1} size="h2">
        Page not found
      </Title>
      <Text c="dimmed">
        There is no page at <code>{pathname}</code>. It may have moved, or the link may be mistyped.
      </Text>
      <Button component={Link} to="/" variant="light">
        Go to home
      </Button>
    </Stack>
  );
}

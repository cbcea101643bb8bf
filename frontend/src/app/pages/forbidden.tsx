import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function ForbiddenPage() {
  return (
    <Stack gap="sm" align="flex-start" maw={560}>
      <Title order={1} size="h2">
        Not available for your role
      </Title>
      <Text c="dimmed">This page is not part of your role's work. If you need it, ask an administrator.</Text>
      <Button component={Link} to="/" variant="light">
        Go to home
      </Button>
    </Stack>
  );
}

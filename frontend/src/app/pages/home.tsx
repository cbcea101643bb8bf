import { ROLE_LABELS } from '@contracts/permissions';
import { Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { SystemInfoPanel } from '@/features/system';
import { useAuth, useCurrentUser } from '@/lib/auth/auth-context';
import { navigation } from '../navigation';

export function HomePage() {
  const user = useCurrentUser();
  const { can } = useAuth();
  // Home links to every other section the user may open; modules appear here as they register.
  const sections = navigation.filter((entry) => entry.to !== '/' && (!entry.permission || can(entry.permission)));

  return (
    <Stack gap="lg" maw={1040}>
      <div>
        <Title order={1} size="h2">
          Welcome, {user.name}
        </Title>
        <Text c="dimmed">Logged in as {ROLE_LABELS[user.role]}</Text>
      </div>
      <SystemInfoPanel />
      <Paper withBorder p="md" component="section" aria-labelledby="sections-title">
        <Title id="sections-title" order={2} size="h4" mb="sm">
          Your sections
        </Title>
        {sections.length === 0 ? (
          <EmptyState title="No sections yet" description="The sections your role may open will be listed here as they are added to Policydesk." />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {sections.map((section) => (
              <UnstyledButton key={section.to} component={Link} to={section.to} p="sm">
                <Group gap="sm">
                  <ThemeIcon variant="light" size="lg">
                    <section.icon size={20} stroke={1.5} />
                  </ThemeIcon>
                  <Text fw={500}>{section.label}</Text>
                </Group>
              </UnstyledButton>
            ))}
          </SimpleGrid>
        )}
      </Paper>
    </Stack>
  );
}

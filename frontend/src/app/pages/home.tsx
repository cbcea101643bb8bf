import { ROLE_LABELS } from '@contracts/permissions';
import { Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { CountTile } from '@/components/CountTile';
import { EmptyState } from '@/components/EmptyState';
import { DashboardLinks } from '@/features/analytics';
import { SystemInfoPanel } from '@/features/system';
import { useAuth, useCurrentUser } from '@/lib/auth/auth-context';
import { homeTiles } from '../features';
import { mayOpen } from '@/lib/feature';
import { navigation } from '../navigation';

export function HomePage() {
  const user = useCurrentUser();
  const { can } = useAuth();
  // Home links to every other section the user may open; modules appear here as they register.
  const sections = navigation.filter((entry) => entry.to !== '/' && mayOpen(entry, can));
  // What waits for the user today: each feature's counts that the role works with.
  const tiles = homeTiles.filter((tile) => can(tile.permission) && (!tile.roles || tile.roles.includes(user.role)));

  return (
    <Stack gap="lg" maw={1040}>
      <div>
        <Title order={1} size="h2">
          Welcome, {user.name}
        </Title>
        <Text c="dimmed">Logged in as {ROLE_LABELS[user.role]}</Text>
      </div>
      {tiles.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="today-title">
          <Title id="today-title" order={2} size="h4" mb="sm">
            Waiting for you today
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }}>
            {tiles.map((tile) => (
              <CountTile key={tile.id} tile={tile} />
            ))}
          </SimpleGrid>
        </Paper>
      )}
      <DashboardLinks />
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
      <SystemInfoPanel />
    </Stack>
  );
}

import { Anchor, Group, Paper, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useAuth, useCurrentUser } from '@/lib/auth/auth-context';
import { DASHBOARD_OF_ROLE, ROLE_DASHBOARDS } from '../dashboards';

/** Home's links to the role dashboards: the user's own role's first. */
export function DashboardLinks() {
  const { can } = useAuth();
  const user = useCurrentUser();
  if (!can('analytics:read')) return null;
  const own = DASHBOARD_OF_ROLE[user.role];
  const dashboards = [...ROLE_DASHBOARDS].sort((a, b) => Number(b.slug === own) - Number(a.slug === own));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dashboards-title">
      <Title id="dashboards-title" order={2} size="h4" mb="xs">
        Dashboards
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        The figures each role runs its work by, for your scope.
      </Text>
      <Group gap="lg">
        {dashboards.map((d) => (
          <Anchor key={d.slug} component={Link} to={`/analytics/dashboards/${d.slug}`} fw={d.slug === own ? 600 : undefined}>
            {d.title}
          </Anchor>
        ))}
      </Group>
    </Paper>
  );
}

import { ROLE_LABELS } from '@contracts/permissions';
import { Anchor, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ComponentProps } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { HistoryPanel } from '@/features/audit';
import { branchNames, useBranches } from '@/features/branches';
import { useUser } from '@/features/users/api/get-user';
import { ChangeUserStatusButton } from '@/features/users/components/ChangeUserStatusButton';
import { EditUserForm } from '@/features/users/components/EditUserForm';
import { ResetMfaButton } from '@/features/users/components/ResetMfaButton';
import { ResetPasswordButton } from '@/features/users/components/ResetPasswordButton';
import { UserFacts } from '@/features/users/components/UserFacts';
import { UserStatusBadges } from '@/features/users/components/UserStatusBadges';
import { useAuth } from '@/lib/auth/auth-context';

function BackToUsers() {
  return (
    <Anchor component={Link} to="/users" size="sm">
      <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> Users
    </Anchor>
  );
}

function AccountPanel(props: ComponentProps<typeof UserFacts>) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="user-account-title">
      <Title id="user-account-title" order={2} size="h4" mb="sm">
        Account
      </Title>
      <UserFacts {...props} />
    </Paper>
  );
}

export function UserDetailPage() {
  const { id = '' } = useParams();
  const { can, user: currentUser } = useAuth();
  const currentUserId = currentUser?.id;
  const canManage = can('users:manage');
  const { data: user, error, isPending, refetch } = useUser(id);
  const { data: branches, error: branchesError, refetch: refetchBranches } = useBranches();
  const names = branchNames(branches);

  if (isPending) return <LoadingState label="Loading user…" />;
  if (error) {
    return (
      <Stack gap="md" maw={640}>
        <BackToUsers />
        <ErrorState error={error} onRetry={() => void refetch()} />
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title={user.name}
        breadcrumbs={[{ label: 'Users', to: '/users' }, { label: user.name }]}
        description={
          <Group gap="sm">
            <Text span size="sm">
              {ROLE_LABELS[user.role]} · {names.get(user.branchId) ?? 'Branch unknown'}
            </Text>
            <UserStatusBadges user={user} />
          </Group>
        }
        actions={
          canManage && (
            <>
              <ResetPasswordButton user={user} />
              {user.mfaEnabled && user.id !== currentUserId && <ResetMfaButton user={user} />}
              <ChangeUserStatusButton user={user} />
            </>
          )
        }
      />
      {/* Editors get the form on the left; readers get the facts there instead. */}
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, md: 7 }}>
          {canManage ? (
            <Paper withBorder p="md" component="section" aria-labelledby="user-details-title">
              <Title id="user-details-title" order={2} size="h4" mb="sm">
                Details
              </Title>
              {branches ? (
                <EditUserForm key={user.version} user={user} branches={branches} />
              ) : branchesError ? (
                <ErrorState error={branchesError} onRetry={() => void refetchBranches()} />
              ) : (
                <LoadingState label="Loading branches…" />
              )}
            </Paper>
          ) : (
            <AccountPanel user={user} branchNames={names} withAccess />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            {canManage && <AccountPanel user={user} branchNames={names} withAccess={false} />}
            <HistoryPanel entityType="user" entityId={user.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

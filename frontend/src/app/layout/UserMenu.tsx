import { ROLE_LABELS } from '@contracts/permissions';
import { Avatar, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconDevices, IconKey, IconLogout, IconShieldLock } from '@tabler/icons-react';
import { useLocation, useNavigate } from 'react-router';
import { useAuth, useCurrentUser } from '@/lib/auth/auth-context';
import { changePasswordPath, twoFactorPath } from '@/lib/redirects';

function initials(name: string): string {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  const last = rest.at(-1);
  return (last ? first.charAt(0) + last.charAt(0) : first.slice(0, 2)).toUpperCase();
}

export function UserMenu() {
  const user = useCurrentUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const role = ROLE_LABELS[user.role];

  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${user.name}, ${role}`} px={6} py={4}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size={30} color="indigo" radius="xl">
              {initials(user.name)}
            </Avatar>
            <Stack gap={0} visibleFrom="sm">
              <Text size="sm" fw={500} lh={1.2}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {role}
              </Text>
            </Stack>
            <IconChevronDown size={14} stroke={1.5} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item leftSection={<IconKey size={16} stroke={1.5} />} onClick={() => navigate(changePasswordPath(location.pathname + location.search))}>
          Change password
        </Menu.Item>
        <Menu.Item leftSection={<IconShieldLock size={16} stroke={1.5} />} onClick={() => navigate(twoFactorPath(location.pathname + location.search))}>
          Two-factor sign-in
        </Menu.Item>
        <Menu.Item leftSection={<IconDevices size={16} stroke={1.5} />} onClick={() => navigate('/account/sessions')}>
          My sessions
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} stroke={1.5} />} onClick={() => void logout()}>
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

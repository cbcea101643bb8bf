import type { User } from '@contracts/identity';
import { Badge, Group } from '@mantine/core';
import { USER_STATUS_LABELS, userStatuses } from '../user-status';
import type { UserStatus } from '../user-status';

const COLORS: Record<UserStatus, string> = {
  active: 'teal',
  disabled: 'gray',
  locked: 'red',
  must_change_password: 'yellow',
};

export function UserStatusBadges({ user }: { user: Pick<User, 'active' | 'lockedUntil' | 'mustChangePassword'> }) {
  return (
    <Group gap={4} wrap="wrap">
      {userStatuses(user).map((status) => (
        <Badge key={status} variant="light" color={COLORS[status]} size="sm">
          {USER_STATUS_LABELS[status]}
        </Badge>
      ))}
    </Group>
  );
}

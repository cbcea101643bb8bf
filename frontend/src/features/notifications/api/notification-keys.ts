import type { NotificationStatus } from '@contracts/notifications';

export const notificationKeys = {
  all: ['notifications'] as const,
  outbox: (status: NotificationStatus | null) => [...notificationKeys.all, 'outbox', status ?? 'all'] as const,
  sink: () => [...notificationKeys.all, 'sink'] as const,
};

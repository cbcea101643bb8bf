import { IconPhoneCall } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { voiceAuditLabels } from './audit-labels';
import { voiceRoutes } from './routes';

export { ScreenPopPanel } from './screen-pop/ScreenPopPanel';

/** Phone lines (admins change them, managers read them): number, greeting, menu, after hours, urgent key. */
export const voiceFeature = {
  routes: voiceRoutes,
  navigation: [{ label: 'Phone lines', to: '/phone-lines', icon: IconPhoneCall, permission: 'phone-lines:read' }] satisfies NavigationEntry[],
  auditLabels: voiceAuditLabels,
};

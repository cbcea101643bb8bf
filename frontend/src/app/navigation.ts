import { IconAddressBook, IconBuilding, IconClipboardCheck, IconFileDescription, IconHistory, IconHome, IconScale, IconShieldCheck, IconStethoscope, IconUmbrella, IconUsers } from '@tabler/icons-react';
import type { Icon } from '@tabler/icons-react';
import type { Permission } from '@contracts/permissions';

export interface NavigationEntry {
  label: string;
  to: string;
  icon: Icon;
  /** Permission the user needs to see the entry, as listed by GET /api/auth/me. */
  permission?: Permission;
}

/** The console's sections in menu order. Each feature module adds its entry here; the navbar and the
 *  spotlight show the ones the user may open. */
export const navigation: NavigationEntry[] = [
  { label: 'Home', to: '/', icon: IconHome },
  { label: 'Customers', to: '/customers', icon: IconAddressBook, permission: 'customers:read' },
  { label: 'Products', to: '/products', icon: IconUmbrella, permission: 'products:read' },
  { label: 'Applications', to: '/orders', icon: IconFileDescription, permission: 'orders:read' },
  { label: 'Underwriting', to: '/underwriting', icon: IconClipboardCheck, permission: 'orders:underwrite' },
  { label: 'Exams', to: '/exams', icon: IconStethoscope, permission: 'exams:manage' },
  { label: 'Policies', to: '/policies', icon: IconShieldCheck, permission: 'policies:read' },
  { label: 'Users', to: '/users', icon: IconUsers, permission: 'users:read' },
  { label: 'Branches', to: '/branches', icon: IconBuilding, permission: 'branches:read' },
  { label: 'Approval limits', to: '/approval-limits', icon: IconScale, permission: 'approval-limits:read' },
  { label: 'Audit', to: '/audit', icon: IconHistory, permission: 'audit:read' },
];

import type { Role } from '@contracts/auth';

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  manager: 'Manager',
  senior_agent: 'Senior agent',
  agent: 'Agent',
  underwriter: 'Underwriter',
};

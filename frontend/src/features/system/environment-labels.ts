import type { SystemInfo } from '@contracts/system';

export const environmentLabels: Record<SystemInfo['environment'], string> = {
  local: 'Local (demo data)',
  production: 'Production',
};

import type { SystemInfo } from '@contracts/system';

export const environmentLabels: Record<SystemInfo['environment'], string> = {
  local: 'Local (demo data)',
  production: 'Production',
};

/** For a phone's header, where the full label has no room. */
export const environmentShortLabels: Record<SystemInfo['environment'], string> = {
  local: 'Demo',
  production: 'Production',
};

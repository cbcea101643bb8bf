import { Badge } from '@mantine/core';
import { useSystemInfo } from '../api/get-system-info';
import { environmentLabels } from '../environment-labels';

/** Shown only outside production, so nobody mistakes demo data for real customers. */
export function EnvironmentBadge() {
  const { data } = useSystemInfo();
  if (!data || data.environment === 'production') return null;
  return (
    <Badge color="orange" variant="light" size="sm">
      {environmentLabels[data.environment]}
    </Badge>
  );
}

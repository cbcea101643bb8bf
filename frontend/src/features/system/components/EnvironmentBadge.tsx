import { Badge } from '@mantine/core';
import { useSystemInfo } from '../api/get-system-info';
import { environmentLabels, environmentShortLabels } from '../environment-labels';

/** Shown only outside production, so nobody mistakes demo data for real customers. */
export function EnvironmentBadge() {
  const { data } = useSystemInfo();
  if (!data || data.environment === 'production') return null;
  // Never squeezed into an unreadable dot: on a phone the short word, elsewhere the whole label.
  return (
    <>
      <Badge color="orange" variant="light" size="sm" style={{ flexShrink: 0 }} visibleFrom="sm">
        {environmentLabels[data.environment]}
      </Badge>
      <Badge color="orange" variant="light" size="sm" style={{ flexShrink: 0 }} hiddenFrom="sm" title={environmentLabels[data.environment]}>
        {environmentShortLabels[data.environment]}
      </Badge>
    </>
  );
}

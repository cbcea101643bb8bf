import { Badge } from '@mantine/core';
import type { MantineSize } from '@mantine/core';
import { RISK_LEVEL_LABELS } from '../customer-labels';
import type { RiskLevel } from '../customer-labels';

const COLORS: Record<RiskLevel, string> = { low: 'teal', medium: 'yellow', high: 'red' };

/** "Risk 42 · Medium": the score out of 100 and its level. */
export function RiskBadge({ score, level, size = 'sm' }: { score: number; level: RiskLevel; size?: MantineSize }) {
  return (
    <Badge variant="outline" color={COLORS[level]} size={size} title="Risk score out of 100">
      Risk {score} · {RISK_LEVEL_LABELS[level]}
    </Badge>
  );
}

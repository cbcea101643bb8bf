import type { HealthAlert } from '@contracts/system';

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h": how long something has waited. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** Firing first (critical before warning), then unknown (Prometheus only, or unreadable), then quiet; by name within each. */
export function sortAlerts(alerts: readonly HealthAlert[]): HealthAlert[] {
  const rank = (a: HealthAlert) => (a.firing === true ? (a.severity === 'critical' ? 0 : 1) : a.firing === null ? 2 : 3);
  return [...alerts].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** "PolicydeskOutboxStalled" → "Outbox stalled". */
export function alertTitle(name: string): string {
  const words = name.replace(/^Policydesk/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
  return words.charAt(0) + words.slice(1).toLowerCase();
}

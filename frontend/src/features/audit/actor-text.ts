import type { AuditEntry } from '@contracts/identity';
import { ROLE_LABELS } from '@contracts/permissions';
import { isRole } from '@/lib/auth/is-role';

/** "Ada Admin (Administrator)"; entries without a known user (e.g. a login with an unknown email) say so. */
export function actorText(entry: Pick<AuditEntry, 'actorName' | 'actorRole'>): string {
  const name = entry.actorName ?? 'Unknown user';
  return isRole(entry.actorRole) ? `${name} (${ROLE_LABELS[entry.actorRole]})` : name;
}

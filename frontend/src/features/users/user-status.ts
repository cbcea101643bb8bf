import type { User } from '@contracts/identity';

export type UserStatus = 'active' | 'disabled' | 'locked' | 'must_change_password';

export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  active: 'Active',
  disabled: 'Disabled',
  locked: 'Locked',
  must_change_password: 'Must change password',
};

/** Why a user can or cannot work right now; a disabled account is just disabled. */
export function userStatuses(user: Pick<User, 'active' | 'lockedUntil' | 'mustChangePassword'>, now = Date.now()): UserStatus[] {
  if (!user.active) return ['disabled'];
  const statuses: UserStatus[] = [];
  if (user.lockedUntil !== null && Date.parse(user.lockedUntil) > now) statuses.push('locked');
  if (user.mustChangePassword) statuses.push('must_change_password');
  return statuses.length > 0 ? statuses : ['active'];
}

/** What the confirmation before disabling or enabling a user says will happen. */
export function statusChangeConsequence(name: string, activate: boolean): string {
  return activate ? `${name} will be able to log in again.` : `${name} will be logged out everywhere and cannot log in until an administrator enables the account again.`;
}

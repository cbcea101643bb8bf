import { describe, expect, it } from 'vitest';
import { userStatuses } from '../user-status';

// The login answers a locked account exactly like a wrong password, so the user page is where an
// administrator learns of the lock.
describe('userStatuses', () => {
  const now = Date.parse('2026-12-05T12:00:00Z');
  const base = { active: true, lockedUntil: null, mustChangePassword: false };

  it('shows a lock that has not run out yet', () => {
    expect(userStatuses({ ...base, lockedUntil: '2026-12-05T12:20:00Z' }, now)).toEqual(['locked']);
  });

  it('forgets a lock that ran out, and a disabled account is just disabled', () => {
    expect(userStatuses({ ...base, lockedUntil: '2026-12-05T11:59:59Z' }, now)).toEqual(['active']);
    expect(userStatuses({ ...base, active: false, lockedUntil: '2026-12-05T12:20:00Z' }, now)).toEqual(['disabled']);
  });
});

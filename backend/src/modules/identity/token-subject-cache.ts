// Caches what an access token needs checked on every request (user active, token version, session
// live, role and branches), so most requests skip that query. It is trustworthy only while the
// app LISTENs to 'auth_changed' (a trigger announces every change that can end or narrow access,
// at commit): without the listener, nothing is served from the cache.
import type { DbNotifications } from '../../platform/db-notifications';
import type { TokenSubject } from './identity.repository';

const TTL_MS = 60_000;

export class TokenSubjectCache {
  private readonly entries = new Map<string, { subject: TokenSubject; until: number }>();
  /** Bumped on every invalidation of a user; a load that raced with one is not stored. */
  private readonly generations = new Map<string, number>();

  constructor(private readonly notifications: DbNotifications) {
    notifications.subscribe('auth_changed', { notify: (userId) => this.invalidate(userId), reset: () => this.clear() });
  }

  generation(userId: string): number {
    return this.generations.get(userId) ?? 0;
  }

  get(userId: string, sessionId: string): TokenSubject | undefined {
    if (!this.notifications.listening) return undefined;
    const hit = this.entries.get(`${userId}:${sessionId}`);
    if (!hit || hit.until < Date.now()) return undefined;
    return hit.subject;
  }

  /** Stores a subject loaded when the user's generation was `generation`, unless it moved since. */
  put(subject: TokenSubject, sessionId: string, generation: number): void {
    if (!this.notifications.listening || this.generation(subject.id) !== generation) return;
    this.entries.set(`${subject.id}:${sessionId}`, { subject, until: Date.now() + TTL_MS });
  }

  invalidate(userId: string): void {
    this.generations.set(userId, this.generation(userId) + 1);
    for (const key of this.entries.keys()) if (key.startsWith(`${userId}:`)) this.entries.delete(key);
  }

  private clear(): void {
    this.entries.clear();
    for (const userId of this.generations.keys()) this.invalidate(userId);
  }
}

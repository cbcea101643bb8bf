/**
 * The `next` query parameter comes from the URL, so only same-origin console paths are honoured:
 * "//evil.example" or "https://…" would turn the login page into an open redirect, and "/login"
 * would send a logged-in user back to the login page forever.
 */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith('/')) return '/';
  if (next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/';
  return next;
}

export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

export function twoFactorPath(next: string): string {
  return `/two-factor?next=${encodeURIComponent(next)}`;
}

export function changePasswordPath(next: string): string {
  return `/change-password?next=${encodeURIComponent(next)}`;
}

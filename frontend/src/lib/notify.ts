import { notifications } from '@mantine/notifications';
import { describeError } from './api-error';
import type { SessionEndReason } from './auth/session-store';
import { IDLE_LOGOUT_MINUTES } from '@/config/session';

/**
 * Toast for a failed call: the problem's title (or what was being attempted) and detail, plus the
 * reference support asks for.
 */
export function notifyProblem(error: unknown, attempted?: string): void {
  const { title, detail, requestId } = describeError(error);
  notifications.show({
    color: 'red',
    title: attempted ?? title,
    message: requestId ? `${detail} (reference ${requestId})` : detail,
    autoClose: 8000,
  });
}

/** After a 412: the caller refetches the record, so the user sees what the other person saved. */
export function notifyVersionConflict(): void {
  notifications.show({
    color: 'yellow',
    title: 'This record was changed by someone else',
    message: 'The latest version has been reloaded. Check it, then make your change again.',
    autoClose: 10000,
  });
}

export function notifySuccess(title: string, message: string): void {
  notifications.show({ color: 'teal', title, message });
}

const sessionEndMessages: Record<Exclude<SessionEndReason, 'logout'>, string> = {
  idle: `You were logged out after ${IDLE_LOGOUT_MINUTES} minutes without activity.`,
  expired: 'Your session has expired. Log in again to continue.',
};

export function notifySessionEnded(reason: SessionEndReason): void {
  if (reason === 'logout') return;
  notifications.show({ color: 'yellow', title: 'Logged out', message: sessionEndMessages[reason], autoClose: false });
}

export function notifyInfo(title: string, message: string): void {
  notifications.show({ color: 'blue', title, message });
}

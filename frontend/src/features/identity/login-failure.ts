import { ApiError, describeError } from '@/lib/api-error';

export interface LoginFailure {
  title: string;
  detail?: string;
}

function minutesUntilRetry(error: ApiError): number | undefined {
  return error.retryAfterSeconds === undefined ? undefined : Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
}

/** What the login form says above its fields when the server refuses the login. */
export function describeLoginFailure(error: unknown): LoginFailure {
  if (!(error instanceof ApiError)) return describeError(error);
  if (error.status === 429) {
    const minutes = minutesUntilRetry(error);
    return {
      title: minutes === undefined ? 'Too many attempts, try again later' : `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`,
    };
  }
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return { title: 'Email or password is incorrect' };
    case 'MFA_CODE_INVALID':
      return { title: 'The code is not correct', detail: 'Check the time on your phone and enter the current code.' };
    case 'MFA_CODE_REUSED':
      return { title: 'This code was already used', detail: 'Wait for the next code in your app.' };
    case 'RECOVERY_CODE_USED':
      return { title: 'This recovery code was already used', detail: 'Each recovery code works once.' };
    case 'NETWORK_NOT_ALLOWED':
      return { title: 'Not from this network', detail: 'Your role may only sign in from the company network.' };
    case 'ACCOUNT_LOCKED':
      return { title: 'This account is locked', detail: error.detail || 'Ask an administrator to unlock it.' };
    default:
      return { title: error.title, detail: error.detail };
  }
}

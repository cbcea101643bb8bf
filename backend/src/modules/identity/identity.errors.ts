import { ConflictError, ForbiddenError, UnauthorizedError, ValidationError } from '../../platform/errors';

export const invalidCredentials = () => new UnauthorizedError('INVALID_CREDENTIALS', 'Email or password is incorrect.');
export const accountLocked = (minutes: number) =>
  new UnauthorizedError('ACCOUNT_LOCKED', `Too many failed logins: this account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}. An administrator can unlock it by resetting the password.`);
export const passwordChangeRequired = () => new ForbiddenError('PASSWORD_CHANGE_REQUIRED', 'Change your temporary password before doing anything else.');
export const approvalLimitExceeded = (detail: string, extras: Record<string, unknown>) => new ForbiddenError('APPROVAL_LIMIT_EXCEEDED', detail, extras);
export const fourEyes = () => new ConflictError('FOUR_EYES', 'You cannot approve what you submitted yourself; another person must decide.');
export const lastAdmin = () => new ConflictError('LAST_ADMIN', 'This would leave Policydesk without an active administrator.');
export const weakPassword = (path: string, messages: string[]) => new ValidationError(messages.map((message) => ({ path, message })), 'The new password is not acceptable.', 'PASSWORD_REJECTED');

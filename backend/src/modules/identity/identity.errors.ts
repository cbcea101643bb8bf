// The identity module's own problem codes (IdentityErrorCode, declared in its contract).
import type { IdentityErrorCode } from '../../contracts/identity';
import { ConflictError, ForbiddenError, UnauthorizedError, ValidationError, type ProblemExtras } from '../../platform/errors';

/** 401 with one of identity's codes: the credentials, token or session are refused. */
export const identityUnauthorized = (code: IdentityErrorCode, detail: string) => new UnauthorizedError(code, detail);
/** 409 with one of identity's codes. */
export const identityConflict = (code: IdentityErrorCode, detail: string, extras?: ProblemExtras) => new ConflictError(code, detail, extras);

export const invalidCredentials = () => identityUnauthorized('INVALID_CREDENTIALS', 'Email or password is incorrect.');
export const passwordChangeRequired = () =>
  new ForbiddenError('PASSWORD_CHANGE_REQUIRED' satisfies IdentityErrorCode, 'Change your temporary password before doing anything else.');
export const approvalLimitExceeded = (detail: string, extras: Record<string, unknown>) => new ForbiddenError('APPROVAL_LIMIT_EXCEEDED' satisfies IdentityErrorCode, detail, extras);
export const fourEyes = () => identityConflict('FOUR_EYES', 'You cannot approve what you submitted yourself; another person must decide.');
export const lastAdmin = () => identityConflict('LAST_ADMIN', 'This would leave Policydesk without an active administrator.');
export const weakPassword = (path: string, messages: string[]) =>
  new ValidationError(
    messages.map((message) => ({ path, message })),
    'The new password is not acceptable.',
    'PASSWORD_REJECTED' satisfies IdentityErrorCode,
  );
export const networkNotAllowed = () => new ForbiddenError('NETWORK_NOT_ALLOWED' satisfies IdentityErrorCode, 'Your role may not use Policydesk from this network address.');
/** What the platform's access check answers (allowDuringMfaEnrollment) while required TOTP is not set up. */
export const mfaEnrollmentRequired = () => new ForbiddenError('MFA_ENROLLMENT_REQUIRED' satisfies IdentityErrorCode, 'Set up two-factor sign-in before doing anything else.');

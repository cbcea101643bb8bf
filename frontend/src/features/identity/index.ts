import { identityAuditLabels } from './audit-labels';

/** Logging in and passwords; their pages are the app's own (outside the console layout). */
export const identityFeature = {
  auditLabels: identityAuditLabels,
};

export { ChangePasswordForm } from './components/ChangePasswordForm';
export { LoginForm } from './components/LoginForm';

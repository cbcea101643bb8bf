import { identityAuditLabels } from './audit-labels';
import { identityRoutes } from './routes';

/** Logging in, passwords and two-factor sign-in (their pages are the app's own, outside the console layout), and one's own sessions. */
export const identityFeature = {
  auditLabels: identityAuditLabels,
  routes: identityRoutes,
};

export { ChangePasswordForm } from './components/ChangePasswordForm';
export { LoginForm } from './components/LoginForm';
export { TwoFactorSetup } from './components/TwoFactorSetup';

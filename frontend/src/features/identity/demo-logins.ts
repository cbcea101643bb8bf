import type { Role } from '@contracts/auth';

/** Seeded accounts of local mode (seeds/demo); the login page lists them only when the server runs locally. */
export const DEMO_PASSWORD = 'Policydesk-demo-1';

export const demoLogins: readonly { email: string; role: Role }[] = [
  { email: 'admin@demo.test', role: 'admin' },
  { email: 'manager@demo.test', role: 'manager' },
  { email: 'senior@demo.test', role: 'senior_agent' },
  { email: 'agent@demo.test', role: 'agent' },
  { email: 'agent2@demo.test', role: 'agent' },
  { email: 'underwriter@demo.test', role: 'underwriter' },
  { email: 'adjuster@demo.test', role: 'claims_adjuster' },
  { email: 'finance@demo.test', role: 'finance' },
  { email: 'controller@demo.test', role: 'finance_manager' },
];

// Shared by the portal API tests: customers with issued policies (through the real approval), and a
// customer registering through the real three steps, reading the code from the notifications outbox
// as the local sinks would show it.
import request from 'supertest';
import type { App } from 'supertest/types';
import type { BillingWorld, IssuedPolicy } from '../../billing/__tests__/billing-fixtures';

export const PORTAL_PASSWORD = 'Harbour-lantern-copper-91';

/** The env every portal test app gets: limits off unless a test turns them on. */
export const PORTAL_TEST_ENV = { PORTAL_REGISTRATION_LIMIT_PER_MINUTE: '0', PORTAL_REGISTRATION_LIMIT_PER_POLICY_PER_HOUR: '0' };

export interface PortalCustomer {
  issued: IssuedPolicy;
  customerId: string;
  policyNumber: string;
  dateOfBirth: string;
  email: string;
  auth: { Authorization: string };
  accessToken: string;
  username: string;
}

/** The code the outbox holds for a registration (what the email or text says). */
export async function codeOf(w: BillingWorld, registrationId: string): Promise<string | undefined> {
  const row = await w.t
    .db('notification_outbox')
    .where({ idempotency_key: `portal-registration:${registrationId}` })
    .first();
  return row?.data?.code as string | undefined;
}

/** The policy number as the API answers it. */
export const numberOf = (issued: IssuedPolicy): string => issued.policy.policyNumber as string;

export async function holderFacts(w: BillingWorld, issued: IssuedPolicy) {
  const c = await w.t.db('customers').where({ id: issued.customer.id }).first('date_of_birth', 'email');
  return { dateOfBirth: c.date_of_birth as string, email: String(c.email) };
}

export const start = (app: App, body: object) => request(app).post('/api/portal/registration').send(body);

/** Registers the holder of a freshly issued policy through all three steps. */
export async function registeredCustomer(w: BillingWorld, issued?: IssuedPolicy): Promise<PortalCustomer> {
  const policy = issued ?? (await w.issuedPolicy());
  const { dateOfBirth, email } = await holderFacts(w, policy);
  const started = await start(w.t.app, { policyNumber: numberOf(policy), dateOfBirth }).expect(202);
  const code = await codeOf(w, started.body.registrationId);
  if (!code) throw new Error('no registration code in the outbox');
  const verified = await request(w.t.app).post('/api/portal/registration/verify').send({ registrationId: started.body.registrationId, code }).expect(200);
  const done = await request(w.t.app).post('/api/portal/registration/complete').send({ registrationId: started.body.registrationId, password: PORTAL_PASSWORD }).expect(201);
  return {
    issued: policy,
    customerId: policy.customer.id,
    policyNumber: numberOf(policy),
    dateOfBirth,
    email,
    accessToken: done.body.accessToken,
    auth: { Authorization: `Bearer ${done.body.accessToken}` },
    username: verified.body.username,
  };
}

import { expect } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import type { ApiSession } from './session';

/** A surname no demo customer has, so searches find exactly the test's own customer. */
export function uniqueSurname(stem: string): string {
  const letters = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
  return `${stem}${letters}`;
}

export interface CreatedCustomer {
  id: string;
  customerNumber: string;
  version: number;
}

/**
 * Creates a customer in the session user's branch through the API: by default a 35-year-old Texan
 * man, non-smoker, occupation class 1 (every reference product's ordinary case).
 */
export async function createCustomer(
  request: APIRequestContext,
  session: ApiSession,
  person: { firstName: string; lastName: string } & Record<string, unknown>,
): Promise<CreatedCustomer> {
  const year = new Date().getFullYear();
  const response = await request.post('/api/customers', {
    headers: session.headers,
    data: {
      dateOfBirth: `${year - 35}-01-15`,
      gender: 'male',
      email: `${person.lastName.toLowerCase()}@example.org`,
      address: { line1: '700 Congress Ave', city: 'Austin', postalCode: '78701', region: 'TX', country: 'US' },
      occupationClass: 1,
      smoker: false,
      preferredChannel: 'phone',
      consents: { marketing: false, dataProcessing: true },
      branchId: session.user.branchId,
      ...person,
    },
  });
  expect(response.status()).toBe(201);
  return response.json();
}
